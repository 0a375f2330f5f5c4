"""Lesson Markdown → safe HTML with heading anchors and a table of contents.

markdown-it-py renders; nh3 sanitises the result so authored HTML can never inject a script.
Pure functions: no FastAPI or database import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "hr", "i", "img", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "small", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "td": {"align", "style"}, "th": {"align", "style"},
    "code": {"class"}, "ol": {"start"},
}


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


def slugify(text: str) -> str:
    """A heading anchor that keeps Korean letters: '2. 라벨링 규칙' → '2-라벨링-규칙'."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_]+", "-", text).strip("-") or "section"


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


_md = _parser()


def render(markdown: str, figure_base: str) -> tuple[str, list[TocEntry]]:
    """Render a lesson; relative image paths are served under ``figure_base``."""
    tokens = _md.parse(markdown)
    toc: list[TocEntry] = []
    seen: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3"):
            inline = tokens[index + 1]
            title = "".join(child.content for child in (inline.children or [])
                            if child.type in ("text", "code_inline"))
            anchor = slugify(title)
            seen[anchor] = seen.get(anchor, 0) + 1
            if seen[anchor] > 1:
                anchor = f"{anchor}-{seen[anchor]}"
            token.attrSet("id", anchor)
            toc.append(TocEntry(level=int(token.tag[1]), anchor=anchor, title=title))
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "image":
                    src = str(child.attrGet("src") or "")
                    if not re.match(r"^(?:[a-z]+:|/)", src):
                        child.attrSet("src", f"{figure_base.rstrip('/')}/{src.removeprefix('./')}")
                    child.attrSet("loading", "lazy")
    html = _md.renderer.render(tokens, _md.options, {})
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    return clean, toc


def plain_text(markdown: str) -> str:
    """The lesson's words without markup (for word counts and search)."""
    html = _md.render(markdown)
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
