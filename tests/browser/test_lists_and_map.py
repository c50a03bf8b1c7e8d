"""The lists' filters and the country map in a real browser, without JavaScript doing any of it: on a
phone the filters fold away under their summary, on a wide screen they stand open; a chip removes its
filter; a country of the map is a keyboard stop that opens the country's initiatives."""

import pytest

from app.core.extensions import db
from tests.browser.pages import watch_console
from tests.support.discovery import bulk_projects

PHONE = {"width": 360, "height": 800}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def listed(app, make_org):
    """Two public initiatives in Peru, one in Senegal (committed: the live server reads them)."""
    pe, sn = make_org("ninas-pe", country="PE"), make_org("enfance-sn", country="SN")
    with app.app_context():
        bulk_projects(pe.id, 2, stage="active", country_code="PE", title="Reading clubs")
        bulk_projects(sn.id, 1, start=5, stage="active", country_code="SN", title="Safe routes")
        db.session.commit()


def test_on_a_phone_the_filters_fold_under_their_summary(page, listed):
    page.set_viewport_size(PHONE)
    page.goto("/projects?country=PE")
    assert page.locator("#q").is_visible(), "the search box stands first, unfolded"
    assert not page.locator("#stage").is_visible()
    page.locator(".filter-box > summary").click()
    assert page.locator("#stage").is_visible()
    assert page.locator(".filter-box > summary").inner_text().strip() == "Filters and sorting (1 in use)"


def test_on_a_wide_screen_the_filters_stand_open(page, listed):
    page.set_viewport_size(LAPTOP)
    page.goto("/projects")
    assert page.locator("#stage").is_visible() and page.locator("#sort").is_visible()
    assert not page.locator(".filter-box > summary").is_visible()
    page.select_option("#stage", "active")
    with page.expect_navigation():
        page.get_by_role("button", name="Show initiatives").click()
    assert "stage=active" in page.url


def test_a_chip_removes_its_filter(page, listed):
    page.goto("/projects?country=PE&q=reading")
    assert page.locator("#results").inner_text().startswith("2 initiatives match")
    with page.expect_navigation():
        page.get_by_role("link", name="Remove the filter Country: Peru").click()
    assert "country=" not in page.url and "q=reading" in page.url
    assert page.get_by_role("link", name="Remove the filter Search: reading").is_visible()


def test_a_country_of_the_map_is_a_link_to_its_initiatives(page, listed):
    errors = watch_console(page)
    page.set_viewport_size(LAPTOP)
    page.goto("/")
    peru = page.get_by_role("link", name="Peru: 2 initiatives")
    assert peru.count() == 1  # the map's country (the table's link is named “Peru”)
    peru.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/projects?country=PE"
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('path')).strokeWidth")
    assert stroke == "4px", "the focused country is outlined"
    box = peru.bounding_box()
    assert box["width"] > 10 and box["height"] > 10, "Peru is drawn on the map"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/projects?country=PE")
    assert page.locator("#results").inner_text() == "2 initiatives"
    assert errors == [], "the grey land and the map load under the site's policy"
