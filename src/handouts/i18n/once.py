"""Catalogs parsed once per build: inside reading_once(), shared() gives every reader the same parsed catalog per file version.

Kept apart from i18n.catalog (which imports Babel) so that handouts.build can mark its scope
without importing Babel. Keyed by the file's identity like the input digests (path, size,
mtime, inode), so a catalog changed during the build is read again; outside the scope every
call parses the file. At most SHARED_MAX catalogs are kept, so memory stays flat.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from pathlib import Path

    from .pofile import HandoutsCatalog

SHARED_MAX = 128  # parsed catalogs kept (about 80 KB each)
_P, _R = ParamSpec("_P"), TypeVar("_R")
_shared: OrderedDict[tuple[object, ...], HandoutsCatalog] | None = None  # None: not in a build, every read parses


@contextmanager
def reading_once() -> Iterator[None]:
    """While inside: shared() parses each catalog file once; nested scopes share the outer one."""
    global _shared
    outer = _shared
    _shared = outer if outer is not None else OrderedDict()
    try:
        yield
    finally:
        _shared = outer


def read_once(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorator: the whole call (a build, a check run) parses each catalog once."""
    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with reading_once():
            return func(*args, **kwargs)
    return wrapper


def shared(path: Path, locale: str | None = None, document: bool = False) -> HandoutsCatalog:
    """catalog.read() (document: read_document_catalog()) for readers that never change the catalog; edit only what read() returns."""
    from . import catalog as cat

    def parse() -> HandoutsCatalog:
        return cat.read_document_catalog(path, locale or "") if document else cat.read(path, locale)

    try:
        st = path.stat()
    except OSError:
        st = None
    if _shared is None or st is None:
        return parse()  # not in a build, or the reader says what is wrong with the file
    key = (str(path), st.st_size, st.st_mtime_ns, st.st_ino, locale, document)
    found = _shared.get(key)
    if found is None:
        found = _shared[key] = parse()
        if len(_shared) > SHARED_MAX:
            _shared.popitem(last=False)
    else:
        _shared.move_to_end(key)
    return found
