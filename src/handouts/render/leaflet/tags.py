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
from .textlayer import join_raised_marks, reverse_rtl_ligatures

_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
# Where WeasyPrint's right-to-left text layer needs /ActualText: marks, lam-alef ligatures, mirrored brackets.
_NEEDS_ACTUAL = re.compile(r"[\u064B-\u065F\u0670()\[\]{}<>«»]|\u0644[\u0622\u0623\u0625\u0627\u0649]")


@dataclass(eq=False)
class _Node:
    """A structure element mirrored in Python (pikepdf access is slow): role, element key, page, children."""

    obj: Dictionary
    role: str
    key: int | None
    page: int
    kids: list[object] = field(default_factory=list)  # _Node | MCID (int, on self.page) | (page, MCID) | OBJR
    tag: str = ""
    attrib: dict[str, str] = field(default_factory=dict)

    def last_page(self) -> int:
        return max([self.page] + [k.last_page() for k in self.kids if isinstance(k, _Node)])

    def mcids(self) -> Iterator[tuple[int, int]]:
        for kid in self.kids:
            if isinstance(kid, int):
                yield self.page, kid
            elif isinstance(kid, tuple):
                yield kid
            elif isinstance(kid, _Node):
                yield from kid.mcids()


def retag(data: bytes, recorder: Recorder, rtl: bool) -> bytes:
    """Rewrite the structure tree and marked content of a WeasyPrint PDF/UA file; same input -> same bytes."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.StructTreeRoot
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    document = _mirror(root.K[0], pages, recorder)
    _normalize(document)
    owners = _write_back(pdf, root, document)
    _rewrite_content(pdf, owners, recorder, rtl)
    _describe_links(pdf)
    reverse_rtl_ligatures(pdf)
    join_raised_marks(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _mirror(obj: Dictionary, pages: dict[tuple[int, int], int], recorder: Recorder) -> _Node:
    key = obj.get("/" + KEY)
    pg = obj.get("/Pg")
    node = _Node(obj, str(obj.S), int(key) if key is not None else None, pages.get(pg.objgen, -1) if pg is not None else -1)
    if node.key is not None:
        node.tag, node.attrib = recorder.elements.get(node.key, ("", {}))
    k = obj.get("/K")
    for kid in ([] if k is None else list(k) if isinstance(k, Array) else [k]):
        if isinstance(kid, int):
            node.kids.append(int(kid))
        elif isinstance(kid, Dictionary) and "/S" in kid:
            node.kids.append(_mirror(kid, pages, recorder))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            node.kids.append((pages[kid.Pg.objgen], int(kid.MCID)))
        else:
            node.kids.append(kid)
    return node


def _normalize(node: _Node) -> None:
    """Merge page-split siblings, drop decoration and repeated heading rows, then fix roles, depth first."""
    kids: list[object] = []
    for kid in _flattened(node):
        if not isinstance(kid, _Node):
            kids.append(kid)
            continue
        if kid.attrib.get("aria-hidden") == "true":
            continue  # decoration: its marked content becomes an artifact
        if kid.role in ("/THead", "/TFoot"):
            earlier = next((k for k in kids if isinstance(k, _Node) and k.key == kid.key), None)
            if earlier is not None and any(True for _ in earlier.mcids()):
                continue  # a table's heading row repeated on the next page: page furniture, an artifact
            if earlier is not None:
                kids.remove(earlier)  # an empty piece left where the caption was
        prev = kids[-1] if kids else None
        if isinstance(prev, _Node) and kid.key is not None and prev.key == kid.key and kid.page > prev.last_page():
            _absorb(prev, kid)
            continue
        kids.append(kid)
    node.kids = kids
    for kid in kids:
        if isinstance(kid, _Node):
            _normalize(kid)
    _fix(node)


def _flattened(node: _Node) -> list[object]:
    """Children, with anonymous boxes of the node's own element (same key, same role: a table layout's boxes) spliced out."""
    out: list[object] = []
    for kid in node.kids:
        if isinstance(kid, _Node) and kid.key is not None and kid.key == node.key and kid.role == node.role:
            out += [(kid.page, k) if isinstance(k, int) and kid.page != node.page else k for k in _flattened(kid)]
        else:
            out.append(kid)
    return out


def _absorb(first: _Node, later: _Node) -> None:
    """Move later's children into first (the same HTML element, continued on a later page)."""
    first.kids += [(later.page, k) if isinstance(k, int) and later.page != first.page else k for k in later.kids]


def _fix(node: _Node) -> None:
    if node.tag == "th":
        node.obj.A = Dictionary(O=Name.Table, Scope=Name.Row if node.attrib.get("scope") == "row" else Name.Column)
        if "/ID" in node.obj:
            del node.obj["/ID"]
    elif node.tag == "td" and "/A" in node.obj and "/Headers" in node.obj.A:
        del node.obj.A["/Headers"]
    if "lang" in node.attrib and node.role != "/Document":
        node.obj.Lang = pikepdf.String(node.attrib["lang"])
    if node.role == "/LI":
        _list_label(node)
    if node.tag == "dl":
        for kid in node.kids:
            if isinstance(kid, _Node) and kid.tag == "div":
                _term_item(kid)


def _list_label(item: _Node) -> None:
    """A list item whose number is a ::before box (steps): that box becomes the Lbl, before the LBody."""
    if len(item.kids) != 1 or not isinstance(item.kids[0], _Node) or item.kids[0].role != "/LBody":
        return
    body = item.kids[0]
    label = next((k for k in body.kids if isinstance(k, _Node) and k.tag.endswith(("::before", "::marker"))), None)
    if label is None:
        return
    body.kids = [k for k in body.kids if k is not label]
    label.role = "/Lbl"
    item.kids = [label, body]


def _term_item(div: _Node) -> None:
    """<div><dt/><dd/></div> in a <dl> -> LI > Lbl (the term) + LBody (its explanation)."""
    parts: list[object] = []
    for kid in div.kids:
        body = kid.kids[0] if isinstance(kid, _Node) and kid.role == "/LI" and len(kid.kids) == 1 else kid
        if isinstance(body, _Node):
            body.role = "/Lbl" if body.tag == "dt" else "/LBody"
        parts.append(body)
    div.role, div.kids = "/LI", parts


def _write_back(pdf: pikepdf.Pdf, root: Dictionary, document: _Node) -> dict[tuple[int, int], Dictionary]:
    """The mirror -> the PDF's elements, and /ParentTree rebuilt: (page, MCID) -> owner; annotations after the pages."""
    owners: dict[tuple[int, int], Dictionary] = {}
    annots: list[tuple[Dictionary, Dictionary]] = []

    def write(node: _Node) -> None:
        items: list[object] = []
        for kid in node.kids:
            if isinstance(kid, _Node):
                write(kid)
                kid.obj.P = node.obj
                items.append(kid.obj)
            elif isinstance(kid, int):
                owners[(node.page, kid)] = node.obj
                items.append(kid)
            elif isinstance(kid, tuple):
                owners[kid] = node.obj
                items.append(Dictionary(Type=Name.MCR, MCID=kid[1], Pg=pdf.pages[kid[0]].obj))
            else:
                if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                    annots.append((kid.Obj, node.obj))
                items.append(kid)
        node.obj.K = Array(items)
        if str(node.obj.S) != node.role:
            node.obj.S = Name(node.role)
        if node.key is not None:
            del node.obj["/" + KEY]

    write(document)
    nums: list[object] = []
    for index in range(len(pdf.pages)):
        mine = {m: e for (p, m), e in owners.items() if p == index}
        nums += [index, pdf.make_indirect(Array([mine.get(m, None) for m in range(max(mine, default=-1) + 1)]))]
    for number, (annot, elem) in enumerate(annots, start=len(pdf.pages)):
        annot.StructParent = number
        nums += [number, elem]
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = len(pdf.pages) + len(annots)
    return owners


def _rewrite_content(pdf: pikepdf.Pdf, owners: dict[tuple[int, int], Dictionary], recorder: Recorder, rtl: bool) -> None:
    """Marked content outside the tree -> /Artifact (pagination for margin boxes); /ActualText on elements where needed."""
    texts = recorder.texts
    for at, owner in owners.items():
        if rtl and _NEEDS_ACTUAL.search(texts.get(at, "")):
            # -- on the structure element only: poppler reverses a marked-content /ActualText in RTL lines --
            owner.ActualText = pikepdf.String(texts[at])
    for index, page in enumerate(pdf.pages):

        def artifact(match: re.Match[bytes], index: int = index) -> bytes:
            at = (index, int(match.group(2)))
            if at in owners:
                return match.group(0)
            where = recorder.margins.get(at)
            return b"/Artifact <</Type /Pagination /Subtype /%s>> BDC" % where.encode() if where else b"/Artifact <</Type /Layout>> BDC"

        # -- a byte-level rewrite (WeasyPrint writes "/Tag <</MCID n>> BDC" and glyphs as hex strings): parsing every operator costs ~10x --
        if isinstance(page.Contents, Array):
            page.contents_coalesce()
        data = page.Contents.read_bytes()
        fixed = _MARKED.sub(artifact, data)
        if fixed != data:
            page.Contents = pdf.make_stream(fixed)


def _describe_links(pdf: pikepdf.Pdf) -> None:
    """Every link annotation says where it goes (/Contents), for screen readers that list links."""
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != Name.Link or "/A" not in annot or "/URI" not in annot.A:
                continue
            uri = str(annot.A.URI)
            target = uri.split(":", 1)[1] if uri.startswith(("mailto:", "tel:")) else uri
            annot.Contents = pikepdf.String(target)

