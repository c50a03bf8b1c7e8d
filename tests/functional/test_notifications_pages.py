"""The notification list, the unread count in the header, opening one and marking all read."""

import re

import pytest
from sqlalchemy import func, select

from app.community.models import Notification
from app.core.extensions import db
from app.gate import workflow
from app.projects.models import Project, Stage
from tests.support.engagement import follow, forget_notifications, notified, write_comment
from tests.support.projects import load
from tests.support.queries import counted_queries
from tests.support.web import client_for, make_project, post, text


@pytest.fixture
def commented(app, world, make_user):
    """A project with three comments by the community member: the owner has 3 unread notifications."""
    project_id = make_project(app, world, Stage.INCUBATING)
    forget_notifications(app)
    comments = [write_comment(app, project_id, world.community, f"Comment number {n}") for n in range(3)]
    return project_id, comments


def header_count(response) -> tuple[str, str]:
    """What the header link shows after "Notifications", and what it says to screen readers only."""
    match = re.search(r'href="/notifications">Notifications(.*?)</a>', response.get_data(as_text=True))
    assert match, "no notifications link"
    shown = re.search(r'<span aria-hidden="true">([^<]*)</span>', match.group(1))
    hidden = re.search(r'<span class="visually-hidden">([^<]*)</span>', match.group(1))
    return (shown.group(1) if shown else "", hidden.group(1) if hidden else "")


def unread(app, user) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )


def test_the_header_shows_the_unread_count(app, world, login_as, commented):
    client = client_for(app, login_as, world, "owner")
    assert header_count(client.get("/")) == ("(3)", "(3 unread)")
    assert header_count(client.get("/organisations/")) == ("(3)", "(3 unread)")

    nobody = client_for(app, login_as, world, "far_reviewer")
    page = nobody.get("/").get_data(as_text=True)
    assert 'href="/notifications">Notifications</a>' in page

    anonymous = client_for(app, login_as, world, "anonymous")
    assert "/notifications" not in anonymous.get("/").get_data(as_text=True)


def test_the_unread_count_is_one_query(app, world, login_as, commented):
    client = client_for(app, login_as, world, "owner")
    with counted_queries(app) as statements:
        client.get("/organisations/")
    assert len([s for s in statements if "FROM notifications" in s]) == 1


def test_the_list_shows_newest_first_marks_unread_and_changes_nothing(app, world, login_as, commented):
    client = client_for(app, login_as, world, "owner")
    response = client.get("/notifications")
    assert response.status_code == 200
    page = text(response)
    assert page.count("Carla Community commented on “Safe spaces for girls in Thiès”.") == 3
    assert page.index("Comment number 2") < page.index("Comment number 1") < page.index("Comment number 0")
    assert page.count("Unread") == 3
    assert unread(app, world.owner) == 3  # reading the list marks nothing


def test_opening_a_notification_marks_it_read_and_leads_to_the_comment(app, world, login_as, commented):
    project_id, comments = commented
    client = client_for(app, login_as, world, "owner")
    notification = notified(app)[world.owner.id][0]

    response = post(client, f"/notifications/{notification.id}")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project_id}#comment-{comments[0]}"
    assert unread(app, world.owner) == 2
    assert header_count(client.get("/notifications")) == ("(2)", "(2 unread)")
    assert text(client.get("/notifications")).count("Unread") == 2


def test_marking_all_read(app, world, login_as, commented):
    client = client_for(app, login_as, world, "owner")
    response = post(client, "/notifications/read", follow_redirects=True)
    assert "All your notifications are marked as read." in text(response)
    assert unread(app, world.owner) == 0
    assert "Unread" not in text(response)
    assert unread(app, world.member) == 3  # only one's own


def test_someone_else_s_notification_is_missing(app, world, login_as, commented):
    notification = notified(app)[world.owner.id][0]
    client = client_for(app, login_as, world, "community")
    assert post(client, f"/notifications/{notification.id}").status_code == 404
    assert unread(app, world.owner) == 3


@pytest.mark.parametrize("path", ["/notifications/read", "/notifications/{id}"])
def test_every_change_needs_the_csrf_token(app, world, login_as, commented, path):
    notification = notified(app)[world.owner.id][0]
    client = client_for(app, login_as, world, "owner")
    assert client.post(path.format(id=notification.id)).status_code == 400
    assert unread(app, world.owner) == 3


def test_the_list_needs_an_account(app, world, login_as):
    response = client_for(app, login_as, world, "anonymous").get("/notifications")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_notification_of_a_project_no_longer_public_leads_back_to_the_list(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    follow(app, world.community, project_id)
    forget_notifications(app)
    write_comment(app, project_id, world.member)
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), Stage.WITHDRAWN, load(world.owner.id), "We stop.")
        db.session.commit()
    by_user = notified(app, "comment")

    owner = client_for(app, login_as, world, "owner")  # the organisation still sees a withdrawn project
    response = post(owner, f"/notifications/{by_user[world.owner.id][0].id}")
    assert response.headers["Location"].startswith(f"/projects/{project_id}#comment-")

    community = client_for(app, login_as, world, "community")
    response = post(community, f"/notifications/{by_user[world.community.id][0].id}")
    assert response.headers["Location"] == "/notifications"
    assert "This initiative is no longer public." in text(community.get("/notifications"))
    assert unread(app, world.community) == 0


def test_the_list_is_paginated_in_a_fixed_number_of_queries(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    forget_notifications(app)
    write_comment(app, project_id, world.community, "The very first")
    client = client_for(app, login_as, world, "owner")
    with counted_queries(app) as few:
        client.get("/notifications")
    for n in range(24):
        write_comment(app, project_id, world.reviewer if n % 2 else world.community, f"Later {n}")
    with counted_queries(app) as many:
        first_page = text(client.get("/notifications"))
    assert len(many) == len(few)
    assert "Later 23" in first_page and "The very first" not in first_page
    assert "Page 1 of 2" in first_page
    assert "The very first" in text(client.get("/notifications?page=2"))


def test_a_huge_page_number_is_not_an_error(app, world, login_as, commented):
    client = client_for(app, login_as, world, "owner")
    assert client.get("/notifications?page=99999999999999999999").status_code == 200
    project_id, _comments = commented
    assert client.get(f"/projects/{project_id}/updates?page=99999999999999999999").status_code == 200
