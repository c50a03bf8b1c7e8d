"""The journeys work with JavaScript turned off: every page is plain HTML and every action a form.

A browser with JavaScript disabled signs in, supports an initiative, posts a comment and a reply
(the reply form opens from a plain link, `?reply_to=`). Pledging goes through
`pledge_without_javascript` below, for the test of the pledge journey.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.community.models import Comment
from app.core.extensions import db
from app.projects.models import Stage
from app.resources import needs as need_service
from app.resources.models import Pledge
from tests.browser.pages import TIMEOUT_MS
from tests.support.projects import advance, load, new_project

TITLE = "Girls in the school councils of Thiès"
QUESTION = "Which schools take part this year?"
REPLY = "Six public schools of Thiès, and two more in September."


@pytest.fixture
def no_js(browser, live_server):
    """A page in a browser context with JavaScript turned off."""
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def comment_bodies(app, project_id: int) -> list[str]:
    with app.app_context():
        query = select(Comment.body).where(Comment.project_id == project_id).order_by(Comment.id)
        return list(db.session.scalars(query))


def log_in_without_javascript(page, user) -> None:
    page.goto("/login")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {user.name}.")


def comment_without_javascript(page, project_id: int, body: str, reply_to: str | None = None) -> None:
    """Post a comment on the project page (or a reply to the comment whose text is `reply_to`)."""
    page.goto(f"/projects/{project_id}")
    if reply_to is None:
        form = page.locator('form[action$="/comments"]').filter(has_not=page.locator('input[name="parent_id"]')).first
    else:
        comment = page.locator(".comment").filter(has_text=reply_to).first
        comment.get_by_role("link", name="Reply").first.click()  # the same page, with this comment's reply form
        comment = page.locator(".comment").filter(has_text=reply_to).first
        form = comment.locator('form[action$="/comments"]').first
    form.locator("textarea").fill(body)
    form.locator('[type="submit"]').click()


def pledge_without_javascript(page, project_id: int, need_title: str, quantity: str, message: str = "") -> None:
    """Pledge to a need from the project page, JavaScript off: follow the need's “Pledge” link, fill the
    pledge form and send it. (For the pledge journey: call it from a test, then check the pledge.)"""
    page.goto(f"/projects/{project_id}")
    page.locator(".needs > li").filter(has_text=need_title).get_by_role("link", name="Pledge").click()
    page.get_by_label("How much you pledge").fill(quantity)
    if message:
        page.get_by_label("Message to the partners (optional)").fill(message)
    page.get_by_role("button", name="Pledge", exact=True).click()


def test_javascript_is_off_in_this_browser(no_js):
    """A page's script would change the paragraph: with JavaScript off it does not run."""
    no_js.set_content("<p id='probe'>before</p><script>document.getElementById('probe').textContent='after'</script>")
    assert no_js.locator("#probe").inner_text() == "before"


def test_sign_in_support_comment_and_reply_without_javascript(app, no_js, make_user, make_org):
    owner = make_user("awa.ndiaye@example.org", name="Awa Ndiaye")
    reviewer = make_user("rita@example.org", name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    visitor = make_user("carla@example.org", name="Carla Mendes")
    org = make_org(country="SN", members=[(owner, "owner")])
    with app.app_context():
        project = new_project(org.id, owner.id, title=TITLE)
        advance(project, Stage.INCUBATING, load(owner.id), load(reviewer.id))
        db.session.commit()
        project_id = project.id
    page = no_js

    log_in_without_javascript(page, visitor)

    page.goto(f"/projects/{project_id}")
    page.get_by_role("button", name="Support this initiative").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_text("1 person supports this initiative.")).to_be_visible()

    comment_without_javascript(page, project_id, QUESTION)
    expect(page.locator(".comment-body").filter(has_text=QUESTION)).to_be_visible()

    comment_without_javascript(page, project_id, REPLY, reply_to=QUESTION)
    expect(page.locator(".comment-body").filter(has_text=REPLY)).to_be_visible()
    assert comment_bodies(app, project_id) == [QUESTION, REPLY]


def test_pledge_without_javascript(app, no_js, make_user, make_org):
    owner = make_user("awa.ndiaye@example.org", name="Awa Ndiaye")
    reviewer = make_user("rita@example.org", name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    visitor = make_user("carla@example.org", name="Carla Mendes")
    org = make_org(country="SN", members=[(owner, "owner")])
    with app.app_context():
        project = new_project(org.id, owner.id, title=TITLE)
        advance(project, Stage.INCUBATING, load(owner.id), load(reviewer.id))
        need_service.add_need(project, load(owner.id), kind="volunteer_time", title="Facilitators", quantity="100")
        db.session.commit()
        project_id = project.id

    log_in_without_javascript(no_js, visitor)
    pledge_without_javascript(no_js, project_id, "Facilitators", "12", "Two Saturdays a month.")
    expect(no_js.get_by_role("status")).to_be_visible()
    with app.app_context():
        pledges = list(db.session.scalars(select(Pledge).where(Pledge.project_id == project_id)))
    assert [(p.pledger_id, p.quantity, p.message) for p in pledges] == [
        (visitor.id, Decimal("12.00"), "Two Saturdays a month.")
    ]
