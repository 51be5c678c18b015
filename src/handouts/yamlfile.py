"""Read a YAML file -> (plain data, line of every key path), so problems can say where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .yamlmessages import scalar_problem, syntax_problem

Path_ = tuple[str | int, ...]
Lines = dict[Path_, int]


# -- the C loader is ~10x faster and keeps node marks; same safe constructors --
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MERGE_TAG = "tag:yaml.org,2002:merge"
# -- what SafeConstructor raises on a value it recognised but cannot build (2026-02-30, !!int abc, a 5,000-digit number) --
_BUILD_ERRORS = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


class _Reader:
    """One file's nodes -> plain data, recording the line of every key path."""

    def __init__(self, loader: yaml.SafeLoader, text: str, path: Path) -> None:
        self.loader, self.path = loader, path
        self.lines: Lines = {}
        self.seen: set[int] = set()
        self.text_lines = text.splitlines()

    def plain(self, node: yaml.Node, here: Path_) -> Any:
        """The node's value; a problem (with line and column) for aliases, merge keys, repeated keys and values YAML cannot build."""
        lines, path = self.lines, self.path
        lines.setdefault(here, node.start_mark.line + 1)
        if id(node) in self.seen:
            # -- an alias (*name) is the anchored node again: expanding them nests without limit (an
            #    8 KB "billion laughs" file grows to gigabytes), and patient text should be written out --
            raise YamlProblem(Problem(
                "YAML anchors and aliases are not allowed: the value anchored here (&name) is used again through an alias (*name); write the text out in full",
                path=path, line=node.start_mark.line + 1, column=node.start_mark.column + 1,
            ))
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == MERGE_TAG:
                    raise YamlProblem(Problem(
                        "YAML merge keys (<<:) are not allowed: write the keys out in full",
                        path=path, line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1,
                    ))
                key = str(self.build(key_node, here))
                line = key_node.start_mark.line + 1
                if key in out:
                    # -- YAML keeps the last of two equal keys: the first one's text would vanish silently --
                    raise YamlProblem(Problem(
                        f"key '{key}' appears twice (first on line {lines[here + (key,)]}): merge them into one",
                        path=path, line=line, column=key_node.start_mark.column + 1,
                    ))
                lines[here + (key,)] = line
                out[key] = self.plain(value_node, here + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, here + (i,)) for i, item in enumerate(node.value)]
        return self.build(node, here)

    def build(self, node: yaml.Node, here: Path_) -> Any:
        """A scalar (or a key) as PyYAML's safe constructors build it; one it cannot build is a Problem at its line."""
        try:
            return self.loader.construct_object(node, deep=True)
        except _BUILD_ERRORS:
            if not isinstance(node, yaml.ScalarNode):
                raise
            name = str(here[-1]) if here and isinstance(here[-1], str) else None
            row = self.text_lines[node.start_mark.line] if node.start_mark.line < len(self.text_lines) else ""
            explicit = row[node.start_mark.column:].startswith("!")
            key = ".".join(map(str, here)) or None
            raise YamlProblem(scalar_problem(node, name, explicit, self.path, key)) from None


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
        reader = _Reader(loader, text, path)
        return reader.plain(node, ()), reader.lines
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(syntax_problem(exc, text, path)) from None
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
