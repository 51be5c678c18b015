"""Tag post-processing: WeasyPrint's PDF + what record.py saw -> a structure tree a screen reader can trust (pikepdf).

Done here: the pieces of an element split by page breaks become one element; margin-box text
(running header, footer, "Page X of Y") becomes /Artifact /Pagination; aria-hidden decoration
becomes /Artifact; list items get Lbl + LBody (a step's number, a term as the Lbl of its
explanation); header cells get /Scope and no dangling /Headers or /ID; /Lang on spans in another
language; /ActualText where WeasyPrint's text layer gets right-to-left text wrong; every link
annotation gets /Contents naming its target; the parent tree is rebuilt from the final tree.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

from .record import KEY, Recorder

# Where WeasyPrint's right-to-left text layer needs /ActualText: combining marks and mirrored brackets.
_NEEDS_ACTUAL = re.compile(r"[\u064B-\u065F\u0670()\[\]{}<>«»]|\u0644[\u0622\u0623\u0625\u0627\u0649]")


@dataclass
class _State:
    recorder: Recorder
    rtl: bool
    pages: dict[tuple[int, int], int]
    hidden: set[tuple[int, int]] = field(default_factory=set)


def retag(data: bytes, recorder: Recorder, rtl: bool) -> bytes:
    """Rewrite the structure tree and marked content of a WeasyPrint PDF/UA file; same input -> same bytes."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.StructTreeRoot
    state = _State(recorder, rtl, {p.objgen: i for i, p in enumerate(pdf.pages)})
    document = root.K[0]
    _normalize(document, state)
    owners = _parent_tree(pdf, root, document, state)
    _rewrite_content(pdf, owners, state)
    _describe_links(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _kids(node: Dictionary) -> list[object]:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _is_elem(node: object) -> bool:
    return isinstance(node, Dictionary) and "/S" in node


def _info(node: Dictionary, state: _State) -> tuple[str, dict[str, str]]:
    key = node.get("/" + KEY)
    return state.recorder.elements.get(int(key), ("", {})) if key is not None else ("", {})


def _page(node: Dictionary, state: _State) -> int:
    return state.pages.get(node.Pg.objgen, -1) if "/Pg" in node else -1


def _last_page(node: Dictionary, state: _State) -> int:
    pages = [_page(node, state)] + [_last_page(k, state) for k in _kids(node) if _is_elem(k)]
    return max(pages)


def _normalize(node: Dictionary, state: _State) -> None:
    """Merge page-split siblings, then fix roles and attributes, depth first."""
    kids: list[object] = []
    for kid in _flattened(node):
        if _is_elem(kid) and _info(kid, state)[1].get("aria-hidden") == "true":
            state.hidden.update(_mcids(kid, state))
            continue
        prev = kids[-1] if kids else None
        if _is_elem(kid) and str(kid.S) in ("/THead", "/TFoot"):
            earlier = next((k for k in kids if _is_elem(k) and k.get("/" + KEY) == kid.get("/" + KEY)), None)
            if earlier is not None and any(True for _ in _mcids(earlier, state)):
                continue  # a table's heading row repeated on the next page: page furniture, an artifact
            if earlier is not None:
                kids.remove(earlier)  # an empty piece left where the caption was
        if (_is_elem(kid) and _is_elem(prev) and "/" + KEY in kid and prev.get("/" + KEY) == kid.get("/" + KEY)
                and _page(kid, state) > _last_page(prev, state)):
            _absorb(prev, kid, state)
            continue
        kids.append(kid)
    node.K = Array(kids)
    for kid in kids:
        if _is_elem(kid):
            _normalize(kid, state)
    _fix(node, state)


def _flattened(node: Dictionary) -> list[object]:
    """Children, with anonymous boxes of the node's own element (same key, same role: a table layout's boxes) spliced out."""
    out: list[object] = []
    for kid in _kids(node):
        if _is_elem(kid) and "/" + KEY in kid and kid.get("/" + KEY) == node.get("/" + KEY) and kid.S == node.S:
            for inner in _flattened(kid):
                if _is_elem(inner):
                    inner.P = node
                out.append(inner)
        else:
            out.append(kid)
    return out


def _absorb(first: Dictionary, later: Dictionary, state: _State) -> None:
    """Move later's children into first (the same HTML element, continued on a later page)."""
    moved = []
    for kid in _kids(later):
        if isinstance(kid, int) and _page(later, state) != _page(first, state):
            kid = Dictionary(Type=Name.MCR, MCID=kid, Pg=later.Pg)
        elif _is_elem(kid):
            kid.P = first
        moved.append(kid)
    first.K = Array(_kids(first) + moved)


def _fix(node: Dictionary, state: _State) -> None:
    tag, attrib = _info(node, state)
    role = str(node.S)
    if tag == "th":
        node.A = Dictionary(O=Name.Table, Scope=Name.Row if attrib.get("scope") == "row" else Name.Column)
        if "/ID" in node:
            del node["/ID"]
    elif tag == "td" and "/A" in node and "/Headers" in node.A:
        del node.A["/Headers"]
    if "lang" in attrib and role != "/Document":
        node.Lang = pikepdf.String(attrib["lang"])
    if role == "/LI":
        _list_label(node, state)
    if tag == "dl":
        node.K = Array([_term_item(k, state) if _is_elem(k) and _info(k, state)[0] == "div" else k for k in _kids(node)])


def _list_label(item: Dictionary, state: _State) -> None:
    """A list item whose number is a ::before box (steps): that box becomes the Lbl, before the LBody."""
    kids = _kids(item)
    if len(kids) != 1 or not _is_elem(kids[0]) or str(kids[0].S) != "/LBody":
        return
    body = kids[0]
    inner = _kids(body)
    label = next((k for k in inner if _is_elem(k) and _info(k, state)[0].endswith(("::before", "::marker"))), None)
    if label is None:
        return
    body.K = Array([k for k in inner if k is not label])
    label.S, label.P = Name.Lbl, item
    item.K = Array([label, body])


def _term_item(div: Dictionary, state: _State) -> Dictionary:
    """<div><dt/><dd/></div> in a <dl> -> LI > Lbl (the term) + LBody (its explanation)."""
    parts = []
    for kid in _kids(div):
        body = _kids(kid)[0] if _is_elem(kid) and str(kid.S) == "/LI" and len(_kids(kid)) == 1 else kid
        if _is_elem(body):
            body.S = Name.Lbl if _info(body, state)[0] == "dt" else Name.LBody
            body.P = div
        parts.append(body)
    div.S, div.K = Name.LI, Array(parts)
    return div


def _mcids(node: Dictionary, state: _State) -> Iterator[tuple[int, int]]:
    page = _page(node, state)
    for kid in _kids(node):
        if isinstance(kid, int):
            yield page, int(kid)
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            yield state.pages[kid.Pg.objgen], int(kid.MCID)
        elif _is_elem(kid):
            yield from _mcids(kid, state)


def _walk(node: Dictionary) -> Iterator[Dictionary]:
    yield node
    for kid in _kids(node):
        if _is_elem(kid):
            yield from _walk(kid)


def _parent_tree(pdf: pikepdf.Pdf, root: Dictionary, document: Dictionary, state: _State) -> dict[tuple[int, int], Dictionary]:
    """Rebuild /ParentTree from the final tree: (page, MCID) -> owner; annotations numbered after the pages."""
    owners: dict[tuple[int, int], Dictionary] = {}
    annots: list[tuple[Dictionary, Dictionary]] = []
    for elem in _walk(document):
        if "/" + KEY in elem:
            del elem["/" + KEY]
        page = _page(elem, state)
        for kid in _kids(elem):
            if isinstance(kid, int):
                owners[(page, int(kid))] = elem
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                owners[(state.pages[kid.Pg.objgen], int(kid.MCID))] = elem
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                annots.append((kid.Obj, elem))
    nums: list[object] = []
    for index in range(len(pdf.pages)):
        mine = {m: e for (p, m), e in owners.items() if p == index}
        size = max(mine, default=-1) + 1
        nums += [index, pdf.make_indirect(Array([mine.get(m, None) for m in range(size)]))]
    for number, (annot, elem) in enumerate(annots, start=len(pdf.pages)):
        annot.StructParent = number
        nums += [number, elem]
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = len(pdf.pages) + len(annots)
    return owners


def _rewrite_content(pdf: pikepdf.Pdf, owners: dict[tuple[int, int], Dictionary], state: _State) -> None:
    """Marked content outside the tree -> /Artifact (pagination for margin boxes); /ActualText where needed."""
    texts = state.recorder.texts
    for index, page in enumerate(pdf.pages):
        ops = []
        changed = False
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                at = (index, int(operands[1].MCID))
                if at not in owners:
                    where = state.recorder.margins.get(at)
                    props = Dictionary(Type=Name.Pagination, Subtype=Name("/" + where)) if where else Dictionary(Type=Name.Layout)
                    operands = [Name.Artifact, props]
                    changed = True
                elif state.rtl and _NEEDS_ACTUAL.search(texts.get(at, "")):
                    # -- on the structure element only: poppler reverses a marked-content /ActualText in RTL lines --
                    owners[at].ActualText = pikepdf.String(texts[at])
            ops.append(pikepdf.ContentStreamInstruction(operands, operator))
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


def _describe_links(pdf: pikepdf.Pdf) -> None:
    """Every link annotation says where it goes (/Contents), for screen readers that list links."""
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != Name.Link or "/A" not in annot or "/URI" not in annot.A:
                continue
            uri = str(annot.A.URI)
            target = uri.split(":", 1)[1] if uri.startswith(("mailto:", "tel:")) else uri
            annot.Contents = pikepdf.String(target)

