"""WeasyPrint's native libraries load without ctypes' compiler search, and load the same files (handouts.native)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

LIBS = ("libgobject-2.0", "libpango-1.0", "libpangoft2-1.0", "libharfbuzz", "libfontconfig")


def _run(code: str, cwd: Path | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True, cwd=cwd)
    return json.loads(out.stdout.splitlines()[-1])


MAPPED = """
    def mapped():
        names = set()
        for line in open("/proc/self/maps"):
            path = line.split()[-1]
            if ".so" in path and "site-packages" not in path:  # -- the system's, not a wheel's bundled copy (uharfbuzz) --
                names.add(path.rsplit("/", 1)[-1])
        return sorted(n for n in names if n.startswith(LIBS))
""".replace("LIBS", repr(LIBS))


def test_leaflet_modules_never_ask_find_library_and_map_the_same_libraries() -> None:
    ours = _run(MAPPED + """
    import ctypes.util, json
    calls = []
    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: calls.append(name) or real(name)
    import handouts.render.leaflet.pdf, handouts.render.handout.pdf, handouts.fetcher
    from weasyprint.text import ffi
    print(json.dumps({"calls": calls, "libs": mapped(), "restored": ctypes.util.find_library is not real,
                      "subset": ffi.harfbuzz_subset is not None, "vector": ffi.harfbuzz_vector is not None}))
    """)
    plain = _run(MAPPED + """
    import json
    from weasyprint.text import ffi
    print(json.dumps({"libs": mapped(), "subset": ffi.harfbuzz_subset is not None, "vector": ffi.harfbuzz_vector is not None}))
    """)
    assert ours["calls"] == []  # -- each failed name used to run ldconfig, gcc and ld --
    assert ours["restored"]  # our counting wrapper is back in place after the import
    assert ours["libs"] == plain["libs"] and len(plain["libs"]) >= 5, (ours, plain)
    assert (ours["subset"], ours["vector"]) == (plain["subset"], plain["vector"])


def test_a_library_missing_under_its_sonames_falls_back_to_the_ordinary_import(tmp_path: Path) -> None:
    package = tmp_path / "fakeweasy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    # -- like WeasyPrint on a system whose library is only found by ctypes' search --
    (package / "ffi.py").write_text("import ctypes.util\nif ctypes.util.find_library('c') is None:\n    raise OSError('no libc')\n")
    result = _run("""
    import ctypes.util, json, sys
    real = ctypes.util.find_library
    from handouts import native
    native.load("fakeweasy.ffi")
    gone = "fakeweasy" not in sys.modules and "fakeweasy.ffi" not in sys.modules
    import fakeweasy.ffi
    print(json.dumps({"gone": gone, "restored": ctypes.util.find_library is real, "imported": "fakeweasy.ffi" in sys.modules}))
    """, cwd=tmp_path)
    assert result == {"gone": True, "restored": True, "imported": True}
