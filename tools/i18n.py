"""Refresh the Babel catalogs: extract messages from app/ and merge them into each .po file.

    .venv/bin/python -m tools.i18n            # extract + update app/translations/*/messages.po
    .venv/bin/python -m tools.i18n --check    # exit 1 if a message lacks a Korean translation
    .venv/bin/python -m tools.i18n --merge-ko FILE.yaml   # add Korean strings {msgid: 한국어}

The .po files are the source of truth (compiled in memory at start-up; no .mo in git).
msgids are English; the en catalog leaves msgstr empty (the msgid is shown as is).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def extract() -> Catalog:
    template = Catalog(project="AIDE Academy", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "app"), METHOD_MAP, OPTIONS, KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(locale=locale)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def save(catalog: Catalog, locale: str) -> None:
    path = po_path(locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True,
                 ignore_obsolete=True, include_previous=False)


def missing_korean(template: Catalog) -> list[str]:
    ko = load("ko")
    missing = []
    for message in template:
        if not message.id:
            continue
        found = ko.get(message.id)
        if found is None or not found.string or (isinstance(found.string, tuple) and not all(found.string)):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str]) -> int:
    template = extract()
    if "--check" in argv:
        missing = missing_korean(template)
        for msgid in missing:
            print(f"missing ko translation: {msgid!r}")
        return 1 if missing else 0
    for locale in ("ko", "en"):
        catalog = load(locale)
        catalog.update(template, no_fuzzy_matching=True)
        if locale == "ko" and "--merge-ko" in argv:
            import yaml

            extra = yaml.safe_load(Path(argv[argv.index("--merge-ko") + 1]).read_text("utf-8"))
            for msgid, text in extra.items():
                if msgid in catalog:
                    catalog[msgid].string = text
        save(catalog, locale)
    print(f"{len(template)} messages; missing ko: {len(missing_korean(template))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
