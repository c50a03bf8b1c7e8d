"""Posting comments and replies on the project page: who may, light Markdown, threading depth, the
length limit, the rate limit, comments on updates, and the CSRF token on every comment form."""

import re

import pytest

from app.community.models import CommentStatus
from app.projects.models import Stage
from tests.support.comments import SAFE_TEXT, add_comment, comments_of, post_comment, stored
from tests.support.engagement import HELD_TEXT, forget_notifications, post_update, recipients, stored_updates
from tests.support.web import client_for, make_project, post, text


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    forget_notifications(app)
    return project_id


def test_a_community_member_comments_and_everyone_reads_it(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    response = post_comment(client, project_id, "Which **schools** take part? See [the plan](https://example.org/plan).")
    (comment,) = comments_of(app, project_id)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project_id}#comment-{comment.id}"
    assert comment.status == CommentStatus.PUBLISHED and comment.depth == 1
    assert comment.author_id == world.community.id and comment.parent_id is None
    assert "<strong>schools</strong>" in comment.body_html
    assert '<a href="https://example.org/plan" rel="nofollow noopener">the plan</a>' in comment.body_html

    page = client.get(response.headers["Location"])
    assert "Your comment is published." in text(page)
    visitor = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}")
    html = visitor.get_data(as_text=True)
    assert f'id="comment-{comment.id}"' in html
    assert "Which <strong>schools</strong> take part?" in html
    assert "Carla Community" in text(visitor)
    assert "Log in to comment." in text(visitor)
    assert f'action="/projects/{project_id}/comments"' not in html


def test_a_new_comment_is_announced_to_the_organisation(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    post_comment(client, project_id)
    assert recipients(app, "comment") == {world.owner.id, world.member.id, world.conflicted.id}


def test_markdown_lists_quotes_and_code(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    post_comment(client, project_id, "- one\n- two\n\n> a quote\n\n`code` and *italics*")
    (comment,) = comments_of(app, project_id)
    for fragment in ("<ul>", "<li>one</li>", "<blockquote>", "<code>code</code>", "<em>italics</em>"):
        assert fragment in comment.body_html


def test_replies_nest_three_levels_and_a_fourth_is_refused(app, world, login_as, project_id, make_user):
    first = add_comment(app, project_id, world.community, "Level one.")
    client = client_for(app, login_as, world, "member")
    post_comment(client, project_id, "Level two.", parent_id=first)
    second = comments_of(app, project_id)[-1]
    post_comment(client, project_id, "Level three.", parent_id=second.id)
    third = comments_of(app, project_id)[-1]
    assert [(c.depth, c.parent_id) for c in comments_of(app, project_id)] == [
        (1, None), (2, first), (3, second.id)
    ]

    refused = post_comment(client, project_id, "Level four, my own words.", parent_id=third.id)
    assert refused.status_code == 422
    assert "<h1>Your comment</h1>" in refused.get_data(as_text=True)
    assert "Replies go at most 3 levels deep: please answer the comment above it instead." in text(refused)
    assert "Level four, my own words.</textarea>" in refused.get_data(as_text=True)
    assert len(comments_of(app, project_id)) == 3

    html = client.get(f"/projects/{project_id}").get_data(as_text=True)
    # Nested lists: each reply inside the list item of what it answers; no reply form at level three.
    assert re.search(rf'id="comment-{first}".*<ol class="comment-thread">\s*<li id="comment-{second.id}"', html, re.S)
    assert f"reply_to={second.id}#reply-{second.id}" in html
    assert f"reply_to={third.id}#" not in html
    # The reply form itself, at the address the link names; none for the third level, even when asked.
    reply = client.get(f"/projects/{project_id}?reply_to={second.id}").get_data(as_text=True)
    assert f'name="parent_id" value="{second.id}"' in reply
    asked = client.get(f"/projects/{project_id}?reply_to={third.id}").get_data(as_text=True)
    assert f'name="parent_id" value="{third.id}"' not in asked


def test_a_reply_elsewhere_is_refused(app, world, login_as, project_id):
    other_project = make_project(app, world, Stage.ACTIVE, title="Another initiative")
    elsewhere = add_comment(app, other_project, world.community)
    client = client_for(app, login_as, world, "community")
    response = post_comment(client, project_id, "A reply.", parent_id=elsewhere)
    assert response.status_code == 422
    assert "The comment you answer does not exist on this initiative." in text(response)
    assert comments_of(app, project_id) == []


def test_an_empty_or_too_long_comment_keeps_the_text(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    empty = post_comment(client, project_id, "   ")
    assert empty.status_code == 422 and "Please write your comment." in text(empty)
    long_text = "Girls clubs! " * 400  # 5,200 characters
    too_long = post_comment(client, project_id, long_text)
    assert too_long.status_code == 422
    assert "A comment can have at most 5000 characters; yours has 5199." in text(too_long)
    assert long_text + "</textarea>" in too_long.get_data(as_text=True)
    assert comments_of(app, project_id) == []


def test_an_unverified_account_is_asked_to_confirm_its_address(app, world, login_as, project_id, make_user):
    unverified = make_user(name="Una Unverified", verified=False)
    client = login_as(unverified, app.test_client())
    page = text(client.get(f"/projects/{project_id}"))
    assert "Please confirm your e-mail address to comment" in page
    response = post_comment(client, project_id, "My first comment.")
    assert response.status_code == 403
    assert "Please confirm your e-mail address before you comment" in text(response)
    assert "My first comment.</textarea>" in response.get_data(as_text=True)
    assert comments_of(app, project_id) == []


def test_visitors_are_sent_to_the_login_page(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "anonymous")
    response = post_comment(client, project_id)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert comments_of(app, project_id) == []


@pytest.mark.parametrize("stage", [Stage.DRAFT, Stage.REJECTED, Stage.WITHDRAWN])
def test_no_comments_outside_the_public_stages(app, world, login_as, stage):
    project_id = make_project(app, world, stage)
    owner = client_for(app, login_as, world, "owner")
    refused = post_comment(owner, project_id, "Can we comment now?")
    assert refused.status_code == 403
    assert "Comments are open only while the initiative is public." in text(refused)
    assert "Comments are open only while the initiative is public." in text(owner.get(f"/projects/{project_id}"))
    # Someone who may not view the project gets a 404, as for the page itself.
    assert post_comment(client_for(app, login_as, world, "community"), project_id).status_code == 404
    assert comments_of(app, project_id) == []


@pytest.mark.parametrize("stage", [Stage.SUBMITTED, Stage.ACTIVE, Stage.COMPLETED])
def test_comments_in_every_public_stage(app, world, login_as, stage):
    project_id = make_project(app, world, stage)
    assert post_comment(client_for(app, login_as, world, "reviewer"), project_id).status_code == 302
    assert len(comments_of(app, project_id)) == 1


def test_posting_is_rate_limited(app, world, login_as, project_id, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    client = client_for(app, login_as, world, "community")
    assert post_comment(client, project_id, "One.").status_code == 302
    assert post_comment(client, project_id, "Two.").status_code == 302
    blocked = post_comment(client, project_id, "Three.")
    assert blocked.status_code == 429
    assert "Too many attempts in a short time." in text(blocked)
    assert [c.body for c in comments_of(app, project_id)] == ["One.", "Two."]
    # Counted per person: someone else may still post.
    assert post_comment(client_for(app, login_as, world, "member"), project_id, "Mine.").status_code == 302


def test_comments_on_an_update(app, world, login_as, project_id):

    post_update(client_for(app, login_as, world, "owner"), project_id)
    (update,) = stored_updates(app, project_id)
    client = client_for(app, login_as, world, "community")
    response = post_comment(client, project_id, "Lovely news.", update_id=update.id)
    (comment,) = comments_of(app, project_id)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#comment-{comment.id}")
    assert comment.update_id == update.id
    # The project's own discussion does not show the update's comments.
    assert "Lovely news." not in text(client.get(f"/projects/{project_id}"))
    reply = post_comment(client, project_id, "A reply, on the project.", parent_id=comment.id)
    assert reply.status_code == 422
    assert "The comment you answer is not part of this discussion." in text(reply)


def test_comments_on_an_update_that_is_not_published_are_refused(app, world, login_as, project_id):
    from app.community.models import PostStatus, ProjectUpdate
    from app.core.extensions import db

    post_update(client_for(app, login_as, world, "owner"), project_id, body=HELD_TEXT)
    (update,) = stored_updates(app, project_id)
    with app.app_context():
        assert db.session.get(ProjectUpdate, update.id).status == PostStatus.HELD
    response = post_comment(client_for(app, login_as, world, "community"), project_id, "Hi.", update_id=update.id)
    assert response.status_code == 422
    assert "This update does not exist on this initiative, or is not published." in text(response)


@pytest.mark.parametrize("path", ["post", "edit", "delete", "flag", "moderate"])
def test_every_comment_form_needs_the_csrf_token(app, world, login_as, project_id, path):
    comment_id = add_comment(app, project_id, world.community)
    user = {"post": "community", "edit": "community", "delete": "community", "flag": "member",
            "moderate": "reviewer"}[path]
    client = client_for(app, login_as, world, user)
    url, data = {
        "post": (f"/projects/{project_id}/comments", {"body": "No token."}),
        "edit": (f"/comments/{comment_id}/edit", {"body": "No token."}),
        "delete": (f"/comments/{comment_id}/delete", {}),
        "flag": (f"/comments/{comment_id}/flag", {"reason": "No token."}),
        "moderate": (f"/moderation/comments/{comment_id}", {"action": "hide", "reason": "No token."}),
    }[path]
    response = client.post(url, data=data)
    assert response.status_code == 400
    after = stored(app, comment_id)
    assert (after.body, after.status, after.flag_count) == (SAFE_TEXT, CommentStatus.PUBLISHED, 0)
    assert len(comments_of(app, project_id)) == 1
    # With the token, the same request goes through.
    assert post(client, url, data).status_code == 302
