"""The only place that turns user text into HTML.

Markdown is rendered first, then bleach keeps a small allow-list of tags and
attributes. Links may only use http, https or mailto and always get
rel="nofollow noopener". Sanitizing happens on write: the stored HTML is what
templates may mark safe.

The renderer is markdown-it-py's CommonMark, whose parser runs in time linear in the text
(CommonMark's own rule for delimiters and brackets), with nesting bounded (MAX_NESTING): no text,
however hostile, costs much more than an ordinary text of the same length
(tests/unit/test_markdown_cost.py). Raw HTML in the input is shown as text. Every text has a
length limit besides (app.core.text), checked before it is rendered.
"""

import re
from dataclasses import dataclass

import bleach
from bleach.linkifier import Linker
from markdown_it import MarkdownIt
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


# The web addresses that become links: http(s) or www., up to a space or a character that cannot
# end an address. Simple enough to run in time linear in the text (bleach's own pattern, which also
# links bare domains, backtracks on runs of parentheses: 20,000 of them took 13 s). Used by both
# render_markdown (through markdown-it's linkify rule) and clean_html (through bleach's Linker).
_URL_RE = re.compile(
    r"""(?<![\w/@.])(?:https?://|www\.)\w(?:(?!&[lg]t;)[^\s<>"'`\[\]{}|\\^()])*(?<![.,;:!?&])""",
    re.IGNORECASE,
)
_linker = Linker(callbacks=[_set_rel], parse_email=False, url_re=_URL_RE)


MAX_NESTING = 10  # lists in quotes in lists, emphasis in links...: deeper is not parsed (and costs nothing)


@dataclass
class _Link:
    """A web address found in a text, as markdown-it's linkify rule reads it."""

    url: str
    text: str
    index: int
    last_index: int
    schema: str | None


class _WebAddresses:
    """The linkifier markdown-it's linkify rule asks for, finding addresses with _URL_RE (one pass)."""

    def test(self, text: str) -> bool:
        return _URL_RE.search(text) is not None

    pretest = test

    def match(self, text: str) -> list[_Link]:
        links = []
        for found in _URL_RE.finditer(text):
            address = found.group(0)
            schema = None if address[:4].lower() == "www." else address.split(":", 1)[0].lower() + ":"
            url = address if schema else "http://" + address
            links.append(_Link(url, address, found.start(), found.end(), schema))
        return links


def _link_open(renderer, tokens, idx, options, env) -> str:
    tokens[idx].attrSet("rel", "nofollow noopener")
    return renderer.renderToken(tokens, idx, options, env)


# CommonMark without raw HTML (shown as text) or images (the allow-list has no <img>: "![a](b)" is a
# link), its web addresses made links; every link gets rel="nofollow noopener".
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True, "maxNesting": MAX_NESTING})
_markdown.linkify = _WebAddresses()
_markdown.core.ruler.enable("linkify")  # the pass over the finished text; not the inline rule
_markdown.disable("image")
_markdown.add_render_rule("link_open", _link_open)


def render_markdown(text: str) -> Markup:
    """Light Markdown to safe HTML, ready to store and to show."""
    source = (text or "").replace("\r\n", "\n")
    return Markup(_cleaner.clean(_markdown.render(source)).rstrip("\n"))  # noqa: S704 (bleach allow-list output) # nosec B704


def clean_html(html: str) -> Markup:
    """Sanitize HTML that did not come from render_markdown (e.g. imported content)."""
    return Markup(_linker.linkify(_cleaner.clean(html or "")))  # noqa: S704 (bleach allow-list output) # nosec B704
