"""Screenshots of the main page types at 360 px (a phone) and 1280 px (a laptop) in English, French,
Spanish and Arabic, for anyone to look at after a run: screenshots/<language>/<width>/<page type>.png at the
project's root (git-ignored; the README says so), or under $SCREENSHOT_DIR when it is set. The path
is printed at the end of each test. Each page is also checked to be in the language asked for.
"""

import os
import re

import pytest
from sqlalchemy import update

from app.accounts.models import User
from app.core.extensions import db
from tests.browser.a11y import MAIN, ROOT, ROWS, WIDTHS, log_in, open_page_type
from tests.browser.pages import TIMEOUT_MS

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR") or str(ROOT / "screenshots")
LANGUAGES = ("en", "fr", "es", "ar")
# Also shown with the menu open: on a phone the folded menu, on a laptop the admin group.
MENU_OPEN = {"phone": ("home", "admin: users"), "laptop": ("admin: users",)}


def file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".png"


def test_every_main_page_type_is_listed():
    assert {row.name for row in ROWS} == set(MAIN)


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_of_the_main_page_types(app, browser, live_server, site, language):
    with app.app_context():  # signed-in people read the site in their account's language
        db.session.execute(update(User).values(locale=language))
        db.session.commit()
    folder = os.path.join(SCREENSHOT_DIR, language)
    taken = 0
    for width_name, viewport in WIDTHS.items():
        os.makedirs(os.path.join(folder, width_name), exist_ok=True)
        pages = {}
        try:
            for row in ROWS:
                if row.role not in pages:
                    context = browser.new_context(base_url=live_server, viewport=viewport)
                    context.set_default_timeout(TIMEOUT_MS)
                    page = context.new_page()
                    if row.role != "anonymous":
                        log_in(page, getattr(site, row.role))  # the log-in form in English
                    context.set_extra_http_headers({"Accept-Language": language})
                    pages[row.role] = page
                page = pages[row.role]
                open_page_type(page, site, row)
                assert page.get_attribute("html", "lang") == language, f"{row.name} is not in {language}"
                shot = os.path.join(folder, width_name, file_name(row.name))
                page.screenshot(path=shot, full_page=True)
                assert os.path.getsize(shot) > 0
                taken += 1
                if row.name in MENU_OPEN[width_name]:
                    opener = ".menu > summary" if width_name == "phone" else ".nav-more > summary >> nth=-1"
                    page.locator(opener).click()
                    page.screenshot(path=shot.replace(".png", "-menu-open.png"))
                    taken += 1
        finally:
            for page in pages.values():
                page.context.close()
    print(f"\n{taken} screenshots in {folder}")
    assert taken == len(ROWS) * len(WIDTHS) + sum(len(names) for names in MENU_OPEN.values())
