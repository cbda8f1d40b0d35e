"""Markdown to safe HTML with Go highlighting. No Django: the bank loader renders once.

Statements come from the bank (trusted authors), but the output is still sanitised so a
slip in one item cannot put script on every candidate's page.
"""

from __future__ import annotations

import markdown
import nh3
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import GoLexer

# Bump when the output changes, so `bank load` re-renders unchanged items.
RENDER_VERSION = 1

_EXTENSIONS = ["fenced_code", "codehilite", "tables", "sane_lists"]
_EXTENSION_CONFIGS = {"codehilite": {"guess_lang": False, "css_class": "codehilite"}}

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "details",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "code": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
}


def render_markdown(text: str) -> str:
    html = markdown.markdown(
        text, extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html"
    )
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def highlight_go(source: str) -> str:
    """A Go snippet as highlighted HTML (quiz programs, starter previews)."""
    return highlight(source, GoLexer(), HtmlFormatter(cssclass="codehilite"))


def pygments_css() -> str:
    return HtmlFormatter(style="default").get_style_defs(".codehilite")
