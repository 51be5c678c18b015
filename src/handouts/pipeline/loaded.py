"""Loading through the cache: a document whose folder, config and tool have not changed is read back from its JSON, not parsed and cross-checked again.

content.load_document parses the YAML, validates it and cross-checks it (Markdown of every
segment, images, limits): about 12 ms a document, every build. The entry, keyed like the
check cache (every file of the document's folder, the whole config, the tool), holds the
validated document as JSON with its source lines; it is stored only when reading it back
gives a document equal to the one just loaded. The checks on the files themselves (links out
of the project, the size limit, a document.yml that is not a regular file) look at the file
system, not at the bytes the key holds, so they run on every load. Only documents that loaded
without a problem are stored, and only by a build that passed (entries wait in `unput`, like
the artifacts rendered before the gate opened): a document with problems is always loaded
afresh, so its messages are the loader's own, and a failing build stores no loaded document.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..config import Config
from ..content import load_document, refuse_unsafe_files
from ..model import Document
from . import inputs
from .cache import Cache, Entry


class Loader:
    """load_document for the documents of one build, through the cache when it is on."""

    def __init__(self, config: Config, cache: Cache, digests: inputs.Digests) -> None:
        self.config, self.cache, self.digests = config, cache, digests
        self._common = inputs.text({"config": config.model_dump(mode="json"), "tool": inputs.tool()}) if cache.enabled else ""
        self.unput: list[tuple[str, Entry]] = []  # entries to store once the build has passed

    def load(self, folder: Path) -> Document:
        """The document of a folder, as content.load_document gives it (ContentError on any problem)."""
        if not self.cache.enabled:
            return load_document(folder, self.config)
        refuse_unsafe_files(folder, self.config)  # -- before the key reads any file: links out of the project are never opened --
        key = inputs.text({"load": self._common, "document": self.digests.tree(folder), "folder": str(folder)})
        entry = self.cache.get(key)
        if entry is not None:
            found = _document(entry.data)
            if found is not None:
                return found
        doc = load_document(folder, self.config)
        data = _entry(doc)
        if data is not None:
            self.unput.append((key, Entry(data, 0)))
        return doc


def _entry(doc: Document) -> bytes | None:
    """The document as an entry's bytes; None when reading them back would not give the same document."""
    data = json.dumps({"document": doc.model_dump_json(exclude_unset=True), "source": doc._source,
                       "lines": [[list(key), line] for key, line in doc._lines.items()]}, ensure_ascii=False).encode()
    again = _document(data)
    return data if again is not None and again == doc and again.model_fields_set == doc.model_fields_set else None


def _document(data: bytes) -> Document | None:
    """The document an entry holds (None when it does not validate: an entry of an older model)."""
    from pydantic import ValidationError

    try:
        raw = json.loads(data)
        doc = Document.model_validate_json(raw["document"])
        doc._lines = {tuple(key): line for key, line in raw["lines"]}
        doc._source = raw["source"]
    except (ValueError, KeyError, TypeError, ValidationError):
        return None
    return doc
