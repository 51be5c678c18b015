"""The fuzz harness: mutate a good project, run a command on it, and check what a user would be owed.

Mutations are byte-level (insert, delete, replace, duplicate or drop lines of a real file) and
structural (a document generated from the schema's shape with hostile values). Every run is a
separate process with a time limit, so a hang or a traceback shows as a user would see it.
Invariants: exit 0, 1 or 2; no traceback; each problem line names a file of the project and,
for a text file, a line; a failed run leaves the output folder byte-identical and no temporary
file; a successful build's manifest matches the files on disk; at most CASE_SECONDS of CPU a
case (CPU, not wall time: CI shares two cores, and a hang still shows as the wall-clock limit).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

CASE_SECONDS = 10.0
WALL_SECONDS = 60.0
CONFIRM = 4  # a run killed at WALL_SECONDS is a hang only if it is killed again at CONFIRM x the time
TEXT_SUFFIXES = {".yml", ".yaml", ".po", ".pot", ".html", ".css", ".j2"}
SUMMARY = re.compile(r"^(handouts: \d+ problem\(s\)|built \d+, cached \d+, failed \d+ artifact\(s\) in )")
# -- a build that refused one translation (or failed one document) and wrote the rest says so in its last line --
PARTIAL = "artifact(s) of the documents that built whole were written"
LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?(?::\d+)?: ")

# -- hostile pieces a mutation splices in: YAML syntax, gettext syntax, Jinja2, Markdown, odd Unicode --
NASTY = [
    b"\x00", b"\x07", b"\xff\xfe", b"\xc3\x28", b"&a ", b"*a", b"<<: ", b"!!python/object:os.system ", b": ", b"- ",
    b"\t", b"'", b'"', b"\\", b"{{ ", b" }}", b"{% ", b" %}", b"{# ", b"msgid ", b"msgstr ", b"msgctxt ", b'#, fuzzy\n',
    b"#| msgid ", b"\n", b"\r\n", b"[x](javascript:alert(1))", b"![x](file:///etc/passwd)", b"../../", b"%(x)s", b"%",
    "\u202e".encode(), "\u200b".encode(), "\U0001f600".encode(), "ﷺ".encode(), "𝔘".encode(), b"9" * 40, b"1.11.2026",
]


@dataclass(frozen=True)
class Outcome:
    """What one run did."""

    code: int | None  # None: killed after WALL_SECONDS
    stdout: str
    stderr: str
    cpu_seconds: float


def byte_mutation() -> st.SearchStrategy[list[tuple[str, int, int, bytes]]]:
    """A short list of edits (operation, position, length, bytes) applied in order to a file's bytes."""
    op = st.sampled_from(["insert", "delete", "replace", "dup_line", "drop_line", "truncate"])
    piece = st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=8))
    edit = st.tuples(op, st.integers(0, 1 << 20), st.integers(1, 64), piece)
    return st.lists(edit, min_size=1, max_size=4)


def mutate(data: bytes, edits: list[tuple[str, int, int, bytes]]) -> bytes:
    """data with the edits applied (positions taken modulo the current length)."""
    for op, pos, length, piece in edits:
        at = pos % (len(data) + 1)
        lines = data.splitlines(keepends=True)
        line = pos % len(lines) if lines else 0
        if op == "insert":
            data = data[:at] + piece + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + length:]
        elif op == "replace":
            data = data[:at] + piece + data[at + len(piece):]
        elif op == "dup_line" and lines:
            data = b"".join(lines[: line + 1] + [lines[line]] + lines[line + 1:])
        elif op == "drop_line" and lines:
            data = b"".join(lines[:line] + lines[line + 1:])
        elif op == "truncate":
            data = data[:at]
    return data


def _scalar() -> st.SearchStrategy[object]:
    text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
    return st.one_of(text, st.sampled_from([s.decode("utf-8", "replace") for s in NASTY]), st.integers(-10, 10**12),
                     st.floats(allow_nan=True), st.booleans(), st.none(), st.dates().map(str))


def _value() -> st.SearchStrategy[object]:
    return st.recursive(_scalar(), lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["text", "id", "kind", "title", "x"]), inner, max_size=3)), max_leaves=6)


def document_edit() -> st.SearchStrategy[list[tuple[tuple[object, ...], object]]]:
    """Schema-shaped edits to a document: (key path, hostile value) pairs set into the parsed YAML."""
    meta = st.sampled_from(["id", "kind", "locale", "title", "subtitle", "purpose", "version", "published", "review", "url", "contact", "references", "sample", "unknown"])
    block = st.sampled_from(["text", "bullets", "steps", "terms", "callout", "image", "only", "table"])
    paths = st.one_of(
        meta.map(lambda k: ("meta", k)),
        st.tuples(st.just("sections"), st.integers(0, 3), st.sampled_from(["id", "heading", "key_points", "slide_bullets", "body"])),
        st.tuples(st.just("sections"), st.integers(0, 3), st.just("body"), st.integers(0, 6), block),
        st.just(("sections",)),
    )
    return st.lists(st.tuples(paths, _value()), min_size=1, max_size=3)


def set_path(data: object, path: tuple[object, ...], value: object) -> object:
    """data (parsed YAML) with value put at path, creating what is missing; a wrong shape is replaced."""
    if not path:
        return value
    key, rest = path[0], path[1:]
    if isinstance(key, int):
        items = list(data) if isinstance(data, list) else []
        if not items:
            items.append({})
        index = key % len(items)
        items[index] = set_path(items[index], rest, value)
        return items
    mapping = dict(data) if isinstance(data, dict) else {}
    mapping[str(key)] = set_path(mapping.get(str(key)), rest, value)
    return mapping


def run(root: Path, *args: str, wall: float = WALL_SECONDS) -> Outcome:
    """The command in its own process, in the project, no standard input, killed after wall seconds.

    A run killed at the limit is run once more with CONFIRM times the time: on a machine shared
    by many builds a slow case is not a hang (a run that stopped was seen taking 45 s of wall time
    for 1 s of CPU), a real hang stays one.
    """
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    cpu = _children_cpu()
    try:
        done = subprocess.run([sys.executable, "-m", "handouts", *args], cwd=root, capture_output=True, text=True,
                              timeout=wall, stdin=subprocess.DEVNULL, env=env, errors="replace")
        return Outcome(done.returncode, done.stdout, done.stderr, _children_cpu() - cpu)
    except subprocess.TimeoutExpired as exc:
        if wall == WALL_SECONDS:
            return run(root, *args, wall=wall * CONFIRM)
        return Outcome(None, str(exc.stdout or ""), str(exc.stderr or ""), _children_cpu() - cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder -> sha256 (the output folder as a user would compare it)."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def violations(root: Path, outcome: Outcome, before: dict[str, str], wrote: bool) -> list[str]:
    """What the run owed the user and did not give (empty when all is well)."""
    out = []
    if outcome.code is None:
        return [f"no answer within {WALL_SECONDS:.0f} s, nor within {WALL_SECONDS * CONFIRM:.0f} s when run again (a hang)"]
    if outcome.cpu_seconds > CASE_SECONDS:
        out.append(f"{outcome.cpu_seconds:.1f} s of CPU, over the {CASE_SECONDS:.0f} s a case may take")
    if outcome.code not in (0, 1, 2):
        out.append(f"exit code {outcome.code}")
    if "Traceback (most recent call last)" in outcome.stderr:
        out.append("a traceback:\n" + outcome.stderr[-2000:])
    if outcome.code == 1:
        out += _unlocated(root, outcome.stderr)
    output = root / "output"
    after = snapshot(output)
    stray = [name for name in after if ".tmp" in name or name.startswith(".")]
    if stray:
        out.append(f"temporary files left in output/: {stray[:5]}")
    partial = outcome.code == 1 and PARTIAL in outcome.stderr
    if outcome.code != 0 and after != before and not partial:
        out.append("a failed run changed the output folder")
    if (outcome.code == 0 or partial) and wrote and (output / "manifest.json").is_file():
        out += _manifest_lies(output)
    return out


def _unlocated(root: Path, stderr: str) -> list[str]:
    """Problem lines that do not say which project file (and, for a text file, which line)."""
    bad = []
    real_root = root.resolve()
    for line in stderr.splitlines():
        line = line.removeprefix("warning: ")  # a warning names its file like a problem
        if not line.strip() or SUMMARY.match(line) or line.startswith(("(", "  ", "wrote ", "did you mean")):
            continue
        if line.startswith("usage:") or ": error: " in line:
            continue  # argparse usage errors exit 2 and are about the command line, not a file
        located = LOCATED.match(line)
        if not located:
            bad.append(f"a problem without a file: {line[:200]}")
            continue
        path = Path(located["path"]) if Path(located["path"]).is_absolute() else root / located["path"]
        if not path.exists() and not path.is_symlink():
            bad.append(f"a problem without a file: {line[:200]}")
        elif not (path.resolve().is_relative_to(real_root) or path.is_relative_to(root)):
            bad.append(f"a problem located outside the project: {line[:200]}")
        elif path.suffix in TEXT_SUFFIXES and path.is_file() and located["line"] is None and path.stat().st_size:
            bad.append(f"a problem in a text file without a line: {line[:200]}")
    return bad


def _manifest_lies(output: Path) -> list[str]:
    try:
        manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"manifest.json unreadable after a successful build: {exc}"]
    lies = []
    for entry in manifest.get("artifacts", []):
        path = output / entry["path"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            lies.append(f"manifest entry disagrees with its file: {entry['path']}")
    return lies


def fresh_copy(good: Path, dest: Path) -> Path:
    """A copy of a project (with its good output) to mutate."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(good, dest, symlinks=True)
    return dest
