"""WeasyPrint's native libraries (Pango, HarfBuzz, fontconfig, GObject), loaded without running a compiler.

Our own, because WeasyPrint asks cffi for each library under up to six names, the Windows and
macOS ones first, and on Linux every name that `dlopen()` does not know makes
`ctypes.util.find_library` run `ldconfig`, `gcc` and `ld`: about 0.3 s of every process that
renders a leaflet (the fork server, a serial build, one `handouts build --format pdf`). On Linux
what `find_library` returns is a bare soname that `dlopen()` then looks up in the same places it
already looked, and WeasyPrint's list always holds the soname itself, so skipping the lookup
loads the same files. If that ever finds nothing, WeasyPrint is imported again the ordinary way,
and the user sees its own message.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys

MODULE = "weasyprint.text.ffi"  # the module that opens the libraries when it is imported


def load(module: str = MODULE) -> None:
    """Import `module` with `ctypes.util.find_library` answering "not found" (Linux only; elsewhere, and on failure, the ordinary way)."""
    if module in sys.modules or not sys.platform.startswith("linux"):
        return
    import ctypes.util

    real = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # -- WeasyPrint prints its install advice before it raises: once, from the caller's import --
            importlib.import_module(module)
    except OSError:
        # -- a library under none of its sonames: forget the half-imported package, the caller's import does it the long way --
        top = module.split(".")[0]
        for name in [m for m in sys.modules if m == top or m.startswith(top + ".")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = real


def _not_found(name: str) -> None:
    return None


load()
