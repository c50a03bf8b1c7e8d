"""The API's interactive documentation in a real browser: Swagger UI starts from the app's own files,
under the page's Content-Security-Policy, and lists every operation of the document."""

import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.pages import assert_no_csp_violation, watch_console

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "screenshots")


def test_swagger_ui_lists_every_operation(page, client):
    document = client.get("/api/v1/openapi.json").get_json()
    operations = sum(len(item) for item in document["paths"].values())
    errors = watch_console(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock")).to_have_count(operations)
    expect(page.get_by_role("heading", name="Social Lab API", exact=False)).to_be_visible()
    page.locator(".opblock-summary").first.click()  # an operation opened: its parameters and answers
    expect(page.locator(".opblock-body").first).to_be_visible()
    page.locator("button.authorize").first.click()
    expect(page.locator(".modal-ux")).to_be_visible()
    page.keyboard.press("Escape")
    assert_no_csp_violation(errors)
    assert all(url.startswith(page.url.split("/api/")[0]) for url in requests)  # nothing from elsewhere
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        folder = SCREENSHOT_DIR / "en" / str(width)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "api-docs.png"), full_page=False)
