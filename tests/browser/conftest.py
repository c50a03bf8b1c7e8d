"""Browser tests: Debian's headless Chromium, driven by Playwright, against a live server.

Every test in this folder is marked `browser`. The live server answers from
another thread, outside any test transaction, so these tests work on committed
data; after each one every table but the reference data is emptied.

One Playwright instance and one Chromium serve the whole run; each test gets a
fresh browser context (no cookies or storage carried over). Without
/usr/bin/chromium the tests skip, saying why; under CI (the CI variable set) a
missing Chromium is an error instead, so the browser journeys never go unrun.
"""

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.browser.a11y import SignedIn, site_for_module
from tests.browser.pages import TIMEOUT_MS
from tests.conftest import delete_all_rows

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_TESTS = Path(__file__).resolve().parent


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.resolve().is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(app):
    """The session's app served on 127.0.0.1, on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(autouse=True)
def _links_point_at_the_live_server(app, live_server, monkeypatch):
    """Links in e-mails point at the live server, as they point at the public site in production."""
    monkeypatch.setitem(app.config, "PUBLIC_URL", live_server)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, launched once for the run."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
        if running_in_ci():
            pytest.fail(f"{reason}; browser tests must run in CI", pytrace=False)
        pytest.skip(reason)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except BaseException:
        playwright.stop()
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh browser context; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


# The site a module shares, while it stands (see `site`).
_sites: list = []


@pytest.fixture(autouse=True)
def _empty_tables_afterwards(app):
    """Browser tests commit for real: empty every table but the reference data after each one, except
    while a module's shared `site` stands (it is emptied when the module ends).

    Autouse, so it is set up before `page` and torn down after the browser
    context is closed.
    """
    yield
    if _sites:
        return
    with app.app_context():
        delete_all_rows()


@pytest.fixture(scope="module")
def site(app, tmp_path_factory):
    """The site of tests/browser/a11y.py (every page type, every person), built once for the module."""
    with site_for_module(app, tmp_path_factory.mktemp("uploads")) as built:
        _sites.append(built)
        try:
            yield built
        finally:
            _sites.remove(built)


@pytest.fixture(scope="module")
def signed_in(browser, live_server, site):
    """Pages signed in as each person of the site, one context per person for the module."""
    pages = SignedIn(browser, live_server, site)
    yield pages
    pages.close()

