"""Rich text from the browser is cleaned with an allow-list (nh3) before it is stored."""

import nh3

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
