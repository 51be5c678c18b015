"""Where the look comes from: the project's templates folder first, then the templates packaged in handouts."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .config import Config
from .errors import Problem, TemplateError

# -- a wheel installs unpacked, so the packaged folder is a real directory WeasyPrint and LibreOffice can read --
BUILTIN = Path(str(resources.files("handouts") / "templates")).resolve()


class Theme:
    """An ordered search path of template folders; a file in an earlier folder overrides later ones."""

    def __init__(self, config: Config) -> None:
        self.config = config
        folders = [config.user_templates] if config.user_templates else []
        self.search_path: list[Path] = [p.resolve() for p in folders] + [BUILTIN]

    def find(self, name: str) -> Path:
        """The first file called name on the search path."""
        for folder in self.search_path:
            path = folder / name
            if path.is_file():
                return path
        where = ", ".join(str(p) for p in self.search_path)
        raise TemplateError(Problem(f"template file '{name}' not found in {where}: add it to your templates folder"))

    def folders(self, sub: str) -> list[Path]:
        """The sub-folder (e.g. 'leaflet') of every search-path entry that has it."""
        return [p / sub for p in self.search_path if (p / sub).is_dir()]

    def logo(self) -> Path | None:
        """The brand logo: brand.logo inside the project, else inside a template folder (None when not found)."""
        logo = self.config.brand.logo
        roots = [self.config.root.resolve(), *self.search_path]
        for base in roots if logo else ():
            path = (base / logo).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in roots):
                return path
        return None

    def readable_roots(self) -> list[Path]:
        """Folders rendering may read: templates and content, nothing else."""
        return [*self.search_path, self.config.content_path.resolve()]
