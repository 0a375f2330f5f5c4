"""Localisation: Babel catalogs (ko default, en), loaded from .po files at start-up."""

from __future__ import annotations

import io
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from app.config import SUPPORTED_LOCALES

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
current_locale: ContextVar[str] = ContextVar("current_locale", default="ko")


@cache
def translations(locale: str) -> Translations:
    """The compiled catalog of a locale (compiled in memory: no .mo files to keep in sync)."""
    po_path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext(message: str, **variables: Any) -> str:
    """Translate into the current request's locale, then fill %(name)s placeholders."""
    text = translations(current_locale.get()).ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    text = translations(current_locale.get()).ungettext(singular, plural, n)
    variables.setdefault("num", n)
    return text % variables


def pick(text: dict[str, str] | str | None, locale: str | None = None) -> str:
    """Choose the locale's string from a bilingual {ko, en} mapping (falls back to ko)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    loc = locale or current_locale.get()
    return text.get(loc) or text.get("ko") or next(iter(text.values()), "")


def negotiate(accept_language: str | None, default: str) -> str:
    """Pick ko/en from an Accept-Language header."""
    if not accept_language:
        return default
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in SUPPORTED_LOCALES:
            return code
    return default


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a message for extraction; it is translated where it is shown."""
    return message
