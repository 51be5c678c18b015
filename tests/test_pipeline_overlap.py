"""Checks and localization overlap the rendering, and a build whose checks fail still writes nothing (no output, no cache entry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from test_pipeline import edit, multi, truthful

from handouts.build import BuildOptions, build
from handouts.errors import CheckFailed
from handouts.pipeline import execute
from handouts.pipeline.checked import Checker

TODAY = dt.date(2027, 6, 1)  # the minimal document's review is 2028-01-15: in review; a review of 2027-01-15 is past


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the main process did, in order: ("check", document folder) and ("render", document id) as each job goes to a worker."""
    seen: list[tuple[str, str]] = []
    pool, document = execute.pool, Checker.document

    def recorded_pool(jobs: Iterable[execute.Job], workers: int, *args: object, **kwargs: object) -> Iterator[execute.Outcome]:
        def source() -> Iterator[execute.Job]:
            for job in jobs:
                seen.append(("render", job.document))
                yield job
        return pool(source(), workers, *args, **kwargs)  # type: ignore[arg-type]

    def recorded_document(self: Checker, folder: Path) -> list[object]:
        seen.append(("check", folder.name))
        return document(self, folder)  # type: ignore[return-value]

    monkeypatch.setattr(execute, "pool", recorded_pool)
    monkeypatch.setattr(Checker, "document", recorded_document)
    return seen


def test_rendering_starts_before_the_last_document_is_checked(tmp_path: Path, events: list[tuple[str, str]]) -> None:
    root = multi(tmp_path, 3)
    report = build(root, BuildOptions(jobs=2, use_cache=False))
    assert (report.built, report.failed) == (9, 0)
    written = truthful(root / "output")
    assert {a.path for a in report.artifacts} <= set(written) and len(report.artifacts) == 9
    assert [e for e in events if e[0] == "check"] == [("check", "doc-1"), ("check", "doc-2"), ("check", "doc-3")]
    first_render = events.index(("render", "doc-1"))
    assert first_render < events.index(("check", "doc-2")) < events.index(("check", "doc-3"))


def test_a_check_failing_in_the_last_document_writes_nothing_though_others_were_rendering(tmp_path: Path, events: list[tuple[str, str]]) -> None:
    root = multi(tmp_path, 3)
    edit(root / "content" / "doc-3", lambda d: d["meta"].update(review=dt.date(2027, 1, 15)))  # out of review on TODAY: an error
    with pytest.raises(CheckFailed) as failed:
        build(root, BuildOptions(jobs=2, today=TODAY))
    assert any("doc-3" in str(p.path) for p in failed.value.problems)
    assert events.index(("render", "doc-1")) < events.index(("check", "doc-3"))  # the first documents went to the workers
    assert ("render", "doc-3") not in events  # the failing one never did
    out = root / "output"
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]
    # -- nothing rendered by the failed build was cached: a build without checks renders everything --
    again = build(root, BuildOptions(jobs=1, check=False, today=TODAY))
    assert (again.built, again.cached) == (9, 0)


def test_a_check_failing_in_several_documents_reports_every_one(tmp_path: Path, events: list[tuple[str, str]]) -> None:
    root = multi(tmp_path, 3)
    for doc in ("doc-1", "doc-3"):
        edit(root / "content" / doc, lambda d: d["meta"].update(review=dt.date(2027, 1, 15)))
    with pytest.raises(CheckFailed) as failed:
        build(root, BuildOptions(jobs=2, use_cache=False, today=TODAY))
    assert {Path(str(p.path)).parent.name for p in failed.value.problems if p.path} >= {"doc-1", "doc-3"}
    assert [e for e in events if e[0] == "render"] == []  # doc-1 failed first: nothing went to a worker


def test_leaflet_templates_are_compiled_once_then_loaded_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clinic's own leaflet template is compiled by the first build and loaded from the build cache after; handouts' own come compiled with the wheel."""
    import jinja2
    import yaml

    from handouts.render.leaflet import html
    from handouts.theme import BUILTIN

    root = multi(tmp_path, 1)
    own = root / "templates" / "leaflet"
    own.mkdir(parents=True)
    (own / "leaflet.html").write_text((BUILTIN / "leaflet" / "leaflet.html").read_text(encoding="utf-8") + "{# the clinic's copy #}\n", encoding="utf-8")
    config = yaml.safe_load((root / "handouts.yml").read_text(encoding="utf-8"))
    (root / "handouts.yml").write_text(yaml.safe_dump({**config, "templates_dir": "templates"}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    compiled: list[str] = []
    compile = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, filename: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name or "")
        return compile(self, source, name, filename, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    options = dict(jobs=1, check=False, formats=["pdf"])
    html.environment.cache_clear()  # -- as in a new process --
    first = build(root, BuildOptions(out=tmp_path / "a", **options))  # type: ignore[arg-type]
    assert compiled == ["leaflet.html"]  # -- the clinic's template; the packaged ones it includes load compiled --
    assert list((root / ".handouts-cache" / "templates").iterdir())
    assert first.built == 1
    compiled.clear()
    edit(root / "content" / "doc-1", lambda d: d["sections"][0]["body"].append({"text": "One more paragraph."}))
    html.environment.cache_clear()
    second = build(root, BuildOptions(out=tmp_path / "b", **options))  # type: ignore[arg-type]
    assert second.built == 1 and not compiled  # rendered again, no template compiled
    html.environment.cache_clear()
    third = build(root, BuildOptions(out=tmp_path / "c", use_cache=False, **options))  # type: ignore[arg-type]
    assert third.built == 1 and compiled == ["leaflet.html"]  # without the cache: compiled in memory
    assert (tmp_path / "b" / second.artifacts[0].path).read_bytes() == (tmp_path / "c" / third.artifacts[0].path).read_bytes()


def test_one_artifact_renders_in_this_process_and_several_in_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, events: list[tuple[str, str]]) -> None:
    started: list[object] = []
    prestart = execute.prestart
    monkeypatch.setattr(execute, "prestart", lambda formats=None: (started.append(formats), prestart(formats)))
    root = multi(tmp_path, 2)
    one = build(root, BuildOptions(jobs=2, use_cache=False, check=False, formats=["pdf"], documents=[root / "content" / "doc-1"], out=tmp_path / "one"))
    assert one.built == 1 and started == [] and not [e for e in events if e[0] == "render"]  # no fork server, no pool: one process
    two = build(root, BuildOptions(jobs=2, use_cache=False, check=False, formats=["pdf"], out=tmp_path / "two"))
    assert two.built == 2 and started == [["pdf"]] and sorted(e for e in events if e[0] == "render") == [("render", "doc-1"), ("render", "doc-2")]
    assert (tmp_path / "one" / one.artifacts[0].path).read_bytes() == (tmp_path / "two" / one.artifacts[0].path).read_bytes()
