"""CJK text in decks: full-width punctuation right after a bold run (the usual way to write `**…**。`) is measured, not a crash."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from fixtures_slides import master_project
from pptx import Presentation

from handouts.build import load_project
from handouts.render import RenderJob
from handouts.render.deck import render
from handouts.theme import Theme


def test_a_bold_run_followed_by_full_width_punctuation_builds_and_keeps_every_character(tmp_path: Path) -> None:
    project = load_project(master_project(tmp_path / "builtin", None))
    folder, doc = next(iter(project.documents.items()))
    texts = {seg.context: f"イソトレチノインは**食事と一緒に{i}回**。食事は吸収を助けます、" for i, seg in enumerate(doc.segments())}
    job = RenderJob(doc.translated(texts, "ja"), "ja", project.config, Theme(project.config), folder, "pptx")
    deck = Presentation(BytesIO(render(job).data))
    runs = [(r.text, r.font.bold) for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    text = "".join(t for t, _ in runs)
    assert "食事と一緒に1回" in text and "。食事は吸収を助けます" in text
    assert any(bold and "食事と一緒に" in t for t, bold in runs)  # -- the bold run stays bold, the 。 after it is measured --
