"""The layout in a real browser: nothing blocked by the CSP, the skip link, the language switcher."""

import pytest


def collect_errors(page) -> list[str]:
    """Console errors (a CSP violation is one) and uncaught page errors, as they happen."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_home_page_loads_with_nothing_blocked(page):
    errors = collect_errors(page)
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    position = page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position")
    assert position == "absolute", "site.css was not applied"
    assert errors == []


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switcher_changes_the_page_language(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#language-select", "fr")
    with page.expect_navigation():
        page.locator(".language-form [type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#language-select").input_value() == "fr"


@pytest.mark.parametrize("run", ["first", "second"])
def test_committed_data_reaches_the_server_and_is_gone_after_the_test(page, make_org, run):
    """The second run fails if the first run's organisation was left behind."""
    assert page.goto("/api/v1/organisations").json()["total"] == 0
    make_org("live-server-check", country="PE")
    listing = page.goto("/api/v1/organisations").json()
    assert [org["slug"] for org in listing["items"]] == ["live-server-check"]
