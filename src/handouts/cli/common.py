"""What every verb of the command line shares: exit codes, the parser, project arguments and checks on them, printing findings."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # -- not typing's: `handouts --help` imports only what parsing needs (type checkers read this name as True) --
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path
    from typing import Any, NoReturn

    from ..checks.findings import Finding
    from ..errors import Problem
    from ..config import Config

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


def csv(value: str) -> list[str]:
    """A comma-separated option value as a list (an empty one is refused: `--locale ''` must not mean every locale)."""
    found = [v.strip() for v in value.split(",") if v.strip()]
    if not found:
        raise argparse.ArgumentTypeError("the value is empty: give one or more, separated by commas (leave the option out for all)")
    return found


def path_arg(value: str) -> Path:
    """A path option's value as a Path (pathlib is imported when an option needs it, not for --help)."""
    from pathlib import Path

    return Path(value)


def add_project(p: argparse.ArgumentParser) -> None:
    """The document folders and --project that most verbs take."""
    p.add_argument("documents", nargs="*", type=path_arg, metavar="CONTENT_DIR", help="document folders (or their document.yml); default: every document under content/")
    p.add_argument("--project", type=path_arg, default=None, help="project root holding handouts.yml (default: found from the current folder)")


def root(args: argparse.Namespace) -> Path:
    """The project root: --project, else the nearest folder holding handouts.yml."""
    from pathlib import Path

    from ..config import find_root

    return (args.project or find_root(Path.cwd())).resolve()


def today(value: str) -> dt.date:
    """--today as a date."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def shown(path: Path) -> Path:
    """A written file as the user can find it: relative to the current folder when inside it."""
    from pathlib import Path

    cwd = Path.cwd()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def print_problems(problems: Sequence[Problem]) -> None:
    """Problems to stderr, one a line, their files relative to the current folder when inside it (as the findings show them)."""
    import dataclasses
    from pathlib import Path

    for problem in problems:
        if problem.path and Path(problem.path).is_absolute():
            problem = dataclasses.replace(problem, path=shown(Path(problem.path)))
        print(f"error: {problem}" if not problem.where() else str(problem), file=sys.stderr)


def print_findings(findings: Sequence[Finding], minimum: str) -> None:
    """Findings at or above a severity to stderr, with a count of the ones hidden."""
    ranks = {"info": 0, "warning": 1, "error": 2}
    visible = [f for f in findings if ranks[f.severity] >= ranks[minimum]]
    for f in visible:
        print(str(f), file=sys.stderr)
    hidden = len(findings) - len(visible)
    if hidden:
        print(f"({hidden} informational finding(s) not shown: run `handouts check` to see them)", file=sys.stderr)


class UsageError(Exception):
    """A wrong value on the command line found after parsing (an unknown locale, a bad --out): exit 2."""


def suggest(value: str, choices: Sequence[str]) -> str | None:
    """The choice a mistyped value most likely meant: case-insensitive, '_' and '-' alike (difflib)."""
    norm = {c.lower().replace("_", "-"): c for c in choices}
    key = value.lower().replace("_", "-")
    if key in norm:
        return norm[key]
    from difflib import get_close_matches

    near = get_close_matches(key, list(norm), n=1, cutoff=0.6)
    return norm[near[0]] if near else None


def did_you_mean(value: str, choices: Sequence[str]) -> str:
    """' (did you mean X?)' or ''."""
    near = suggest(value, choices)
    return f" (did you mean {near}?)" if near and near != value else ""


class Parser(argparse.ArgumentParser):
    """argparse without silent prefix abbreviations, and with 'did you mean ...?' for a mistyped command or option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None) -> argparse.Namespace:  # type: ignore[override]
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            parser = self._chosen(ns)
            options = [o for a in parser._actions for o in a.option_strings]
            hints = [f"{x} (did you mean {n}?)" if (n := suggest(x.split("=", 1)[0], options)) else x for x in extras]
            parser.error(f"unrecognized arguments: {' '.join(hints)}")
        return ns

    def error(self, message: str) -> NoReturn:
        match = re.search(r"invalid choice: '([^']*)'", message)
        if match:
            message += did_you_mean(match.group(1), [str(c) for a in self._actions if a.choices for c in a.choices])
        super().error(message)

    def _chosen(self, ns: argparse.Namespace) -> argparse.ArgumentParser:
        """The (sub)command parser the arguments selected, for its options."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and getattr(ns, action.dest, None) in action.choices:
                sub = action.choices[getattr(ns, action.dest)]
                return sub._chosen(ns) if isinstance(sub, Parser) else sub
        return self


def formats(value: str) -> list[str]:
    """--format as a list of known formats, any case ('PDF' is pdf)."""
    from ..config import FORMATS

    wanted = [v.lower() for v in csv(value)]
    for fmt in wanted:
        if fmt not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format '{fmt}'{did_you_mean(fmt, FORMATS)}: use {', '.join(FORMATS)}")
    return wanted


def project(args: argparse.Namespace) -> tuple[Config, list[Path] | None]:
    """The project's config and the documents to work on: those named, else the one whose folder you are in.

    --locale is checked here against handouts.yml, so a typo gets 'did you mean ...?' (exit 1: the config decides).
    """
    from ..config import CONFIG_NAME, load_config
    from ..errors import HandoutsError, Problem

    config = load_config(root(args))
    wanted = getattr(args, "locale", None) or []
    if wanted:
        from ..i18n import PSEUDO_LOCALES

        known = [*config.locales, *PSEUDO_LOCALES]
        for locale in wanted:
            if locale not in known:
                raise HandoutsError(Problem(f"locale '{locale}' is not in 'locales'{did_you_mean(locale, known)}: use one of {', '.join(config.locales)}, or add it there first", path=config.root / CONFIG_NAME, line=config_line(config, "locales")))
    if args.documents or args.project:
        return config, args.documents or None
    from pathlib import Path

    base, here = config.content_path.resolve(), Path.cwd().resolve()
    if here != base and here.is_relative_to(base):
        folder = base / here.relative_to(base).parts[0]
        print(f"handouts: only {folder.relative_to(config.root.resolve()).as_posix()} (the document you are in); run from the project root for every document", file=sys.stderr)
        return config, [folder]
    return config, None


def config_line(config: Config, key: str) -> int | None:
    """The line of a top-level key in handouts.yml (None when it is not written there)."""
    from ..config import CONFIG_NAME
    from ..yamlfile import YamlProblem, load_yaml

    path = config.root / CONFIG_NAME
    try:
        return load_yaml(path)[1].get((key,)) if path.is_file() else None
    except YamlProblem:
        return None


def check_out(out: Path | None, config: Config) -> None:
    """Refuse an --out that would mix builds with the sources: the project root (or above), content, templates (config checks output_dir)."""
    why = _among_sources(out.resolve(), config) if out is not None else None
    if why:
        raise UsageError(f"--out {out} {why}: builds go in a folder of their own, e.g. --out output")


def _among_sources(target: Path, config: Config) -> str | None:
    from ..theme import Theme

    root_ = config.root.resolve()
    if root_.is_relative_to(target):
        return "is the project folder" if target == root_ else "holds the project folder"
    guarded = [(config.content_path.resolve(), "the content folder")] + [(p, "a templates folder") for p in Theme(config).search_path]
    for folder, what in guarded:
        if target.is_relative_to(folder):
            return f"is {what} ({shown(folder)})" if target == folder else f"is inside {what} ({shown(folder)})"
    return None
