"""The only place that turns user text into HTML.

Markdown is rendered first, then bleach keeps a small allow-list of tags and
attributes. Links may only use http, https or mailto and always get
rel="nofollow noopener". Sanitizing happens on write: the stored HTML is what
templates may mark safe.
"""

import bleach
import markdown
from bleach.linkifier import Linker
from markdown.extensions import Extension
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_linker = Linker(callbacks=[_set_rel], parse_email=False)


class _NoRawHtml(Extension):
    """Raw HTML in the input is shown as text: only Markdown makes markup."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str) -> Markup:
    """Light Markdown to safe HTML, ready to store and to show."""
    source = (text or "").replace("\r\n", "\n")
    html = markdown.markdown(source, extensions=[_NoRawHtml(), "sane_lists"], output_format="html")
    return Markup(_linker.linkify(_cleaner.clean(html)))  # noqa: S704 (bleach allow-list output) # nosec B704


def clean_html(html: str) -> Markup:
    """Sanitize HTML that did not come from render_markdown (e.g. imported content)."""
    return Markup(_linker.linkify(_cleaner.clean(html or "")))  # noqa: S704 (bleach allow-list output) # nosec B704
