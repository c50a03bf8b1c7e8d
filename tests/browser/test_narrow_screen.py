"""Every page type at 320 px wide (a small phone): no horizontal scrolling, and a screenshot of each
(in pytest's temporary folder) to look at. A page with an element 400 px wide fails the check.

The page types are the rows of tests.browser.a11y.PAGE_TYPES; a new page type is one row there.
"""

import pytest

from tests.browser.a11y import NARROW, open_page_type, overflow, page_type_params


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    return tmp_path_factory.mktemp("narrow-screenshots")


def assert_no_horizontal_scrolling(page, name: str) -> None:
    found = overflow(page)
    assert found["scrollWidth"] <= NARROW["width"], (
        f"{name}: {found['scrollWidth']} px wide at {NARROW['width']} px, so it scrolls sideways; "
        f"what sticks out: {found['wide']}"
    )


@pytest.mark.parametrize("row", page_type_params())
def test_every_page_type_fits_320_pixels(signed_in, site, screenshots, row):
    page = signed_in.page(row.role, viewport=NARROW)
    open_page_type(page, site, row)
    assert page.evaluate("window.innerWidth") == NARROW["width"]
    shot = screenshots / (row.name.replace(" ", "-").replace(":", "").replace("(", "").replace(")", "") + ".png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    assert_no_horizontal_scrolling(page, row.name)


def test_the_check_fails_on_a_page_with_a_wide_element(page):
    page.set_viewport_size(NARROW)
    page.goto("/login")
    assert_no_horizontal_scrolling(page, "log-in")  # the page itself fits
    page.evaluate(
        """() => {
            const wide = document.createElement("div");
            wide.className = "too-wide";
            wide.textContent = "A box 400 px wide";
            wide.style.width = "400px";  // set from the test, not a page style
            document.querySelector("main").append(wide);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_horizontal_scrolling(page, "log-in with a wide box")
    assert "div.too-wide" in str(failure.value)
