"""Rich text from the browser is cleaned with an allow-list (nh3) before it is stored."""

import re
from html import unescape

import nh3
from django.utils.html import escape, strip_tags

ALLOWED_TAGS = {
    "p", "br", "div", "strong", "b", "em", "i", "u", "del", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}


def clean_html(html: str) -> str:
    """Keep bold, lists, links and tables; drop scripts, event handlers, styles and javascript: URLs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[234]|blockquote|tr)>")
_LIST_ITEM = re.compile(r"(?i)<li[^>]*>")


def html_to_text(html: str) -> str:
    """The plain text of cleaned rich text, one line per paragraph or list item ("– " before an item): what
    search, feeds, the API's text and e-mail subjects read."""
    if not html:
        return ""
    marked = _LIST_ITEM.sub("\n– ", _BLOCK_END.sub("\n", html))
    text = unescape(strip_tags(marked))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def text_to_html(text: str, clauses: list[str] | None = None, *, bullets: bool = False) -> str:
    """Plain text (a lead sentence, and clauses one per line, numbered unless ``bullets``) as rich text: how
    a position written before positions held formatting reads now, word for word."""
    html = "".join(f"<div>{escape(line)}</div>" for line in text.splitlines() if line.strip())
    if clauses:
        tag = "ul" if bullets else "ol"
        html += f"<{tag}>" + "".join(f"<li>{escape(clause)}</li>" for clause in clauses) + f"</{tag}>"
    return html


def is_empty_html(html: str) -> bool:
    return not html_to_text(html).strip()
