"""Accessibility of every page type (WCAG 2.1 AA): axe-core finds no serious or critical violation,
the headings are in order (one h1, no level skipped), and form errors are announced and tied to
their fields. Each check is also shown failing on a page broken on purpose.

The page types are the rows of tests.browser.a11y.PAGE_TYPES; a new page type is one row there.
"""

import pytest
from playwright.sync_api import expect

from app.core.security import CONTENT_SECURITY_POLICY
from tests.browser.a11y import (
    axe_source,
    blocking,
    describe,
    heading_problems,
    headings,
    log_in,
    open_page_type,
    page_type_params,
    run_axe,
)

BROKEN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken on purpose</title>
<link rel="stylesheet" href="/static/css/site.css"></head>
<body>
  <main id="main">
    <h1>A page with faults</h1>
    <h3>A heading that skips a level</h3>
    <img src="/static/img/favicon.svg">
    <form method="post" action="/nowhere"><input type="text" name="nameless"><button type="submit">Send</button></form>
    <p style="color: #b0b0b0; background: #ffffff">Pale grey text on white.</p>
    <h1>A second h1</h1>
  </main>
</body>
</html>"""


# The site's policy, with inline styles allowed for the pale text of the broken page.
BROKEN_PAGE_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


@pytest.fixture(scope="session")
def axe():
    """axe-core's source (skips without node_modules/axe-core, fails under CI)."""
    return axe_source()


def assert_accessible(page, axe: str, name: str) -> None:
    """No serious or critical axe-core violation on the page, else a readable list of them."""
    found = blocking(run_axe(page, axe))
    assert not found, f"{name}: {len(found)} serious or critical accessibility violations\n{describe(found)}"


def assert_headings_in_order(page, name: str) -> None:
    problems = heading_problems(headings(page))
    assert not problems, f"{name}: headings out of order\n" + "\n".join(f"- {p}" for p in problems)


@pytest.mark.parametrize("row", page_type_params())
def test_every_page_type_is_accessible(request, signed_in, site, row):
    page = signed_in.page(row.role)
    open_page_type(page, site, row)
    assert_headings_in_order(page, row.name)
    axe = request.getfixturevalue("axe")  # without axe-core, the headings are still checked
    assert_accessible(page, axe, row.name)


def serve_broken_page(page, live_server) -> None:
    """A page of the live server's origin, with the site's CSP, showing common faults."""
    page.route(
        f"{live_server}/broken-on-purpose",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": BROKEN_PAGE_POLICY},
            body=BROKEN_PAGE,
        ),
    )
    page.goto("/broken-on-purpose")


def test_the_axe_check_fails_on_a_broken_page(page, live_server, axe):
    serve_broken_page(page, live_server)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, axe, "broken page")
    message = str(failure.value)
    for rule in ("image-alt", "label", "color-contrast"):
        assert f"- {rule} (" in message, f"{rule} not reported:\n{message}"
    assert "input[name=\"nameless\"]" in message or "nameless" in message


def test_the_heading_check_fails_on_a_broken_page(page, live_server):
    serve_broken_page(page, live_server)
    with pytest.raises(AssertionError) as failure:
        assert_headings_in_order(page, "broken page")
    message = str(failure.value)
    assert "2 h1 headings" in message
    assert "h3 “A heading that skips a level” follows an h1: level h2 skipped" in message


def test_axe_runs_under_the_sites_content_security_policy(page, axe):
    """The site's pages refuse scripts from elsewhere and inline ones; axe-core still runs in them."""
    response = page.goto("/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert run_axe(page, axe) is not None
    assert page.evaluate("typeof axe.version") == "string"


def test_form_errors_are_announced_and_tied_to_their_fields(page, site, axe):
    """A form sent with mistakes: an alert says so, each error is tied to its field, and the page
    in that state passes axe-core."""
    log_in(page, site.partner)
    page.goto("/projects/new")
    page.get_by_label("Title").fill("A")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count() >= 1, "no field is marked invalid"
    for i in range(invalid.count()):
        field = invalid.nth(i)
        described = (field.get_attribute("aria-describedby") or "").split()
        errors = [d for d in described if d.endswith("-error")]
        assert errors, f"{field.get_attribute('name')}: the error is not tied to the field"
        assert page.locator(f"#{errors[0]}").inner_text().strip(), "the tied error message is empty"
    title = page.get_by_label("Title")
    assert title.input_value() == "A", "what was typed is kept"
    assert_headings_in_order(page, "project form with errors")
    assert_accessible(page, axe, "project form with errors")
