"""Fitted slides -> slide XML in a Presentation: placeholders filled in reading order, language and direction on every run."""

from __future__ import annotations

import copy
import io
import re
from dataclasses import replace

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationT
from pptx.slide import Slide
from pptx.util import Emu

from ...markdown import Run
from .measure import ZWSP
from .master import NS, A
from .styles import TextStyle
from .plan import Para, image_size

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
LATIN = "A-Za-z0-9\u00C0-\u024F"
LTR_RUN = re.compile(f"\\(?[{LATIN}][{LATIN} .,:;/\\-+%&?=_#~@'()\u200b]*[{LATIN})]|[{LATIN}]")
LRE, PDF = "\u202a", "\u202c"
MIRRORED = {"l": "r", "r": "l"}  # -- a right-to-left slide mirrors the side text is aligned to, never a centred title --


def embed_ltr(text: str) -> str:
    """Latin words, numbers, doses and addresses inside right-to-left text kept in their own order ("40 mg", phone numbers)."""
    return LTR_RUN.sub(lambda m: f"{LRE}{m.group(0)}{PDF}", text)


class Writer:
    """Writes paragraphs and pictures with one locale's language tag and direction."""

    def __init__(self, prs: PresentationT, lang: str, rtl: bool, latin: str = "+mn-lt") -> None:
        self.prs, self.lang, self.rtl, self.latin = prs, lang, rtl, latin
        self._numbers: dict[int, list] = {}  # type: ignore[type-arg]  # layout -> its slide number placeholder element

    def paragraphs(self, frame, paras: list[Para], size: float | None, bullets: bool = True, major: bool = False,  # type: ignore[no-untyped-def]
                   align: str = "l") -> None:
        """Replace a text frame's text with paragraphs of runs; no autofit (every text was measured); major: heading fonts.

        align is the alignment the frame inherits: right to left, left and right swap; centred and justified text stays so.

        Written with lxml rather than python-pptx's proxies, which took a third of a deck's build time.
        """
        body = frame._txBody
        body_pr = body.find("a:bodyPr", NS)
        body_pr.set("wrap", "square")
        for child in list(body_pr):
            if child.tag in (f"{{{A}}}normAutofit", f"{{{A}}}spAutoFit", f"{{{A}}}noAutofit"):
                body_pr.remove(child)
        body_pr.insert(0, etree.Element(f"{{{A}}}noAutofit"))
        for old in body.findall("a:p", NS):
            body.remove(old)
        p = None
        for para in paras or [Para([], bullet=bullets)]:
            p = etree.SubElement(body, f"{{{A}}}p")
            ppr = etree.SubElement(p, f"{{{A}}}pPr")
            if not para.bullet:  # also where the placeholder would inherit a bullet
                ppr.set("marL", "0")
                ppr.set("indent", "0")
                etree.SubElement(ppr, f"{{{A}}}buNone")
            ppr.set("hangingPunct", "0")  # -- a hanging full stop would sit outside the measured frame --
            if self.rtl:
                ppr.set("rtl", "1")
                ppr.set("algn", MIRRORED.get(align, align))
            for run in para.runs:
                self.run(frame, p, run, size, major)
        etree.SubElement(p, f"{{{A}}}endParaRPr", lang=self.lang)

    def run(self, frame, p, run: Run, size: float | None, major: bool = False) -> None:  # type: ignore[no-untyped-def]
        """One run; a link with safe breaks becomes one linked run per piece, each piece after a break starting with it."""
        # -- LibreOffice draws a link as one field that it breaks anywhere, ignoring zero-width spaces inside it --
        pieces = run.text.split(ZWSP) if run.href else [run.text]
        for i, piece in enumerate(pieces):
            self._run(frame, p, replace(run, text=ZWSP + piece if i else piece), size, major)

    def _run(self, frame, p, run: Run, size: float | None, major: bool) -> None:  # type: ignore[no-untyped-def]
        r = etree.SubElement(p, f"{{{A}}}r")
        rpr = etree.SubElement(r, f"{{{A}}}rPr", lang=self.lang)
        if size:
            rpr.set("sz", str(int(round(size * 100))))
        if run.bold:
            rpr.set("b", "1")
        if run.italic:
            rpr.set("i", "1")
        self.props(rpr, major)
        if run.href:
            # -- kept in right-to-left paragraphs too: PowerPoint follows it; LibreOffice's PDF export drops it, the QR code carries it --
            rid = frame.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
            etree.SubElement(rpr, f"{{{A}}}hlinkClick", {f"{{{R}}}id": rid})
            if self.rtl:
                # -- LibreOffice draws a link in a right-to-left paragraph with the complex-script font: make that the latin one --
                rpr.find("a:cs", NS).set("typeface", self.latin)
        # -- LRE/PDF rather than isolates: PowerPoint and LibreOffice both honour them and draw nothing for them --
        etree.SubElement(r, f"{{{A}}}t").text = embed_ltr(run.text) if self.rtl else run.text

    def props(self, rpr, major: bool = False) -> None:  # type: ignore[no-untyped-def]
        """Proofing language and the theme's Latin, East Asian and complex-script fonts (major for titles) on one run."""
        rpr.set("lang", self.lang)
        if self.rtl:
            rpr.set("altLang", "en-US")
        kind = "mj" if major else "mn"
        latin = rpr.find("a:latin", NS)
        if latin is None:
            latin = etree.SubElement(rpr, f"{{{A}}}latin")
        latin.set("typeface", f"+{kind}-lt")
        after = latin
        for slot, code in (("ea", "ea"), ("cs", "cs")):
            el = rpr.find(f"a:{slot}", NS)
            if el is None:
                el = etree.Element(f"{{{A}}}{slot}")
                after.addnext(el)
            el.set("typeface", f"+{kind}-{code}")
            after = el

    def title(self, shape, text: str, size: float, box: tuple[int, int, int, int] | None, align: str = "l") -> None:  # type: ignore[no-untyped-def]
        self.paragraphs(shape.text_frame, [Para([Run(text)])], size, bullets=False, major=True, align=align)
        if box:
            self.place(shape, box)

    @staticmethod
    def place(shape, box: tuple[int, int, int, int]) -> None:  # type: ignore[no-untyped-def]
        shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in box)

    @staticmethod
    def remove(shape) -> None:  # type: ignore[no-untyped-def]
        el = shape._element
        el.getparent().remove(el)

    def picture(self, slide: Slide, data: bytes, box: tuple[int, int, int, int], alt: str, name: str):  # type: ignore[no-untyped-def]
        """A picture (checked with image_size beforehand) fitted into box (aspect kept, centred across, top-aligned), with alt text."""
        size = image_size(data)
        assert size is not None, name
        px_w, px_h = size
        x, y, cx, cy = box
        scale = min(cx / px_w, cy / px_h)
        w, h = int(px_w * scale), int(px_h * scale)
        pic = slide.shapes.add_picture(io.BytesIO(data), Emu(x + (cx - w) // 2), Emu(y), Emu(w), Emu(h))
        pic.name = name
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        return pic

    def slide_number(self, slide: Slide, number: int) -> None:
        """A slide number placeholder copied from the layout, with its field."""
        layout = slide.slide_layout
        if id(layout) not in self._numbers:
            self._numbers[id(layout)] = [ph._element for ph in layout.placeholders
                                         if ph._element.find(".//p:nvPr/p:ph[@type='sldNum']", NS) is not None][:1]
        for element in self._numbers[id(layout)]:
            sp = copy.deepcopy(element)
            body = sp.find("p:txBody", NS)
            for p in body.findall("a:p", NS):
                body.remove(p)
            p = etree.SubElement(body, f"{{{A}}}p")
            etree.SubElement(p, f"{{{A}}}pPr", algn="r")
            fld = etree.SubElement(p, f"{{{A}}}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
            etree.SubElement(fld, f"{{{A}}}rPr", lang=self.lang)
            etree.SubElement(fld, f"{{{A}}}t").text = str(number)
            sp.find(".//p:cNvPr", NS).set("id", str(self.next_id(slide)))
            slide.shapes._spTree.append(sp)
            return

    @staticmethod
    def next_id(slide: Slide) -> int:
        ids = [int(el.get("id")) for el in slide.shapes._spTree.iter("{*}cNvPr")]
        return max(ids, default=1) + 1

    def mark(self, slide: Slide, text: str, box: tuple[int, int, int, int], size: float) -> None:
        """The draft-translation mark: white bold text on the warning colour."""
        from pptx.enum.dml import MSO_THEME_COLOR
        from pptx.enum.shapes import MSO_SHAPE

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Emu(v) for v in box))
        shape.name = "Draft translation mark"
        shape.fill.solid()
        shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_3
        shape.line.fill.background()
        shape.shadow.inherit = False
        frame = shape.text_frame
        self.paragraphs(frame, [Para([Run(text, bold=True)], bullet=False)], size, bullets=False)
        frame.margin_left = frame.margin_right = Emu(91440)
        frame.margin_top = frame.margin_bottom = Emu(45720)
        for r in frame.paragraphs[0].runs:
            r.font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
        body_pr = frame._txBody.find("a:bodyPr", NS)
        body_pr.set("anchor", "ctr")

    def textbox(self, slide: Slide, box: tuple[int, int, int, int], style: TextStyle, name: str):  # type: ignore[no-untyped-def]
        """A text box where the layout has no placeholder, with the style's insets and spacing written out (it inherits none)."""
        shape = slide.shapes.add_textbox(*(Emu(v) for v in box))
        shape.name = name
        frame = shape.text_frame
        frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = (Emu(v) for v in style.insets)
        return shape

    @staticmethod
    def spacing(frame, style: TextStyle) -> None:  # type: ignore[no-untyped-def]
        """Write a style's paragraph spacing on every paragraph (for text boxes, which inherit no body style)."""
        for p in frame.paragraphs:
            ppr = p._p.get_or_add_pPr()
            lead = etree.Element(f"{{{A}}}lnSpc")
            etree.SubElement(lead, f"{{{A}}}spcPct", val=str(int(style.line_share * 100000)))
            items = [lead]
            for tag, (pts, share) in (("spcBef", style.before), ("spcAft", style.after)):
                el = etree.Element(f"{{{A}}}{tag}")
                if share:
                    etree.SubElement(el, f"{{{A}}}spcPct", val=str(int(share * 100000)))
                else:
                    etree.SubElement(el, f"{{{A}}}spcPts", val=str(int(pts * 100)))
                items.append(el)
            for k, el in enumerate(items):  # schema order: lnSpc, spcBef, spcAft, then bullets
                ppr.insert(k, el)

    def bullets(self, frame, paras: list[Para], style: TextStyle) -> None:  # type: ignore[no-untyped-def]
        """Bullets written out on a text box's bulleted paragraphs (it inherits none): the master's body bullet and indent."""
        if not style.bullets:
            return
        found = self.prs.slide_master._element.find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:buChar", NS)
        char = found.get("char") if found is not None else "\u2022"
        for p, para in zip(frame.paragraphs, paras):
            if para.bullet:
                ppr = p._p.get_or_add_pPr()
                ppr.set("marL", str(style.margin))
                ppr.set("indent", str(-style.margin))
                etree.SubElement(ppr, f"{{{A}}}buChar", char=char)

    def plate(self, slide: Slide, box: tuple[int, int, int, int], colour: str, name: str):  # type: ignore[no-untyped-def]
        """A decorative filled rectangle (no line), e.g. behind the logo or as a callout's colour bar."""
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Emu(v) for v in box))
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
        shape.line.fill.background()
        shape.shadow.inherit = False
        ext = etree.SubElement(shape._element.nvSpPr.cNvPr, f"{{{A}}}extLst")
        item = etree.SubElement(ext, f"{{{A}}}ext", uri=DECORATIVE)
        etree.SubElement(item, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", val="1")
        return shape
