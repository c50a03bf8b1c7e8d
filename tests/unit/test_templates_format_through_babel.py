"""No template formats money, numbers, shares, sizes or dates by hand: they go through the filters of
app.core.formats (money, number, percent, filesize) and Flask-Babel's date filters, in the reader's
language. The check reads every template's source; a sample of what it refuses shows it can fail."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path for pattern in ("templates/**/*.html", "templates/**/*.txt", "app/**/templates/**/*.html",
                         "app/**/templates/**/*.txt")
    for path in ROOT.glob(pattern)
)
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
RULES = {
    "printf-style formatting of a value (use |number or |percent)": re.compile(r"\|\s*format\s*\("),
    "rounding by hand (use |number or |filesize)": re.compile(r"\|\s*round\b"),
    "Flask-Babel's currencyformat, without CLDR's currency spacing (use |money)": re.compile(r"currencyformat"),
    "strftime (use |dateformat or |datetimeformat)": re.compile(r"strftime"),
    "a percent sign written after a value (use |percent)": re.compile(r"\}\}\s*%(?!\})"),
    "a size unit written by hand (use |filesize)": re.compile(r"\}\}\s*\)?\s*(kB|KB|MB|ko|Mo)\b"),
    "a currency written beside a number (use |money)": re.compile(r"\}\}[ \t]*\{\{[^}\n]*currency[^}\n]*\}\}"),
}
# Amounts and shares that must never be printed as stored: the Decimals of the models and of progress
# (the view models' `row.target`, `row.quantity`... are already formatted strings).
RAW_VALUE = re.compile(
    r"^\s*[\w.]*\b(budget_amount|need\.quantity|pledge\.quantity|offer\.quantity|"
    r"progress\.(target|committed|fulfilled|percent))\s*$"
)


def problems_in(source: str) -> list[str]:
    found = [name for name, rule in RULES.items() if rule.search(source)]
    for expression in EXPRESSION.findall(source):
        if RAW_VALUE.match(expression):
            found.append(f"a stored amount printed as it is: {{{{{expression}}}}}")
    for match in re.finditer(r"\{\{[^}]*isoformat\(", source):
        if not source[: match.start()].endswith('datetime="'):
            found.append("an ISO date shown to people (ISO dates belong in datetime=\"...\" attributes)")
    return found


def test_templates_were_found():
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "forms.html", "show.html", "_details.html", "digest.txt"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_formats_by_hand(path):
    assert not problems_in(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "source",
    [
        '<p class="answer">{{ "%g"|format(value) }} %</p>',
        "{{ project.budget_amount }} {{ project.budget_currency or '' }}",
        "<dd>{{ project.budget_amount }}</dd>",
        "({{ (attachment.size / 1024)|round(0, 'ceil')|int }} kB)",
        "{{ view.progress.percent }}",
        "{{ amount|currencyformat('XOF') }}",
        "<p>{{ event.created_at.isoformat() }}</p>",
        "{{ day.strftime('%d/%m') }}",
    ],
)
def test_the_check_refuses_formatting_by_hand(source):
    assert problems_in(source)


@pytest.mark.parametrize(
    "source",
    [
        "{{ project.budget_amount|money(project.budget_currency) }}",
        "{{ value|percent }}",
        "<time datetime=\"{{ c.created_at.isoformat(timespec='seconds') }}\">{{ c.created_at|datetimeformat }}</time>",
        "({{ attachment.size|filesize }})",
        "{{ ngettext('%(num)s person', '%(num)s people', page.total, num=page.total|number) }}",
    ],
)
def test_the_check_lets_the_filters_through(source):
    assert not problems_in(source)
