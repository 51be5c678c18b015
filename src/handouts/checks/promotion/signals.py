"""Language-independent commercial signals in one folded sentence: web addresses, prices, codes, offers, apps, phones.

They hold in any locale, with or without phrase data (a Chinese leaflet gets them too). Each
signal carries its character span in the folded sentence, so the clause judge can still
apply a language's negation ("never order from WhatsApp sellers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml


@dataclass(frozen=True)
class Signal:
    """One language-independent cue: kind, the words as written (folded), span in the folded sentence."""

    kind: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def common() -> dict[str, Any]:
    """checks/data/promotion/common.yml: currencies, apps, top-level domains, official domains."""
    path = resources.files("handouts.checks").joinpath("data", "promotion", "common.yml")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = common()
    tlds = "|".join(sorted(map(re.escape, data["tlds"]), key=len, reverse=True))
    symbols = "".join(re.escape(s) for s in data["currency_symbols"])
    words = "|".join(sorted(map(re.escape, data["currency_words"]), key=len, reverse=True))
    number = r"\d{1,3}(?:[ .,\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
    apps = "|".join(sorted(map(re.escape, data["apps"]), key=len, reverse=True))
    return {
        "email": re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[\w-]{2,})"),
        "url": re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+|(?<![\w@.-])(?:[\w-]+\.)+(?:" + tlds + r")(?![\w-])(?:/[^\s<>\"'()]*)?"),
        "price": re.compile(r"(?:[" + symbols + r"]\s?(?:" + number + r"))|(?:(?<![\w.,])(?:" + number + r")\s?(?:[" + symbols + r"]|(?:" + words + r")(?![^\W\d_])))"),
        "percent_off": re.compile(r"(?<![\w])[-−–]\s?\d{1,2}\s?[%٪]|\d{1,2}\s?[%٪]\s?(?:off|discount)\b"),
        "payment": re.compile(r"(?<![a-zа-яіїєґ])(?:" + "|".join(sorted(map(re.escape, data["payments"]), key=len, reverse=True)) + r")"),  # PayPalem, BLIK-iem: inflected
        "percent": re.compile(r"\d{1,2}\s?[%٪]"),
        "x_for_y": re.compile(r"(?<![\w.,])([2-9])\s?(?:x|×|for|por|za|pour|für|по|за|по ціні|بسعر)\s?([1-8])(?![\w.,])(?!\s?(?:mg|g|ml|mcg|µg|iu|%|mm|cm|kg)\b)"),
        # no word boundary in Han text; a Latin name may take a case ending ("na Telegramie", "przez WhatsAppa")
        "app": re.compile(r"(?<![a-zа-яіїєґ\d])(?:" + apps + r")(?:(?<=[a-z]{5})[a-z]{1,3})?(?![a-zа-яіїєґ])"),
        "social": re.compile(r"(?<![a-zа-яіїєґ\d])(?:" + "|".join(sorted(map(re.escape, data["social_networks"]), key=len, reverse=True)) + r")"),
        "handle": re.compile(r"(?<![\w@.])@[a-z_][\w.]{2,}\w"),
        "phone": re.compile(r"(?<![\w+])\+?\d[\d ()./\-\u00a0]{6,}\d(?![\w])"),
    }


_CODE = re.compile(r"(?<![\w-])([^\W\d_]{4,})(\d{1,3})(?![\w-])")
_CAPS = re.compile(r"(?<![\w-])[^\W\d_]{4,}(?![\w-])")


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """A host is allowed when it is, or ends with ".", an allowed domain (official suffixes included)."""
    host = host.lower().removeprefix("www.").rstrip(".")
    return any(host == a or host.endswith("." + a) for a in allowed)


def _host(url: str) -> str:
    url = re.sub(r"^(?:https?://)?", "", url)
    return re.split(r"[/?#:]", url, maxsplit=1)[0].rstrip(".,;")


def find(folded: str, original: str, allowed: tuple[str, ...], phones: tuple[str, ...]) -> list[Signal]:
    """Every language-independent signal of one sentence (folded text; original for capitals)."""
    p = _patterns()
    out: list[Signal] = []
    taken: list[tuple[int, int]] = []
    for m in p["email"].finditer(folded):
        taken.append(m.span())
        if not host_allowed(m.group(1), allowed):
            out.append(Signal("web address", m.group(0), *m.span()))
    for m in p["url"].finditer(folded):
        if any(a <= m.start() < b for a, b in taken) or not re.search(r"[^\W\d_]", m.group(0)):
            continue
        if re.fullmatch(r"(?:[\w-]+\.)+[\w-]+", m.group(0)) and not re.search(r"[^\W\d_]{2,}\.", m.group(0)):
            continue  # "2.5.mg" and similar are not addresses
        taken.append(m.span())
        if not host_allowed(_host(m.group(0)), allowed):
            out.append(Signal("web address", m.group(0).rstrip(".,;"), *m.span()))
    for m in p["handle"].finditer(folded):
        if not any(a <= m.start() < b for a, b in taken):
            out.append(Signal("messaging app", m.group(0), *m.span()))
    for m in p["social"].finditer(folded):
        if not any(a <= m.start() < b for a, b in taken):
            out.append(Signal("social network", m.group(0), *m.span()))
    for kind in ("price", "percent_off", "app", "payment"):
        for m in p[kind].finditer(folded):
            if not any(a <= m.start() < b for a, b in taken):
                out.append(Signal({"price": "price", "percent_off": "discount", "app": "messaging app", "payment": "payment"}[kind], m.group(0).strip(), *m.span()))
                taken.append(m.span())
    for m in p["x_for_y"].finditer(folded):
        if int(m.group(1)) > int(m.group(2)):
            out.append(Signal("offer", m.group(0), *m.span()))
    for m in p["phone"].finditer(folded):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= 9 and not any(a <= m.start() < b for a, b in taken) and digits[-9:] not in phones:
            out.append(Signal("phone number", m.group(0).strip(), *m.span()))
    for m in _CODE.finditer(original):
        if m.group(1).isupper():
            out.append(Signal("discount code", m.group(0).lower(), 0, 0))
    if any(s.kind == "phone number" for s in out):
        for m in _CAPS.finditer(original):
            if m.group(0).isupper():
                out.append(Signal("text-to-order keyword", m.group(0), 0, 0))
                break
    return out


def address_spans(folded: str) -> list[tuple[int, int]]:
    """Character spans of the web and e-mail addresses in a folded text."""
    p = _patterns()
    return [m.span() for kind in ("email", "url") for m in p[kind].finditer(folded)]


def commercial_address(url: str) -> bool:
    """Whether a web address looks like a shop: a shop top-level domain, or sales or pharmacy words in its host or path.

    An unknown address that does not (a hospital's, a registry's) is reported only when its
    sentence also sells something (see commerce.signal_hits).
    """
    data = common()
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("@")[-1]
    host, _, path = url.partition("/")
    if host.rsplit(".", 1)[-1] in data["shop_tlds"]:
        return True
    words = re.split(r"[\W_\d]+", host + " " + path)
    return any(w in data["shop_words"] or any(w.startswith(p) or w.endswith(p) for p in data["shop_word_parts"]) for w in words if w)


@lru_cache(maxsize=65536)
def brand_like(word: str) -> bool:
    """Whether a bare folded word is shaped like an isotretinoin brand (Acnotin, Curacne, Isotrexin, Акнекутан, ...).

    Brand lists are never complete; these name shapes (common.yml `brand_like`) catch the
    regional ones a list misses, minus the ordinary words for acne and its compounds (`brand_like_not`).
    """
    data = common()
    return not any(re.search(p, word) for p in data["brand_like_not"]) and any(re.search(p, word) for p in data["brand_like"])


def percent_in(text: str) -> bool:
    """Whether a folded clause holds a percentage."""
    return bool(_patterns()["percent"].search(text))


def allowed_domains(extra: Iterable[str]) -> tuple[str, ...]:
    """The built-in official domains plus the project's and document's own."""
    return tuple(sorted({d.lower().removeprefix("www.") for d in [*common()["official_domains"], *extra] if d}))
