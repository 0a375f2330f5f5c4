"""Every message the app shows has a Korean translation (ko is the default locale)."""

from __future__ import annotations

from tools import i18n as catalog_tool


def test_every_message_has_a_korean_translation() -> None:
    template = catalog_tool.extract()
    assert len(template) > 50
    assert catalog_tool.missing_korean(template) == []


def test_placeholders_survive_translation() -> None:
    from app import i18n

    token = i18n.current_locale.set("ko")
    try:
        assert i18n.gettext("Hello, %(name)s", name="김") == "안녕하세요, 김님"
    finally:
        i18n.current_locale.reset(token)
    assert i18n.pick({"ko": "가", "en": "A"}, "en") == "A"
    assert i18n.pick({"ko": "가"}, "en") == "가"
