"""Compiles the interface's catalogues (locale/*/LC_MESSAGES/*.po) to .mo files.

Pure Python (polib), so `make install` needs no gettext package from the
system: `python -m hub.catalogues` compiles every catalogue whose .mo is
missing or older than its .po. The .mo files are build output, not committed.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(locale_dir=LOCALE_DIR, force=False):
    """Write each .po's .mo beside it; return the paths written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        # A fuzzy entry is a guess that nobody checked: gettext leaves it out too.
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_catalogues(force="--force" in sys.argv[1:]):
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
