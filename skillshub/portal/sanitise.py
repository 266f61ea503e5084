"""Editors' HTML, made safe before it is stored.

News, pages and campaigns are written by office staff in a rich-text box; what they paste may
come from anywhere (a Word document, a web page, a compromised account). Only an allow-list of
structural tags survives: no scripts, no event handlers, no styles, no images (images go
through the upload field, with their alt text), and links only to http(s), mailto and tel,
with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with their content, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def clean_html(value: str) -> str:
    """The editor's HTML with only the allowed tags and attributes."""
    return nh3.clean(
        value or "",
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(value: str) -> str:
    """Sanitised HTML as one line of plain text (for feeds, OpenGraph and the search index)."""
    text = _TAG.sub(" ", clean_html(value))
    return _SPACE.sub(" ", html.unescape(text)).strip()
