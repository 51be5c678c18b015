"""One sentence -> promotional hits, each judged in its own clause: negation, condition, hedge, safety warning.

A sentence is cut into clauses at punctuation, at the language's clause breaks ("but",
"because") and before a sales verb joined by "and"/"then" ("never feel embarrassed again and
buy it online"). Every cue is then judged where it stands: a negation or a condition before
it in its clause ("Do not buy ... online", "If you order medicines online, ..."), or, for
languages that put the negation after the verb (German "Kaufen Sie ... nicht"), anywhere in
its clause, switches it off; hedges ("some people have no side effects") switch off claims;
a safety warning in the sentence ("... is illegal and dangerous", "may be fake") switches off
commerce, and so does a hospital or health service speaking (`institution`: "the hospital
pharmacy can deliver it to your home") unless the sentence offers the medicine without a
prescription. Context (the medicine named, "online", a price) is looked up in the cue's own
clause, so adding a sales word can add a finding but never remove one. The sentence's live
offer parts are kept as evidence for its segment (detector.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import commerce, intent, lexicon, signals
from .detector import Detector, Hit, Judgement, name_heads
from .lexicon import Token
from .normalise import bare, fold

_PUNCT = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]—–!?¿¡…\"«»“”„،؛|]|\s[-–/]\s|\.(?=\s|$)")
# a number with a unit of time (any of the seven languages, and 24/48 h): a delivery promise, not a pack size
_TIMED = re.compile(r"\d\s?(?:h\b|hrs?\b|hours?|days?|d[ií]as?|jours?|dni|dzie|tag|stund|godzin|днів|дні|день|годин|ساع|يوم|أيام|ايام)|\d{2}/\d{2}\s?h")
_AR_CONJ = re.compile(r"^[وف](?=\w{3,})")


@dataclass
class Clause:
    """A run of tokens between clause boundaries, with the cues found in it."""

    toks: list[Token]
    start: int
    end: int
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    negs: list[int] = field(default_factory=list)
    conds: list[int] = field(default_factory=list)
    hedges: list[int] = field(default_factory=list)

    def words(self, i: int, j: int) -> str:
        return " ".join(t.text for t in self.toks[i:j])


def split(folded: str, lang: str, names: tuple[str, ...]) -> list[Clause]:
    """The clauses of a folded sentence with every cue found in each (one index lookup per word)."""
    groups = lexicon.groups(lang)
    index = lexicon.everything(lang)
    pieces, pos = [], 0
    for m in _PUNCT.finditer(folded):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(folded)))
    verbs = [groups[k] for k in ("sale", "sale_imperative", "acquire") if k in groups]
    urls = signals.address_spans(folded)
    out: list[Clause] = []
    for a, b in pieces:
        toks = lexicon.tokens(folded[a:b], lang, a)
        if not toks:
            continue
        negation = frozenset(i for i, _, _ in groups["negation"].find(toks)) if "negation" in groups else frozenset()
        spans = index.find(toks, skip=negation)
        starts: dict[str, set[int]] = {}
        for i, _, p in spans:
            starts.setdefault(p.kind, set()).add(i)
        verb_at = starts.get("sale", set()) | starts.get("sale_imperative", set()) | starts.get("acquire", set())
        cut = [0]
        for i in range(1, len(toks)):
            if i in starts.get("clause_breaks", ()):
                cut.append(i)
            elif i in starts.get("coordinators", ()) and i + 1 in verb_at:
                cut.append(i)
            elif lang == "ar" and _AR_CONJ.match(toks[i].text) and any(v.find(lexicon.tokens(toks[i].text[1:], lang), start_only=True) for v in verbs):
                cut.append(i)  # و / ف written joined to the verb they coordinate
        cut.append(len(toks))
        for x, y in zip(cut, cut[1:]):
            if y <= x:
                continue
            c = Clause(toks[x:y], toks[x].start, toks[y].start if y < len(toks) else b)
            c.cues = {kind: [] for kind in groups}
            for i, j, p in spans:
                if x <= i and j <= y:
                    c.cues[p.kind].append((i - x, j - x))
            _mark(c, names, "\U0001f48a" in folded[c.start:c.end], urls)  # 💊 stands for the medicine
            out.append(c)
    return out


def _mark(c: Clause, names: tuple[str, ...], pill: bool, urls: list[tuple[int, int]]) -> None:
    heads = name_heads(names)
    # a brand-shaped word inside a web address ("www.acnesupport.org.uk") is part of a name, not the medicine
    c.cues["medicine"] = c.cues.get("refs", []) + [(i, i + 1) for i, t in enumerate(c.toks)
                                                    if any(t.bare.startswith(n) for n in heads.get(t.bare[:4], ()))
                                                    or (signals.brand_like(t.bare) and not any(a <= t.start < b for a, b in urls))]
    if pill:
        c.cues["medicine"].append((0, 0))
    masked = {k for i, j in c.cues.get("not_negation", []) for k in range(i, j)}
    c.negs = [i for i, _ in c.cues.get("negation", []) if i not in masked]
    # "before 2pm", "antes de las 14 h", "قبل الساعة 2": a time of day, not a condition
    c.conds = [i for i, _ in c.cues.get("conditionals", []) if not any(ch.isdigit() for t in c.toks[i + 1:i + 4] for ch in t.text)]
    c.hedges = [i for i, _ in c.cues.get("hedges", [])]


def judge(sentence: str, d: Detector) -> Judgement:
    """One sentence -> its hits and its offer evidence."""
    folded = fold(sentence)
    clauses = split(folded, d.lang, d.names)
    # "acne pills" and "pills" are the medicine, but not in "some acne treatments you can buy ..." or "painkiller tablets can be bought ..."
    if not any(c.hedges or c.cues.get("otc") for c in clauses):
        for c in clauses:
            c.cues["medicine"] = c.cues["medicine"] + c.cues.get("category", []) + c.cues.get("generic", [])
    after_words = (lexicon.load(d.lang) or {}).get("negation_after") or ()
    after_words = {bare(fold(w)) for w in after_words} if isinstance(after_words, list) else set()
    neg_after = bool(after_words)
    if neg_after:  # "Kaufen und bestellen Sie es nicht": the negation at the end covers the coordinated verb
        for c, nxt in zip(clauses, clauses[1:]):
            if len(c.toks) <= 3 and nxt.negs:
                c.negs = c.negs + [len(c.toks)]

    relative = lexicon.groups(d.lang).get("relative")
    for prev, c in zip(clauses, clauses[1:]):  # "Kaufen Sie keine Arzneimittel bei Händlern, die kein Rezept verlangen"
        if relative and prev.negs and relative.find(c.toks, start_only=True):
            c.negs = c.negs + [-1]

    def negated(c: Clause, i: int, j: int) -> bool:
        return any(n < i for n in c.negs) or (neg_after and any(n >= j and (n >= len(c.toks) or n - j <= 1 or c.toks[n].bare in after_words) for n in c.negs))

    def live(c: Clause, i: int, j: int, hedged: bool = False) -> bool:
        if negated(c, i, j) or any(k < i for k in c.conds):
            return False
        # a hedge anywhere before a claim in the sentence ("In many people, it clears acne") takes the absolute out of it
        return not (hedged and (any(h < i for h in c.hedges) or any(o.hedges for o in clauses[: clauses.index(c)])))

    safety = any(live(c, i, j) for c in clauses for i, j in c.cues.get("safety", []))
    if not safety and any(live(c, i, j) for c in clauses for i, j in c.cues.get("trust", [])):
        advising = any(c.negs or c.conds for c in clauses)
        seller = any(live(c, i, j) for c in clauses for k in ("shop", "seller_contact") for i, j in c.cues.get(k, []))
        safety = advising or not seller
    # a hospital, the NHS, a care team or a patient programme speaking: its delivery, pharmacy and phone are a service
    # ... unless the sentence offers the medicine without a prescription or names an "online clinic"
    access = any(live(c, i, j) for c in clauses for k in ("norx", "norx_strong") for i, j in c.cues.get(k, []))
    institution = not access and any(not any(n < i for n in c.negs) and not any(b == i for _, b in c.cues.get("online", []))  # "If your pharmacy ..." counts
                                     for c in clauses for i, j in c.cues.get("institution", []))
    hits: list[Hit] = []
    # "you can use sunscreen without risk": a claim about another product the sentence names, not the medicine
    about_otc = any(c.cues.get("otc") for c in clauses) and not any(c.cues.get("medicine") for c in clauses)
    contrast = any(c.cues.get("clause_breaks") or c.hedges for c in clauses)  # "... better than antibiotics, but it has more side effects"

    def add(category: str, c: Clause, span: tuple[int, int], reason: str, strength: int = 0) -> None:
        hits.append(Hit(category, c.words(*span), reason, strength=strength))

    for n, c in enumerate(clauses):
        ctx = dict(c.cues)
        if len(c.toks) <= 3:  # a fragment ("no prescription", "cheap") takes its context from the clauses around it
            for other in clauses[max(n - 1, 0):n] + clauses[n + 1:n + 2]:
                for k, v in other.cues.items():
                    ctx[k] = ctx.get(k, []) + [(-1, -1)] * len(v)

        def any_of(*kinds: str) -> bool:
            return any(k in ctx and any(s[0] < 0 or live(c, *s) or k in ("medicine", "online", "shop") for s in ctx[k]) for k in kinds)

        strong = [("cheap_strong", "commerce", "a sales offer"), ("delivery_strong", "commerce", "a delivery offer"),
                  ("cod", "commerce", "payment on delivery"), ("offer_words", "commerce", "a multi-buy offer"),
                  ("urgency_strong", "urgency", "pressure to buy now"), ("norx_strong", "access", "the medicine offered without a prescription"),
                  ("endorsement", "endorsement", "an endorsement"), ("social", "endorsement", "customer testimonials"),
                  ("seller_contact", "commerce", "ordering from a private seller"),
                  ("affiliate", "commerce", "an affiliate or sponsored review")]
        for kind, category, reason in strong:
            for span in c.cues.get(kind, []):
                if live(c, *span) and not (category in ("commerce", "access") and safety) and not (kind == "delivery_strong" and institution):
                    add(category, c, span, reason, strength=1)
        for span in c.cues.get("claims", []) + c.cues.get("no_side_effects", []):
            if live(c, *span, hedged=True) and not about_otc:
                add("claims", c, span, "an absolute claim of safety or effect")
        for span in c.cues.get("harmless", []):
            # -- "This is harmless" reassures about a side effect in many real leaflets: a bare "harmless" is a claim only
            #    with the medicine, an acne-drug category or an offer in its clause ("Harmless and natural acne capsules") --
            if live(c, *span, hedged=True) and not about_otc and any_of("medicine", "category", "sale", "sale_imperative", "cheap", "cheap_strong", "shop", "online", "delivery", "urgency"):
                add("claims", c, span, "an absolute claim of safety or effect")
        for span in c.cues.get("comparative", []):
            if live(c, *span, hedged=True) and not contrast:
                add("claims", c, span, "a claim of superiority without its limits")
        if not (safety or institution):
            sale = [s for s in c.cues.get("sale", []) if live(c, *s)]
            imperative = [s for s in c.cues.get("sale_imperative", []) if s[0] == 0 and live(c, *s)]
            service = {i for i, _ in c.cues.get("service", [])}
            for s in sale:
                # the medicine counts as what is sold when it comes before the verb or within four words after it
                # ("order isotretinoin capsules"), not in a later clause of its own ("medicines you buy ... interact with isotretinoin")
                sold = any(i < s[0] or i < s[1] + 4 for i, _ in ctx.get("medicine", []))
                if (sold or any_of("cheap", "delivery", "urgency", "shop")) and not _object_is_service(s, service, c):
                    add("commerce", c, s, "a sales verb with the medicine, a price or an offer")
            for s in imperative:
                if any_of("medicine", "online", "norx", "cheap", "delivery", "urgency", "shop") and not _object_is_service(s, service, c):
                    add("commerce", c, s, "an order to buy", strength=2)
            for s in c.cues.get("acquire", []):
                if live(c, *s) and any_of("medicine") and any_of("norx", "online", "cheap", "delivery", "urgency", "shop"):
                    add("commerce", c, s, "getting the medicine through a seller")
            for s in c.cues.get("norx", []):
                offered = any(i < s[0] or i < s[1] + 3 for i, _ in ctx.get("medicine", []))  # "medicines you buy without a prescription can interact with isotretinoin" is not an offer
                if live(c, *s) and (offered or any_of("online", "shop", "cheap", "delivery", "urgency")):
                    add("access", c, s, "the medicine offered without a prescription")
            for s in c.cues.get("cheap", []):
                if live(c, *s) and any_of("medicine", "sale", "online", "shop"):
                    add("commerce", c, s, "a low price for the medicine")
            for s in c.cues.get("delivery", []):
                timed = bool(_TIMED.search(folded[c.start:c.end]))  # "delivery in 7-10 days", not "a pack of 30"
                # "we send" is a seller and a delivery: as its own context it would confirm itself ("we will send you a reminder")
                seller = any(x[0] < 0 or x[1] <= s[0] or s[1] <= x[0] for x in ctx.get("shop", []))
                if live(c, *s) and (any_of("medicine") or seller or timed) and not any_of("service"):
                    add("commerce", c, s, "the medicine delivered by a seller")
            for s in c.cues.get("shop", []):
                sells = any(not _object_is_service(x, service, c) for x in sale)  # "ask us for a copy of this leaflet" sells nothing
                if live(c, *s) and (any_of("medicine", "norx") or sells or any(x[0] < 0 for x in ctx.get("sale", []))):
                    add("commerce", c, s, "a seller of the medicine")
            for s in c.cues.get("save", []):
                if live(c, *s) and (signals.percent_in(folded[c.start:c.end]) or any_of("medicine")):
                    add("commerce", c, s, "a saving on the price")
    hits += _direct_to_consumer(clauses)
    # -- "the pregnancy warnings are massively exaggerated": risks played down, a claim of safety in other words; a hedged or
    #    negated one ("some stories online are exaggerated", "the risk is not exaggerated") is no claim --
    if any(c.cues.get("risk_words") for c in clauses):
        for c in clauses:
            for span in c.cues.get("downplay", []):
                if live(c, *span, hedged=True):
                    hits.append(Hit("claims", c.words(*span), "the medicine's risks played down"))
                    break
    services = {(id(c), s) for c in clauses for s in c.cues.get("sale", []) + c.cues.get("sale_imperative", []) + c.cues.get("acquire", [])
                if _object_is_service(s, {i for i, _ in c.cues.get("service", [])}, c)}  # "order your repeat prescription", "get medical help"

    def offered(c: Clause, i: int, j: int) -> bool:
        return (id(c), (i, j)) not in services and live(c, i, j)

    sig, kinds = commerce.signal_hits(sentence, folded, clauses, d, safety or institution, offered)
    hits += [h for h in sig if h.category not in intent.EVIDENCE_ONLY]
    if not (safety or institution):
        hits += intent.sentence_hits(sentence, clauses, offered, [h.category for h in sig], Hit, bool(hits))
    advice = any(not live(c, i, j) for c in clauses for k in commerce.SELLING + ("online",) for i, j in c.cues.get(k, []))
    fee = commerce.fee(clauses)
    # a warning or a service's wording clears its whole segment; advice against buying or a charge only gives no parts
    parts = () if (advice or fee) else tuple(intent.evidence(clauses, offered, kinds).items())
    pooled = None if (safety or institution) else intent.Evidence(parts, any(c.hedges for c in clauses))
    return Judgement(tuple(hits), pooled, advice)


def _object_is_service(s: tuple[int, int], service: set[int], c: Clause) -> bool:
    """"Order your repeat prescription": the thing ordered is an NHS service, not the medicine."""
    return any(s[1] <= k <= s[1] + 2 or s[0] - 3 <= k < s[0] for k in service) and not c.cues.get("norx")  # "Receptę ... możesz zamówić"


def _direct_to_consumer(clauses: list[Clause]) -> list[Hit]:
    """A direct-to-consumer advert's tagline: "Ask your doctor whether <a named medicine> is right for you", over one clause or the next.

    Advice names no medicine there ("ask your doctor which contraception is right for you", "... whether a generic is
    right for you"), and says it the other way round ("only your dermatologist can decide whether isotretinoin is right for you").
    """
    out: list[Hit] = []
    for k, c in enumerate(clauses):
        for ask in c.cues.get("dtc_ask", []):
            if any(n < ask[0] for n in c.negs):
                continue
            after = [(0, c, ask[1])] + [(1, c2, 0) for c2 in clauses[k + 1:k + 2]]
            named = [(d, i) for d, c2, start in after for i, _ in c2.cues.get("medicine", []) if i >= start]
            right = [(d, c2, r) for d, c2, start in after for r in c2.cues.get("right_for_you", []) if r[0] >= start]
            fit = next(((d, c2, r) for d, c2, r in right if any((m, i) < (d, r[0]) for m, i in named)), None)
            if fit is not None:
                words = c.words(*ask) + " … " + fit[1].words(*fit[2])
                out.append(Hit("claims", words, "a direct-to-consumer advert: it asks you to request a named medicine"))
                break  # -- one finding a clause: "zapytaj dermatologa" and "zapytaj swojego dermatologa" are one request --
        # -- "Ask your dermatologist about Absorica.": a brand as the whole subject of the question, at the clause's end; advice asks
        #    about something else ("... about contraception", "... about stopping isotretinoin") or names the generic medicine --
        brands = {i for i, _ in c.cues.get("medicine", []) if i < len(c.toks) and not _generic(c.toks[i].bare)}
        for ask in c.cues.get("dtc_about", []):
            named = [i for i in (ask[1], ask[1] + 1) if i in brands]
            if named and len(c.toks) - named[0] <= 3 and not any(n < ask[0] for n in c.negs):
                out.append(Hit("claims", c.words(ask[0], named[0] + 1), "a direct-to-consumer advert: it asks you to request a named medicine"))
                break
    return out


@lru_cache(maxsize=4096)
def _generic(word: str) -> bool:
    """Whether a bare folded word is a generic medicine name of medicines.yml (isotretinoin, izotretynoinę), not a brand."""
    from . import medicines
    from .detector import name_keys

    keys = name_keys(tuple(n for g in medicines().values() for n in g.get("generic", [])))
    return any(word.startswith(k) for k in keys)

