"""The live character count of the assessment form: an external script (CSP-safe) that counts as the
server does; without JavaScript the count stays hidden and the server's message says what is short."""

from playwright.sync_api import expect

from tests.browser.pages import TIMEOUT_MS, assert_no_csp_violation, watch_console


def test_the_count_follows_the_typing(signed_in, site):
    page = signed_in.page("partner")
    errors = watch_console(page)
    page.goto(f"/projects/{site.draft_id}/assessment/design")
    field = page.get_by_label("Gender analysis")
    count = page.locator("#gender_analysis-count")
    field.fill("")
    expect(count).to_be_visible()
    expect(count).to_have_text("No characters yet: write at least 50.")
    field.fill("  Girls   and boys  ")  # counted as the server counts: spaces collapsed and trimmed
    expect(count).to_have_text("14 characters: 36 more to reach 50.")
    field.fill("x" * 50)
    expect(count).to_have_text("50 characters: long enough.")
    assert_no_csp_violation(errors)


def test_without_javascript_the_count_stays_hidden(browser, live_server, site):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("E-mail address").fill(site.partner.email)
        page.get_by_label("Password").fill(site.partner.password)
        page.get_by_role("button", name="Log in").click()
        page.goto(f"/projects/{site.draft_id}/assessment/design")
        expect(page.locator("#gender_analysis-minimum")).to_have_text("At least 50 characters.")
        expect(page.locator("#gender_analysis-count")).to_be_hidden()
    finally:
        context.close()
