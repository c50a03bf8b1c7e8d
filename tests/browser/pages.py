"""Opening pages in the browser tests: a new context on the live server, and signing in by the form."""

from playwright.sync_api import expect

TIMEOUT_MS = 15_000


def new_page(browser, live_server):
    """A new browser context and its page; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def log_in(page, user) -> None:
    """Sign in through the log-in form and wait for the welcome."""
    page.goto("/login")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {user.name}.")
