"""The rule registry (defaults) + handouts.yml `checks:` -> validated per-rule settings, errors with file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Problem
from .findings import SEVERITIES

MEDICINE_PARTS = ["purpose", "before", "how-to-take", "side-effects", "storage", "contact"]

# rule id -> (default severity, default options). One source of truth: docs/checks.md lists the same.
RULES: dict[str, tuple[str, dict[str, Any]]] = {
    "placeholder": ("error", {}),
    "promotion": ("error", {"medicines": [], "allowed_domains": []}),
    "promotion.unsupported": ("info", {}),  # no longer reported: every language gets the signals (promotion.partial)
    "promotion.partial": ("info", {}),
    "promotion.divergence": ("error", {}),
    "promotion.wording": ("warning", {}),  # the wording model alone: a reviewer's flag, not a build stop (docs/checks.md)
    "readability.ease": ("warning", {"en_min": 60.0, "es_min": 55.0, "es_formula": "inflesz", "fr_min": 60.0, "de_min": 60.0, "section_min_words": 40}),
    "readability.grade": ("warning", {"max": 8.0, "smog_max": 11.0}),
    "readability.sentence-length": ("warning", {"max_words": 25}),
    "readability.percentages": ("warning", {}),
    "readability.summary": ("info", {}),
    "readability.unsupported": ("info", {}),
    "jargon": ("warning", {"extra": {}, "allow": []}),
    "jargon.unsupported": ("info", {}),
    "markup.emphasis": ("warning", {}),  # an unclosed ** or _: printed as typed (checks/markup.py)
    "markup.html": ("warning", {}),
    "structure.parts": ("warning", {"kinds": {}}),
    "structure.key-points": ("warning", {}),
    "structure.action": ("warning", {}),
    "control.fields": ("error", {}),
    "control.recommended": ("warning", {}),
    "control.review-cycle": ("error", {"max_years": 3}),
    "control.out-of-review": ("error", {}),
    "control.review-soon": ("warning", {"days": 90}),
    "translation.numbers": ("error", {"vocabulary": {}}),
    "translation.number-words": ("warning", {}),
    "translation.numbers-partial": ("info", {}),
    "translation.numbers-unreadable": ("warning", {}),
    "translation.numbers-waived": ("info", {}),
    "translation.numbers-waiver": ("error", {}),
    "translation.numbers-waiver-expired": ("warning", {}),
    "translation.untranslated": ("warning", {}),
    "translation.stale": ("warning", {}),
    "translation.markup": ("error", {}),  # build refuses it even with --draft
    "translation.invisible": ("error", {}),  # a direction control that reorders the printed dose (bidi.py)
    "translation.unavailable": ("error", {}),
    "translation.review-date": ("warning", {}),  # X-Review-Date not a real day, or after today (checks/reviewed.py)
    "pictures.slides": ("error", {}),  # the deck refuses the picture (checks/pictures.py)
    "accessibility.contrast": ("error", {"pairs": []}),
    "accessibility.slide-contrast": ("warning", {}),  # the deck draws a failing colour in a contrasting one
    "accessibility.font-size": ("error", {"leaflet_min_pt": 12.0, "large_print_min_pt": 16.0, "slides_min_pt": 24.0}),
    "accessibility.alt-text": ("error", {}),
    "accessibility.headings": ("error", {}),
    "accessibility.table-caption": ("error", {}),
    "accessibility.table-columns": ("warning", {"max_columns": 4}),
}

ES_FORMULAS = ("inflesz", "fernandez-huerta")


@dataclass(frozen=True)
class RuleSettings:
    """One rule as configured: on or off, its severity and options."""

    enabled: bool
    severity: str
    options: dict[str, Any] = field(default_factory=dict)


class Settings:
    """Every rule's settings for one project."""

    def __init__(self, rules: dict[str, RuleSettings]) -> None:
        self.rules = rules

    def on(self, rule: str) -> bool:
        """Whether a rule runs."""
        return self.rules[rule].enabled

    def severity(self, rule: str) -> str:
        return self.rules[rule].severity

    def opt(self, rule: str, name: str) -> Any:
        return self.rules[rule].options[name]

    def family_on(self, prefix: str) -> bool:
        """Whether any rule of a family (e.g. 'readability') runs."""
        return any(s.enabled for r, s in self.rules.items() if r == prefix or r.startswith(prefix + "."))


def _kind(default: Any) -> str:
    """What an option's value must be, in words."""
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    return {float: "a number", str: "text", list: "a list", dict: "a mapping"}.get(type(default), type(default).__name__)


def _type_ok(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, type(default))


def _option_problems(rule: str, options: dict[str, Any]) -> list[tuple[str, str]]:
    """Values that have the right type but a wrong shape or an unknown name."""
    out: list[tuple[str, str]] = []
    if rule == "readability.ease" and options["es_formula"] not in ES_FORMULAS:
        out.append(("es_formula", f"es_formula must be one of {', '.join(ES_FORMULAS)}"))
    elif rule == "structure.parts":
        from .text import data_file

        known = data_file("structure")["parts"]
        for kind, parts in options["kinds"].items():
            wrong = [p for p in parts] if not isinstance(parts, list) else [p for p in parts if p not in known]
            if wrong:
                out.append(("kinds", f"kind '{kind}' lists unknown part(s) {', '.join(map(str, wrong))}; known parts: {', '.join(known)}"))
    elif rule == "jargon":
        extra = options["extra"]
        if not all(isinstance(v, dict) and all(isinstance(t, str) and isinstance(p, str) for t, p in v.items()) for v in extra.values()):
            out.append(("extra", "extra must map a language to {term: plain alternative}, e.g. {en: {nephrotoxic: can harm the kidneys}}"))
        if not all(isinstance(a, str) for a in options["allow"]):
            out.append(("allow", "allow must be a list of terms"))
    elif rule == "translation.numbers":
        from .quantities.vocab import data_problems

        for lang, data in options["vocabulary"].items():
            out += [("vocabulary", f"vocabulary for '{lang}': {message}") for message in data_problems(data)]
    elif rule == "promotion" and not all(isinstance(m, str) and m.strip() for m in options["medicines"]):
        out.append(("medicines", "medicines must be a list of names"))
    elif rule == "promotion" and not all(isinstance(m, str) and "." in m and " " not in m.strip() for m in options["allowed_domains"]):
        out.append(("allowed_domains", "allowed_domains must be a list of domains, e.g. [leaflets.example.org, nhs.uk]"))
    elif rule == "accessibility.contrast":
        from ..config import Brand
        from .accessibility import MINIMUM

        for i, pair in enumerate(options["pairs"]):
            if not (isinstance(pair, list) and len(pair) == 3 and all(p in Brand.model_fields and p not in ("organisation", "logo", "contact") for p in pair[:2]) and pair[2] in MINIMUM):
                out.append(("pairs", f"pairs[{i}] must be [foreground, background, normal|large] naming brand colours (text, background, primary, accent, warning, warning_background, keypoints_background)"))
    return out


def load_settings(raw: dict[str, Any], config_path: Path) -> Settings:
    """Merge `checks:` over the defaults; every unknown rule, option or bad value is collected, then one ConfigError."""
    lines: dict[tuple[Any, ...], int] = {}
    if raw and config_path.is_file():
        from ..yamlfile import YamlProblem, load_yaml

        try:
            _, lines = load_yaml(config_path)
        except YamlProblem:
            lines = {}
    problems: list[Problem] = []

    def bad(message: str, *key: str) -> None:
        line = lines.get(("checks", *key)) or lines.get(("checks", key[0])) or lines.get(("checks",))
        problems.append(Problem(message, path=config_path, line=line, key=".".join(("checks", *key))))

    rules: dict[str, RuleSettings] = {}
    for rule, (severity, defaults) in RULES.items():
        rules[rule] = RuleSettings(True, severity, dict(defaults))
    for rule, value in (raw or {}).items():
        if rule not in RULES:
            close = get_close_matches(str(rule), list(RULES), n=1, cutoff=0.75)
            near = [r for r in RULES if r.split(".")[0] == str(rule).split(".")[0]]
            hint = f": did you mean '{close[0]}'?" if close else f" (rules of that family: {', '.join(near)})" if near else "; see docs/checks.md for the list"
            bad(f"unknown check '{rule}'{hint}", str(rule))
            continue
        current = rules[rule]
        if isinstance(value, bool):
            rules[rule] = RuleSettings(value, current.severity, current.options)
            continue
        if not isinstance(value, dict):
            bad(f"check '{rule}' takes true/false or a mapping of options, not {value!r}", rule)
            continue
        enabled, severity, options = current.enabled, current.severity, dict(current.options)
        for name, v in value.items():
            if name == "enabled":
                if not isinstance(v, bool):
                    bad(f"'enabled' must be true or false, not {v!r}", rule, name)
                else:
                    enabled = v
            elif name == "severity":
                if v not in SEVERITIES:
                    bad(f"severity must be one of {', '.join(SEVERITIES)}, not {v!r}", rule, name)
                else:
                    severity = v
            elif name not in options:
                known = ["enabled", "severity", *options]
                close = get_close_matches(str(name), known, n=1, cutoff=0.75)
                hint = f": did you mean '{close[0]}'?" if close else ""
                bad(f"unknown option '{name}' for check '{rule}'{hint} (options: {', '.join(known)})", rule, str(name))
            elif not _type_ok(RULES[rule][1][name], v):
                default = RULES[rule][1][name]
                example = "" if isinstance(default, (list, dict)) else f": e.g. {name}: {default!r}"
                bad(f"option '{name}' of check '{rule}' must be {_kind(default)}, not {v!r}{example}", rule, name)
            else:
                options[name] = float(v) if isinstance(RULES[rule][1][name], float) else v
        for name, message in _option_problems(rule, options):
            bad(message, rule, name)
        rules[rule] = RuleSettings(enabled, severity, options)
    if problems:
        raise ConfigError(problems)
    return Settings(rules)
