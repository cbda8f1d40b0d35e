"""Markdown to safe HTML with Go highlighting. No Django: the bank loader renders once.

Statements come from the bank (trusted authors), but the output is still sanitised so a
slip in one item cannot put script on every candidate's page.
"""

from __future__ import annotations

import re

import markdown
import nh3
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import GoLexer

# Bump when the output changes, so `bank load` re-renders unchanged items.
RENDER_VERSION = 2

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


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


def separate_lists(text: str) -> str:
    """A blank line before a list that follows a paragraph line. Authors write "Rules:" and
    the items right under it, as CommonMark allows; Python-Markdown would run the items into
    the paragraph."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif (
            not fenced
            and out
            and _LIST_ITEM.match(line)
            and not line.startswith((" ", "\t"))
            and out[-1].strip()
            and not _LIST_ITEM.match(out[-1])
            and not out[-1].startswith((" ", "\t"))
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _focusable_code(html: str) -> str:
    """A code block scrolls sideways on a phone; keyboard users must be able to reach it."""
    return html.replace("<pre>", '<pre tabindex="0">')


def render_markdown(text: str) -> str:
    html = markdown.markdown(
        separate_lists(text),
        extensions=_EXTENSIONS,
        extension_configs=_EXTENSION_CONFIGS,
        output_format="html",
    )
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return _focusable_code(clean)


def highlight_go(source: str) -> str:
    """A Go snippet as highlighted HTML (quiz programs, starter previews)."""
    return _focusable_code(highlight(source, GoLexer(), HtmlFormatter(cssclass="codehilite")))


def pygments_css() -> str:
    return HtmlFormatter(style="default").get_style_defs(".codehilite")
