"""Without app.community.notifications' functions, comments and decisions still work: the author of a
moderated comment is then e-mailed from the moderation page itself."""

import pytest

from app.community import notifications
from app.community.models import CommentStatus
from app.projects.models import Stage
from tests.support.comments import add_comment, comments_of, post_comment, stored
from tests.support.engagement import forget_notifications, notified
from tests.support.web import client_for, make_project, post


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = make_project(app, world, Stage.ACTIVE)
    forget_notifications(app)
    return project_id


def test_without_notifications_the_author_is_e_mailed(app, world, login_as, project_id, outbox, monkeypatch):
    monkeypatch.delattr(notifications, "flag_decided")
    monkeypatch.delattr(notifications, "comment_posted")
    assert post_comment(client_for(app, login_as, world, "community"), project_id, "Off topic?").status_code == 302
    (comment,) = comments_of(app, project_id)
    reviewer = client_for(app, login_as, world, "reviewer")
    response = post(reviewer, f"/moderation/comments/{comment.id}", {"action": "hide", "reason": "Off topic."})
    assert response.status_code == 302
    assert stored(app, comment.id).status == CommentStatus.HIDDEN
    assert notified(app) == {}
    (mail,) = outbox()
    assert (mail.to, mail.subject) == (world.community.email, "A moderator hid your comment")
    assert "A moderator hid your comment on “Safe spaces for girls in Thiès”. The reason: Off topic." in mail.body
    assert f"/projects/{project_id}#comment-{comment.id}" in mail.body


def test_without_notifications_a_published_held_comment_is_still_announced(app, world, login_as, project_id,
                                                                           monkeypatch):
    calls = []
    monkeypatch.delattr(notifications, "flag_decided")
    monkeypatch.setattr(notifications, "comment_posted", lambda comment: calls.append(comment.id))
    comment_id = add_comment(app, project_id, world.community, "Call me on +221 77 123 45 67.")
    assert calls == []  # held: not announced
    reviewer = client_for(app, login_as, world, "reviewer")
    assert post(reviewer, f"/moderation/comments/{comment_id}", {"action": "publish"}).status_code == 302
    assert calls == [comment_id]
