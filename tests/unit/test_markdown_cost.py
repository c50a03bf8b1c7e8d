"""Rendering Markdown costs about the same whatever the text: the worst inputs we know of (runs of
brackets, emphasis, entities, backticks, nesting...) take at most ten times as long as an ordinary
text of the same length with ordinary Markdown in it, measured in the same test (ratios of processor
time, never seconds: the machine's speed and load cancel out). Before, 5,000 "[" took seconds and 2,500 "- " overflowed
the stack. And the Markdown people write still renders as before."""

import time

import pytest

from app.community.comments import BODY_MAX as COMMENT_MAX
from app.core.sanitize import MAX_NESTING, render_markdown
from app.projects.projects import DESCRIPTION_MAX

ORDINARY = (
    "Girls and boys aged 6 to 17 were **consulted separately** in *safe spaces*; their views shaped "
    "the plan (see [the report](https://example.org/report) and www.example.org/plan). Progress is "
    "reported back to them & to their parents.\n\n- a first point with `code`\n- a second point\n\n"
    "> A quote from a facilitator.\n\n"
)
# Each repeated up to the length measured.
WORST = [
    "[", "![", "[x](", "*a", "a**b_", "&", "<", "(", "[a][", "*_**__***", "[![", "[(", "![](", "**a*",
    "http://(", "www.", "a.", "_a", "~", "`a", "> ", "- ", "1. ", "\\", "&#1", "<a ", "[]", "](",
    "    - ", "> - ", "[a](<", "*[", "`*", "[`", "<http://",
]
# The worst of them, measured again at a description's length.
WORST_LONG = ["[", "![", "*a", "**a*", "*_**__***", "a**b_", "`a", "&", "> ", "- "]
MAX_RATIO = 10


def repeated(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def cost(text: str, runs: int = 3) -> float:
    """The processor time of this process (not the other processes' on the machine), best of a few runs."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        render_markdown(text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("length, units", [(COMMENT_MAX, WORST), (DESCRIPTION_MAX, WORST_LONG)])
def test_no_text_costs_much_more_than_an_ordinary_one(length, units):
    ordinary = cost(repeated(ORDINARY, length))
    ratios = {unit: cost(repeated(unit, length)) / ordinary for unit in units}
    too_slow = {unit: round(ratio, 1) for unit, ratio in ratios.items() if ratio > MAX_RATIO}
    assert not too_slow, f"at {length} characters, against {ordinary * 1000:.1f} ms for an ordinary text"


@pytest.mark.parametrize(
    "source, html",
    [
        ("**bold** *italics* `code`", "<p><strong>bold</strong> <em>italics</em> <code>code</code></p>"),
        ("[the plan](https://example.org/plan)",
         '<p><a href="https://example.org/plan" rel="nofollow noopener">the plan</a></p>'),
        ("see https://example.org/plan.",
         '<p>see <a href="https://example.org/plan" rel="nofollow noopener">https://example.org/plan</a>.</p>'),
        ("(www.example.org)", '<p>(<a href="http://www.example.org" rel="nofollow noopener">www.example.org</a>)</p>'),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("### Plan", "<h3>Plan</h3>"),
        ("<b>raw</b> & more", "<p>&lt;b&gt;raw&lt;/b&gt; &amp; more</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("![photo](https://example.org/a.png)",
         '<p>!<a href="https://example.org/a.png" rel="nofollow noopener">photo</a></p>'),
    ],
)
def test_ordinary_markdown_renders_as_before(source, html):
    assert str(render_markdown(source)) == html


def test_deep_nesting_is_bounded_not_an_error():
    """python-markdown overflowed the stack on 2,500 nested list items (a 500 on every page saving it)."""
    for source in ("> " * 5000 + "deep", "- " * 5000 + "deep", "    - " * 1000 + "deep", "*" * 2000 + "deep"):
        rendered = str(render_markdown(source))
        assert rendered.count("<blockquote>") <= MAX_NESTING and rendered.count("<li>") <= MAX_NESTING
