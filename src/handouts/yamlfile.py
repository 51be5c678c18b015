"""Read a YAML file -> (plain data, line of every key path), so problems can say where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import Problem

Path_ = tuple[str | int, ...]
Lines = dict[Path_, int]


# -- the C loader is ~10x faster and keeps node marks; same safe constructors --
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MERGE_TAG = "tag:yaml.org,2002:merge"


def _plain(node: yaml.Node, loader: yaml.SafeLoader, here: Path_, lines: Lines, path: Path, seen: set[int]) -> Any:
    lines.setdefault(here, node.start_mark.line + 1)
    if id(node) in seen:
        # -- an alias (*name) is the anchored node again: expanding them nests without limit (an
        #    8 KB "billion laughs" file grows to gigabytes), and patient text should be written out --
        raise YamlProblem(Problem(
            "YAML anchors and aliases are not allowed: the value anchored here (&name) is used again through an alias (*name); write the text out in full",
            path=path, line=node.start_mark.line + 1, column=node.start_mark.column + 1,
        ))
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                raise YamlProblem(Problem(
                    "YAML merge keys (<<:) are not allowed: write the keys out in full",
                    path=path, line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1,
                ))
            key = str(loader.construct_object(key_node, deep=True))
            line = key_node.start_mark.line + 1
            if key in out:
                # -- YAML keeps the last of two equal keys: the first one's text would vanish silently --
                raise YamlProblem(Problem(
                    f"key '{key}' appears twice (first on line {lines[here + (key,)]}): merge them into one",
                    path=path, line=line, column=key_node.start_mark.column + 1,
                ))
            lines[here + (key,)] = line
            out[key] = _plain(value_node, loader, here + (key,), lines, path, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loader, here + (i,), lines, path, seen) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Parse one UTF-8 YAML file; malformed YAML or a key given twice raises a Problem with line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise YamlProblem(Problem("the file is not UTF-8 text: save it as UTF-8 in your editor", path=path, line=line)) from None
    except OSError as exc:
        raise YamlProblem(Problem(f"cannot read the file: {exc.strerror}", path=path)) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: Lines = {}
        return _plain(node, loader, (), lines, path, set()), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(
            Problem(
                f"malformed YAML: {what}; fix the indentation or quoting there",
                path=path,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlProblem(Problem(f"the file contains a control character ({char}) that YAML does not allow: delete it", path=path, line=line, column=column)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(f"malformed YAML: {exc}", path=path)) from None
    finally:
        loader.dispose()


class YamlProblem(Exception):
    """Raised by load_yaml; carries the Problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _match(lines: Lines, loc: tuple[Any, ...]) -> tuple[list[Any], int | None]:
    # -- the deepest known prefix of a pydantic loc (which may carry union tags) and its line --
    path: list[Any] = []
    best = lines.get((), None)
    for part in loc:
        trial = tuple(path + [part])
        if trial in lines:
            path.append(part)
            best = lines[trial]
    return path, best


def validation_problems(exc: ValidationError, path: Path, lines: Lines) -> list[Problem]:
    """Turn pydantic's errors into Problems with file, line and key, one per error."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        matched, line = _match(lines, loc)
        if loc and (not matched or matched[-1] != loc[-1]):
            matched.append(loc[-1])
        key = ".".join(str(p) for p in matched)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{loc[-1]}': remove it or check its spelling"
        elif err["type"] == "missing":
            msg = f"required field '{loc[-1]}' is missing: add it"
        elif err["type"] == "string_type" and isinstance(err["input"], (int, float)):
            msg = f"{msg}: write it in quotes so that YAML keeps it as text, e.g. {loc[-1]}: \"{err['input']}\""
        elif err["type"] == "too_short":
            msg = f"'{loc[-1]}' needs at least one item: add one"
        elif err["type"] == "string_too_short":
            msg = f"'{loc[-1]}' is empty: write it"
        elif err["type"].startswith(("date_", "datetime_")):
            msg = f"{msg}: write the date as YYYY-MM-DD"
        problems.append(Problem(msg, path=path, line=line, key=key or None))
    return problems
