"""No comment payload runs in a real browser.

Every payload of the XSS corpus (tests/unit/test_xss_corpus.py) is posted as a comment, its
`alert(1)` turned into `xss(1)`, a function that sets `window.__xss`. The project page and the
moderation queue are then loaded in Chromium with the Content-Security-Policy switched off
(bypass_csp), so that only the sanitizer stands between a payload and the page; the test also
fires mouse and focus events on every element of the comments. The flag must stay unset and no
dialog may open. A control shows that an unsanitized payload does set the flag in the same set-up.
"""

from playwright.sync_api import expect

from app.accounts.models import User
from app.community import comments
from app.core.extensions import db
from app.projects.models import Project, Stage
from tests.browser.pages import TIMEOUT_MS, log_in
from tests.support.projects import advance, load, new_project
from tests.support.xss_payloads import JS, PAYLOADS

FLAG_SCRIPT = "window.__xss = undefined; window.xss = function () { window.__xss = 1; };"
TOUCH_EVERYTHING = """() => {
  for (const el of document.querySelectorAll('.comment-body, .comment-body *, .comment-meta *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return [...document.querySelectorAll('.comment-body a[href]')].map((a) => a.protocol);
}"""


def browser_payloads() -> list[str]:
    return [payload.replace(JS, "xss(1)") for payload in PAYLOADS]


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(FLAG_SCRIPT)
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return context, page, dialogs


def assert_nothing_runs(page, dialogs, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let animations, autofocus and loads happen
    assert page.evaluate("window.__xss") is None, url
    protocols = page.evaluate(TOUCH_EVERYTHING)
    # No <details> can come from a comment's text; opening one would fire its `ontoggle`.
    page.evaluate("() => document.querySelectorAll('.comment-body details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None, url
    assert dialogs == [], url
    assert set(protocols) <= {"http:", "https:", "mailto:"}, protocols


def test_no_payload_runs_in_the_browser(app, browser, live_server, make_user, make_org, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "1000 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE", "1000 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE_ADDRESS", "1000 per minute")
    owner = make_user("awa.owner@example.org", name="Awa Owner")
    reviewer = make_user("rita@example.org", name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    author = make_user("carla@example.org", name="Carla Community")
    org = make_org(country="SN", members=[(owner, "owner")])
    payloads = browser_payloads()
    with app.app_context():
        project = new_project(org.id, owner.id)
        advance(project, Stage.ACTIVE, load(owner.id), load(reviewer.id))
        writer = db.session.get(User, author.id)
        for payload in payloads[5:]:
            comments.post_comment(db.session.get(Project, project.id), writer, payload)
        db.session.commit()
        project_id = project.id

    context, page, dialogs = new_page(browser, live_server)
    log_in(page, author)
    for payload in payloads[:5]:  # a few through the form itself, as a person would
        page.goto(f"/projects/{project_id}")
        form = page.locator(f'form.comment-form[action="/projects/{project_id}/comments"]').first
        form.locator('textarea[name="body"]').fill(payload)
        form.locator('[type="submit"]').click()
        expect(page.get_by_role("status")).to_be_visible()
    assert_nothing_runs(page, dialogs, f"/projects/{project_id}")  # the author sees the held ones too
    context.close()

    context, page, dialogs = new_page(browser, live_server)
    assert_nothing_runs(page, dialogs, f"/projects/{project_id}")  # a visitor
    context.close()

    context, page, dialogs = new_page(browser, live_server)
    log_in(page, reviewer)
    assert_nothing_runs(page, dialogs, f"/projects/{project_id}")
    assert_nothing_runs(page, dialogs, "/moderation")
    context.close()

    with app.app_context():
        assert len(comment_ids(project_id)) == len(payloads)  # every payload was posted


def comment_ids(project_id: int) -> list[int]:
    from sqlalchemy import select

    from app.community.models import Comment

    return list(db.session.scalars(select(Comment.id).where(Comment.project_id == project_id)))


def test_the_check_catches_a_payload_that_runs(browser, live_server):
    """The control: with the same set-up, markup that was not sanitized does set the flag."""
    context, page, dialogs = new_page(browser, live_server)
    page.goto("/")
    page.set_content('<div class="comment-body"><img src="x" onerror="xss(1)"></div>')
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") == 1
    context.close()
