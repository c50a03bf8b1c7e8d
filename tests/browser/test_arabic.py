"""The site in Arabic, right to left, in a real browser: every main page type at 360 px (a phone) and
1280 px (a laptop) reads right to left, scrolls no way sideways and has no serious or critical axe-core
violation; French text on an Arabic page stays left to right. Screenshots in Arabic are written by
test_screenshots.py beside the other languages'.
"""

import pytest
from sqlalchemy import update

from app.accounts.models import User
from app.core.extensions import db
from tests.browser.a11y import (
    ROWS,
    WIDTHS,
    axe_source,
    blocking,
    describe,
    log_in,
    open_page_type,
    overflow,
    run_axe,
)
from tests.browser.pages import TIMEOUT_MS


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_every_main_page_type_in_arabic_fits_and_is_accessible(app, browser, live_server, site, axe, width_name):
    with app.app_context():  # signed-in people read the site in their account's language
        db.session.execute(update(User).values(locale="ar"))
        db.session.commit()
    viewport = WIDTHS[width_name]
    pages = {}
    problems = []
    try:
        for row in ROWS:
            if row.role not in pages:
                context = browser.new_context(base_url=live_server, viewport=viewport)
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                if row.role != "anonymous":
                    log_in(page, getattr(site, row.role))  # the log-in form in English
                context.set_extra_http_headers({"Accept-Language": "ar"})
                pages[row.role] = page
            page = pages[row.role]
            open_page_type(page, site, row)
            assert page.get_attribute("html", "lang") == "ar", f"{row.name} is not in Arabic"
            assert page.get_attribute("html", "dir") == "rtl", f"{row.name} is not right to left"
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            found = overflow(page)
            if found["scrollWidth"] > viewport["width"]:
                problems.append(f"{row.name}: {found['scrollWidth']} px at {viewport['width']} px: {found['wide']}")
            violations = blocking(run_axe(page, axe))
            if violations:
                problems.append(f"{row.name}: {len(violations)} axe violations\n{describe(violations)}")
    finally:
        for page in pages.values():
            page.context.close()
    assert not problems, "\n".join(problems)
