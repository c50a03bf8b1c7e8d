"""Editing and deleting one's comments, and comments held by the child-safeguarding screen."""

import pytest

from app.community.models import CommentStatus
from app.projects.models import Stage
from tests.support.comments import (
    HELD_NAME_AGE,
    HELD_PHONE,
    SAFE_TEXT,
    add_comment,
    comments_of,
    post_comment,
    stored,
)
from tests.support.engagement import forget_notifications, recipients
from tests.support.web import client_for, make_project, post, text

ADVICE_NAME_AGE = "Do not give a child's name or exact age."
ADVICE_PHONE = "Remove the phone number: never publish anyone's number."


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = make_project(app, world, Stage.ACTIVE)
    forget_notifications(app)
    return project_id


# Editing ------------------------------------------------------------------------------------------


def test_the_author_edits_a_comment_and_it_is_marked_edited(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community, "Which schools take part?")
    client = client_for(app, login_as, world, "community")
    form = client.get(f"/comments/{comment_id}/edit")
    assert form.status_code == 200
    assert "<h1>Edit your comment</h1>" in form.get_data(as_text=True)
    assert "Which schools take part?</textarea>" in form.get_data(as_text=True)
    response = post(client, f"/comments/{comment_id}/edit", {"body": "Which **six** schools take part?"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project_id}#comment-{comment_id}"
    comment = stored(app, comment_id)
    assert comment.body == "Which **six** schools take part?" and comment.edited_at is not None
    assert "<strong>six</strong>" in comment.body_html
    page = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}")
    assert "Which <strong>six</strong> schools take part?" in page.get_data(as_text=True)
    assert "edited" in text(page)


def test_an_edit_with_an_error_keeps_the_text(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community)
    client = client_for(app, login_as, world, "community")
    response = post(client, f"/comments/{comment_id}/edit", {"body": "x" * 5001})
    assert response.status_code == 422
    assert "A comment can have at most 5000 characters; yours has 5001." in text(response)
    assert "x" * 5001 + "</textarea>" in response.get_data(as_text=True)
    assert stored(app, comment_id).body == SAFE_TEXT


@pytest.mark.parametrize("role", ["member", "reviewer", "admin", "owner"])
def test_nobody_else_edits_or_deletes_a_comment(app, world, login_as, project_id, role):
    comment_id = add_comment(app, project_id, world.community)
    client = client_for(app, login_as, world, role)
    assert client.get(f"/comments/{comment_id}/edit").status_code == 403
    assert post(client, f"/comments/{comment_id}/edit", {"body": "Changed."}).status_code == 403
    assert post(client, f"/comments/{comment_id}/delete").status_code == 403
    comment = stored(app, comment_id)
    assert (comment.body, comment.status) == (SAFE_TEXT, CommentStatus.PUBLISHED)
    html = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert f"/comments/{comment_id}/edit" not in html and f"/comments/{comment_id}/delete" not in html


def test_the_author_sees_edit_and_delete_controls(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community)
    html = client_for(app, login_as, world, "community").get(f"/projects/{project_id}").get_data(as_text=True)
    assert f'href="/comments/{comment_id}/edit"' in html
    assert f'href="/comments/{comment_id}/delete"' in html
    assert f'/comments/{comment_id}/flag"' not in html  # nobody reports their own comment


def test_deleting_asks_first_on_a_page_of_its_own(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community, "A question that I may regret.")
    client = client_for(app, login_as, world, "community")
    page = client.get(f"/comments/{comment_id}/delete")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'action="/comments/{comment_id}/delete"' in html and 'name="csrf_token"' in html
    assert "A question that I may regret." in html and f"#comment-{comment_id}" in html  # and a way back
    assert stored(app, comment_id).status == CommentStatus.PUBLISHED  # asking deletes nothing
    assert client_for(app, login_as, world, "member").get(f"/comments/{comment_id}/delete").status_code == 403


# Deleting -----------------------------------------------------------------------------------------


def test_deleting_keeps_the_replies_in_place(app, world, login_as, project_id):
    question = add_comment(app, project_id, world.community, "A question that I regret.")
    answer = add_comment(app, project_id, world.member, "The answer stays.", parent_id=question)
    client = client_for(app, login_as, world, "community")
    response = post(client, f"/comments/{question}/delete")
    assert response.status_code == 302
    assert "Your comment is deleted. Its replies stay in place." in text(client.get(response.headers["Location"]))

    deleted = stored(app, question)
    assert (deleted.status, deleted.body, deleted.body_html) == (CommentStatus.DELETED, "", "")
    assert stored(app, answer).parent_id == question
    page = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}")
    html = page.get_data(as_text=True)
    assert "This comment was deleted." in text(page)
    assert "A question that I regret." not in html
    assert html.index(f'id="comment-{question}"') < html.index(f'id="comment-{answer}"')
    assert html.index("This comment was deleted.") < html.index("The answer stays.")
    # A deleted comment is not edited, deleted again, or answered.
    assert client.get(f"/comments/{question}/edit").status_code == 403
    assert post(client, f"/comments/{question}/delete").status_code == 403
    refused = post_comment(client_for(app, login_as, world, "member"), project_id, "Hello?", parent_id=question)
    assert refused.status_code == 422 and "You can answer only a published comment." in text(refused)


def test_an_unknown_comment_is_a_404(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    assert client.get("/comments/999999/edit").status_code == 404
    assert post(client, "/comments/999999/delete").status_code == 404
    assert post(client, "/comments/999999/flag", {"reason": "Spam."}).status_code == 404


def test_comments_of_a_project_one_may_not_view_are_a_404(app, world, login_as, project_id):
    from app.core.extensions import db
    from app.gate import workflow
    from app.projects.models import Project
    from tests.support.projects import load

    comment_id = add_comment(app, project_id, world.member)
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), Stage.WITHDRAWN, load(world.owner.id), note="Stop.")
        db.session.commit()
    client = client_for(app, login_as, world, "community")
    assert client.get(f"/comments/{comment_id}/edit").status_code == 404
    assert post(client, f"/comments/{comment_id}/flag", {"reason": "Spam."}).status_code == 404
    # Its author may still delete it, but no longer edit it (comments are closed).
    member = client_for(app, login_as, world, "member")
    assert member.get(f"/comments/{comment_id}/edit").status_code == 403
    assert post(member, f"/comments/{comment_id}/delete").status_code == 302


# The safeguarding screen --------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "advice"), [(HELD_NAME_AGE, ADVICE_NAME_AGE), (HELD_PHONE, ADVICE_PHONE)])
def test_a_comment_that_may_identify_a_child_is_held_with_advice(app, world, login_as, project_id, body, advice):
    follower = client_for(app, login_as, world, "community")
    response = post_comment(follower, project_id, body)
    (comment,) = comments_of(app, project_id)
    assert comment.status == CommentStatus.HELD
    page = follower.get(response.headers["Location"])
    said = text(page)
    assert "Your comment is held for moderation: only you and the moderators can see it." in said
    assert "This text may let someone identify or contact a child." in said and advice in said
    # Its author and the moderators see it, with the reason; nobody else does, and nobody is told.
    assert body in text(follower.get(f"/projects/{project_id}"))
    assert "Held for moderation: only its author and the moderators see this comment." in text(page)
    assert body in text(client_for(app, login_as, world, "reviewer").get(f"/projects/{project_id}"))
    for role in ("anonymous", "member", "far_reviewer", "conflicted"):
        page = client_for(app, login_as, world, role).get(f"/projects/{project_id}")
        assert body not in text(page), role
        assert f'id="comment-{comment.id}"' not in page.get_data(as_text=True), role
    assert recipients(app) == set()


def test_a_held_comment_with_a_reply_leaves_a_placeholder(app, world, login_as, project_id):
    question = add_comment(app, project_id, world.community, "Any news?")
    answer = add_comment(app, project_id, world.member, "Yes!", parent_id=question)
    client = client_for(app, login_as, world, "community")
    assert post(client, f"/comments/{question}/edit", {"body": HELD_PHONE}).status_code == 302
    assert stored(app, question).status == CommentStatus.HELD
    page = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}")
    assert "This comment is waiting for a moderator." in text(page)
    assert HELD_PHONE not in text(page) and "Yes!" in text(page)
    assert f'id="comment-{answer}"' in page.get_data(as_text=True)


def test_rewriting_a_held_comment_publishes_it(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    post_comment(client, project_id, HELD_NAME_AGE)
    (comment,) = comments_of(app, project_id)
    assert comment.status == CommentStatus.HELD
    response = post(client, f"/comments/{comment.id}/edit", {"body": "A girl aged 10 to 14 came to every session."})
    assert response.status_code == 302
    assert stored(app, comment.id).status == CommentStatus.PUBLISHED
    assert "A girl aged 10 to 14" in text(client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}"))
    assert recipients(app, "comment") == {world.owner.id, world.member.id, world.conflicted.id}


def test_a_held_comment_cannot_be_reached_by_others(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    post_comment(client, project_id, HELD_PHONE)
    (comment,) = comments_of(app, project_id)
    other = client_for(app, login_as, world, "member")
    assert other.get(f"/comments/{comment.id}/edit").status_code == 404
    assert post(other, f"/comments/{comment.id}/flag", {"reason": "Spam."}).status_code == 404
    assert post_comment(other, project_id, "Hi", parent_id=comment.id).status_code == 422
