"""Notifications in a real browser: a community member comments on an initiative, a second one
replies, and the initiative's owner sees both in the notifications, opens one and lands on it.

The comment form is the comments feature's (`community.post_comment`, POST
/projects/<id>/comments with `body` and `parent_id`); the reply form is found by its hidden
`parent_id` field.
"""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.community.models import Comment
from app.core.extensions import db
from app.projects.models import Stage
from tests.browser.pages import log_in, new_page
from tests.support.engagement import forget_notifications
from tests.support.projects import advance, load, new_project

TITLE = "Safe spaces for girls in Thiès"


def comment_form(page, parent_id: int | None = None):
    forms = page.locator('form[action$="/comments"]')
    if parent_id is None:
        return forms.filter(has_not=page.locator('input[name="parent_id"][value]:not([value=""])')).first
    return forms.filter(has=page.locator(f'input[name="parent_id"][value="{parent_id}"]')).first


def comment_ids(app, project_id: int) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Comment.id).where(Comment.project_id == project_id).order_by(Comment.id)))


def test_the_owner_sees_a_comment_and_a_reply_in_the_notifications(app, browser, live_server, make_user, make_org):
    if "community.post_comment" not in app.view_functions:
        pytest.skip("the comment form (community.post_comment) is not part of the app yet")
    owner = make_user("awa.owner@example.org", name="Awa Owner")
    reviewer = make_user("rita@example.org", name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    first = make_user("carla@example.org", name="Carla Community")
    second = make_user("diego@example.org", name="Diego Community")
    org = make_org(country="SN", members=[(owner, "owner")])
    with app.app_context():
        project = new_project(org.id, owner.id, title=TITLE)
        advance(project, Stage.INCUBATING, load(owner.id), load(reviewer.id))
        db.session.commit()
        project_id = project.id
    forget_notifications(app)  # the stage changes of the set-up

    context, page = new_page(browser, live_server)
    log_in(page, first)
    page.goto(f"/projects/{project_id}")
    form = comment_form(page)
    form.locator('textarea[name="body"]').fill("Which schools take part this year?")
    form.locator('[type="submit"]').click()
    expect(page.get_by_text("Which schools take part this year?")).to_be_visible()
    (question,) = comment_ids(app, project_id)
    context.close()

    context, page = new_page(browser, live_server)
    log_in(page, second)
    page.goto(f"/projects/{project_id}")
    page.locator(f"#comment-{question}").get_by_role("link", name="Reply").click()  # the page with its reply form
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}\?reply_to={question}#reply-{question}$"))
    reply = comment_form(page, parent_id=question)
    expect(reply.locator('textarea[name="body"]')).to_be_focused()
    reply.locator('textarea[name="body"]').fill("Six public schools, I believe.")
    reply.locator('[type="submit"]').click()
    expect(page.get_by_text("Six public schools, I believe.")).to_be_visible()
    assert len(comment_ids(app, project_id)) == 2
    context.close()

    context, page = new_page(browser, live_server)
    log_in(page, owner)
    header_link = page.get_by_role("link", name=re.compile(r"^Notifications \(2 unread\)$"))
    expect(header_link).to_be_visible()
    header_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    first_line = f"Carla Community commented on “{TITLE}”."
    second_line = f"Diego Community commented on “{TITLE}”."
    expect(page.get_by_role("button", name=second_line)).to_be_visible()
    expect(page.get_by_role("button", name=first_line)).to_be_visible()
    assert page.locator(".notification-unread").count() == 2

    page.get_by_role("button", name=second_line).click()
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}#comment-\d+$"))
    expect(page.get_by_role("link", name=re.compile(r"^Notifications \(1 unread\)$"))).to_be_visible()
    context.close()


def test_the_owner_reads_the_notifications_of_comments_written_elsewhere(app, page, make_user, make_org):
    """The same journey's notification side, whatever the comment form: comments written through the
    model and announced as the comments service does."""
    from tests.support.engagement import write_comment

    owner = make_user("awa.owner@example.org", name="Awa Owner")
    reviewer = make_user("rita@example.org", name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    first = make_user("carla@example.org", name="Carla Community")
    second = make_user("diego@example.org", name="Diego Community")
    org = make_org(country="SN", members=[(owner, "owner")])
    with app.app_context():
        project = new_project(org.id, owner.id, title=TITLE)
        advance(project, Stage.INCUBATING, load(owner.id), load(reviewer.id))
        db.session.commit()
        project_id = project.id
    forget_notifications(app)  # the stage changes of the set-up
    question = write_comment(app, project_id, first, "Which schools take part this year?")
    answer = write_comment(app, project_id, second, "Six public schools, I believe.", parent_id=question)

    log_in(page, owner)
    page.get_by_role("link", name=re.compile(r"^Notifications \(2 unread\)$")).click()
    expect(page.get_by_role("button", name=f"Carla Community commented on “{TITLE}”.")).to_be_visible()
    expect(page.get_by_text("Which schools take part this year?")).to_be_visible()
    page.get_by_role("button", name=f"Diego Community commented on “{TITLE}”.").click()
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}#comment-{answer}$"))
    expect(page.get_by_role("link", name=re.compile(r"^Notifications \(1 unread\)$"))).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Notifications")).click()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_role("status")).to_contain_text("All your notifications are marked as read.")
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
