"""Money, numbers, shares, sizes and dates reach people in their own language's notation (CLDR,
through Babel), on the main pages: the initiative page, the review page, the needs page, a list.

French groups digits with a narrow no-break space and writes the CFA franc after the amount
("6 500 000 F CFA"); Spanish groups with dots ("380.000.000,00 COP"); both put a no-break space
before "%". The expected strings are CLDR's, written out.
"""

import re
from decimal import Decimal

import pytest
from flask_babel import force_locale, format_datetime

from app.accounts.models import User
from app.community.models import Comment
from app.core import formats
from app.core.extensions import db
from app.projects.models import Project
from tests.browser.a11y import build_site

NNBSP, NBSP = "\u202f", "\u00a0"
BUDGET = {  # the active initiative's budget, as each language writes it
    "fr": f"6{NNBSP}500{NNBSP}000{NBSP}F{NNBSP}CFA",
    "es": f"6.500.000{NBSP}XOF",
    "en": f"F{NNBSP}CFA{NBSP}6,500,000",
}
OTHER_BUDGET = {"fr": f"380{NNBSP}000{NNBSP}000,00{NBSP}$CO", "es": f"380.000.000,00{NBSP}COP"}
SHARE = {"fr": f"42{NBSP}%", "es": f"42{NBSP}%", "en": "42%"}  # the assessment's gender_budget_share (42)
SIZE = {"fr": f"{NNBSP}ko)", "es": " kB)", "en": " kB)"}


@pytest.fixture
def site(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path))
    built = build_site(app)
    with app.app_context():
        active = db.session.get(Project, built.active_id)
        active.budget_amount, active.budget_currency = Decimal("6500000"), "XOF"
        submitted = db.session.get(Project, built.submitted_id)
        submitted.budget_amount, submitted.budget_currency = Decimal("380000000"), "COP"
        db.session.commit()
    return built


def speaking(app, login_as, person, locale: str):
    """A client signed in as `person`, whose account speaks `locale`."""
    with app.app_context():
        db.session.get(User, person.id).locale = locale
        db.session.commit()
    return login_as(person, app.test_client())


def page(client, address: str, locale: str = "en") -> str:
    response = client.get(address, headers={"Accept-Language": locale})
    assert response.status_code == 200, address
    return response.get_data(as_text=True)


@pytest.mark.parametrize("locale", ["fr", "es", "en"])
def test_the_initiative_page_in_the_reader_s_notation(app, client, site, locale):
    html = page(client, f"/projects/{site.active_id}", locale)
    assert f'<html lang="{locale}"' in html
    assert BUDGET[locale] in html
    assert SIZE[locale] in html, "the files' sizes"
    with app.app_context():
        comment = db.session.get(Comment, site.comment_id)
        with app.test_request_context(), force_locale(locale):
            shown = format_datetime(comment.created_at, "medium")
    assert shown in html, "the comments' dates"


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_the_review_page_in_the_reviewer_s_notation(app, login_as, site, locale):
    client = speaking(app, login_as, site.reviewer, locale)
    active = page(client, f"/review/projects/{site.active_id}")
    assert BUDGET[locale] in active
    assert re.search(rf'<p class="answer" dir="auto">{SHARE[locale]}</p>', active), \
        "the share of the budget for gender equality"
    submitted = page(client, f"/review/projects/{site.submitted_id}")
    assert OTHER_BUDGET[locale] in submitted
    assert "380000000" not in submitted


@pytest.mark.parametrize("locale", ["fr", "es", "en"])
def test_the_needs_page_and_its_progress_bars(app, client, site, locale):
    html = page(client, f"/projects/{site.active_id}/needs", locale)
    bars = re.findall(r"<progress [^>]*>([^<]*)</progress>", html)
    assert bars and all(re.fullmatch(rf"\d+{SHARE[locale][2:]}", text) for text in bars), bars
    with app.test_request_context(), force_locale(locale):
        assert formats.money(Decimal("150000"), "XOF") in html


@pytest.mark.parametrize(
    ("locale", "money", "number", "share", "size"),
    [
        ("fr", f"1{NNBSP}500,500{NBSP}TND", f"1{NNBSP}234,5", f"12,5{NBSP}%", f"2{NNBSP}ko"),
        ("es", f"1.500,500{NBSP}TND", "1.234,5", f"12,5{NBSP}%", "2 kB"),
        ("en", f"TND{NBSP}1,500.500", "1,234.5", "12.5%", "2 kB"),
    ],
)
def test_the_filters(app, locale, money, number, share, size):
    with app.test_request_context(), force_locale(locale):
        assert formats.money(Decimal("1500.5"), "TND") == money  # the dinar has three decimals
        assert formats.number(Decimal("1234.5")) == number
        assert formats.percent(12.5) == share
        assert formats.filesize(1500) == size  # kilobytes, rounded up
        assert formats.money(None, "XOF") == formats.number(None) == formats.percent(None) == ""
