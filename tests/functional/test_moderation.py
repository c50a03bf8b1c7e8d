"""Reports and moderation: reports up to the threshold hide a comment, moderators restore, hide with a
reason, dismiss reports or publish a held comment, and the author is told."""

import pytest

from app.community.models import CommentStatus
from app.projects.models import Stage
from tests.support.comments import (
    HELD_PHONE,
    add_comment,
    comments_of,
    flag,
    open_flags,
    post_comment,
    set_threshold,
    stored,
)
from tests.support.engagement import forget_notifications, notified, recipients
from tests.support.web import client_for, make_project, post, text

PENDING_TEXT = "This comment was reported by several readers and is hidden until a moderator decides."


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = make_project(app, world, Stage.ACTIVE)
    forget_notifications(app)
    return project_id


@pytest.fixture
def readers(make_user):
    return [make_user(name=f"Reader {n}") for n in range(4)]


def report(app, login_as, user, comment_id: int, reason: str = "It is insulting.", client=None):
    client = client or login_as(user, app.test_client())
    return post(client, f"/comments/{comment_id}/flag", {"reason": reason})


def moderate(client, comment_id: int, action: str, reason: str = "", back: str = "queue"):
    return post(client, f"/moderation/comments/{comment_id}", {"action": action, "reason": reason, "back": back})


def test_reports_up_to_the_threshold_hide_the_comment_and_a_moderator_restores_it(
    app, world, login_as, project_id, readers, outbox
):
    comment_id = add_comment(app, project_id, world.community, "An opinion some dislike.")
    forget_notifications(app)
    for reader in readers[:2]:
        client = login_as(reader, app.test_client())
        response = report(app, login_as, reader, comment_id, client=client)
        assert response.status_code == 302
        assert stored(app, comment_id).status == CommentStatus.PUBLISHED
    said = text(client.get(response.headers["Location"]))
    assert "Thank you for your report: a moderator will look at this comment." in said

    report(app, login_as, readers[2], comment_id)  # the third report: the default threshold
    comment = stored(app, comment_id)
    assert (comment.status, comment.flag_count) == (CommentStatus.PENDING, 3)
    public = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}")
    assert PENDING_TEXT in text(public) and "An opinion some dislike." not in text(public)
    (mail,) = outbox()  # the author learns that the comment is hidden until a decision
    assert mail.to == world.community.email
    assert mail.subject == "Your comment is hidden until a moderator looks at it"
    assert "An opinion some dislike." in mail.body

    reviewer = client_for(app, login_as, world, "reviewer")
    queue = reviewer.get("/moderation")
    assert "An opinion some dislike." in text(queue) and "3 reports" in text(queue)
    assert "It is insulting." in text(queue)
    response = moderate(reviewer, comment_id, "restore")
    assert response.status_code == 302 and response.headers["Location"] == "/moderation"
    assert "The comment is visible again. Its author is told." in text(reviewer.get("/moderation"))
    comment = stored(app, comment_id)
    assert (comment.status, comment.flag_count) == (CommentStatus.PUBLISHED, 0)
    assert open_flags(app, comment_id) == []
    visitor = client_for(app, login_as, world, "anonymous")
    assert "An opinion some dislike." in text(visitor.get(f"/projects/{project_id}"))

    # The author is told, in the app and by e-mail.
    (notification,) = notified(app, "flag_decided")[world.community.id]
    assert notification.data["action"] == "restore"
    decision = outbox()[-1]
    assert decision.to == world.community.email
    assert "A moderator restored your comment on “Safe spaces for girls in Thiès”" in decision.body


def test_the_threshold_is_a_setting(app, world, login_as, project_id, readers):
    set_threshold(app, 1)
    comment_id = add_comment(app, project_id, world.community)
    report(app, login_as, readers[0], comment_id)
    assert stored(app, comment_id).status == CommentStatus.PENDING


def test_a_second_report_by_the_same_person_is_refused_politely(app, world, login_as, project_id, readers):
    comment_id = add_comment(app, project_id, world.community)
    report(app, login_as, readers[0], comment_id)
    client = login_as(readers[0], app.test_client())
    response = report(app, login_as, readers[0], comment_id, client=client)
    assert response.status_code == 302
    assert "You have already reported this comment." in text(client.get(response.headers["Location"]))
    assert stored(app, comment_id).flag_count == 1
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "You reported this comment." in page and f'href="/comments/{comment_id}/flag"' not in page
    again = client.get(f"/comments/{comment_id}/flag")  # the report page, from an old tab
    assert again.status_code == 302 and again.headers["Location"].endswith(f"#comment-{comment_id}")


def test_the_report_link_opens_a_page_with_the_form(app, world, login_as, project_id, readers):
    comment_id = add_comment(app, project_id, world.community, "Please report me for this test.")
    client = login_as(readers[0], app.test_client())
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert f'href="/comments/{comment_id}/flag"' in page and 'name="reason"' not in page
    form = client.get(f"/comments/{comment_id}/flag")
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert f'action="/comments/{comment_id}/flag"' in html and 'name="csrf_token"' in html
    assert 'name="reason"' in html and "Please report me for this test." in html
    assert stored(app, comment_id).flag_count == 0  # opening the page reports nothing
    assert report(app, login_as, readers[0], comment_id, client=client).status_code == 302
    assert stored(app, comment_id).flag_count == 1
    assert login_as(world.community, app.test_client()).get(f"/comments/{comment_id}/flag").status_code == 403
    anonymous = app.test_client().get(f"/comments/{comment_id}/flag")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_a_report_needs_a_reason_and_keeps_nothing_else(app, world, login_as, project_id, readers):
    comment_id = add_comment(app, project_id, world.community)
    response = report(app, login_as, readers[0], comment_id, reason="   ")
    assert response.status_code == 422
    assert "Please say why a moderator should look at this comment." in text(response)
    assert stored(app, comment_id).flag_count == 0


def test_nobody_reports_their_own_comment_and_visitors_log_in(app, world, login_as, project_id, make_user):
    comment_id = add_comment(app, project_id, world.community)
    assert report(app, login_as, world.community, comment_id).status_code == 403
    anonymous = client_for(app, login_as, world, "anonymous")
    response = post(anonymous, f"/comments/{comment_id}/flag", {"reason": "Spam."})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    unverified = make_user(verified=False)
    assert report(app, login_as, unverified, comment_id).status_code == 403
    assert stored(app, comment_id).flag_count == 0


def test_hiding_shows_the_reason_in_place_of_the_comment(app, world, login_as, project_id, readers, outbox):
    comment_id = add_comment(app, project_id, world.community, "Buy cheap watches here.")
    flag(app, comment_id, readers[0], "Advertising.")
    reviewer = client_for(app, login_as, world, "reviewer")
    response = moderate(reviewer, comment_id, "hide", "Advertising is not allowed here.", back="project")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project_id}#comment-{comment_id}"
    comment = stored(app, comment_id)
    assert comment.status == CommentStatus.HIDDEN and open_flags(app, comment_id) == []
    page = text(client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}"))
    assert "A moderator hid this comment. The reason: Advertising is not allowed here." in page
    assert "Buy cheap watches here." not in page
    # Its author still sees the text, with the reason.
    author = client_for(app, login_as, world, "community")
    assert "Buy cheap watches here." in text(author.get(f"/projects/{project_id}"))
    (notification,) = notified(app, "flag_decided")[world.community.id]
    assert notification.data["action"] == "hide"
    assert notification.data["reason"] == "Advertising is not allowed here."
    assert any("Advertising is not allowed here." in mail.body for mail in outbox() if mail.to == world.community.email)
    # The hidden list lets a moderator restore it later.
    hidden = reviewer.get("/moderation?show=hidden")
    assert "Buy cheap watches here." in text(hidden)
    assert moderate(reviewer, comment_id, "restore").status_code == 302
    assert stored(app, comment_id).status == CommentStatus.PUBLISHED


def test_hiding_needs_a_reason_and_keeps_what_was_typed(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community)
    reviewer = client_for(app, login_as, world, "reviewer")
    response = moderate(reviewer, comment_id, "hide", "  ")
    assert response.status_code == 422
    assert "Please give the reason: it is shown in place of the comment." in text(response)
    assert stored(app, comment_id).status == CommentStatus.PUBLISHED
    too_long = moderate(reviewer, comment_id, "hide", "Off topic. " * 60)
    assert too_long.status_code == 422
    assert 'value="' + "Off topic. " * 60 + '"' in too_long.get_data(as_text=True)


def test_dismissing_the_reports_keeps_the_comment(app, world, login_as, project_id, readers):
    comment_id = add_comment(app, project_id, world.community)
    flag(app, comment_id, readers[0])
    reviewer = client_for(app, login_as, world, "admin")
    assert moderate(reviewer, comment_id, "dismiss").status_code == 302
    comment = stored(app, comment_id)
    assert (comment.status, comment.flag_count) == (CommentStatus.PUBLISHED, 0)
    assert "Nothing waits for a decision." in text(reviewer.get("/moderation"))
    (notification,) = notified(app, "flag_decided")[world.community.id]
    assert notification.data["action"] == "dismiss"
    # Reporting starts again from zero; the first reporter has had their say.
    flag(app, comment_id, readers[1])
    assert stored(app, comment_id).flag_count == 1


def test_a_moderator_publishes_a_held_comment_and_it_is_announced(app, world, login_as, project_id):
    post_comment(client_for(app, login_as, world, "community"), project_id, HELD_PHONE)
    (comment_id,) = [c.id for c in comments_of(app, project_id)]
    reviewer = client_for(app, login_as, world, "reviewer")
    queue = text(reviewer.get("/moderation"))
    assert HELD_PHONE in queue and "Held by the safeguarding screen" in queue
    assert "Remove the phone number" in queue
    assert moderate(reviewer, comment_id, "publish").status_code == 302
    assert stored(app, comment_id).status == CommentStatus.PUBLISHED
    assert recipients(app, "comment") == {world.owner.id, world.member.id, world.conflicted.id}
    assert notified(app, "flag_decided")[world.community.id][0].data["action"] == "publish"


def test_an_action_that_no_longer_applies_is_refused(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community)
    reviewer = client_for(app, login_as, world, "reviewer")
    response = moderate(reviewer, comment_id, "publish")
    assert response.status_code == 302
    assert "This comment changed meanwhile" in text(reviewer.get(response.headers["Location"]))
    assert moderate(reviewer, comment_id, "explode").status_code == 422
    assert stored(app, comment_id).status == CommentStatus.PUBLISHED
    assert notified(app, "flag_decided") == {}


@pytest.mark.parametrize(
    ("role", "queue", "decide"),
    [
        ("anonymous", 302, 302),
        ("community", 403, 403),
        ("owner", 403, 403),
        ("member", 403, 403),
        ("outsider_partner", 403, 403),
        ("conflicted", 200, 403),  # a reviewer who belongs to the organisation
        ("far_reviewer", 200, 403),  # a reviewer of another region
        ("reviewer", 200, 302),
        ("admin", 200, 302),
    ],
)
def test_who_moderates(app, world, login_as, project_id, role, queue, decide):
    comment_id = add_comment(app, project_id, world.community)
    client = client_for(app, login_as, world, role)
    assert client.get("/moderation").status_code == queue
    assert moderate(client, comment_id, "hide", "Off topic.").status_code == decide
    expected = CommentStatus.HIDDEN if decide == 302 and role != "anonymous" else CommentStatus.PUBLISHED
    assert stored(app, comment_id).status == expected
    html = client.get(f"/projects/{project_id}").get_data(as_text=True)
    moderator = expected == CommentStatus.HIDDEN
    assert (f'href="/moderation/comments/{comment_id}"' in html) == moderator
    assert f'action="/moderation/comments/{comment_id}"' not in html  # the form is on the linked page
    page = client.get(f"/moderation/comments/{comment_id}")
    assert page.status_code == (200 if moderator else 302 if role == "anonymous" else 403)
    if moderator:
        form = page.get_data(as_text=True)
        assert f'action="/moderation/comments/{comment_id}"' in form and 'name="csrf_token"' in form
        assert 'name="back" value="project"' in form and 'value="restore"' in form


def test_the_queue_lists_only_the_moderator_s_regions(app, world, login_as, project_id, readers):
    comment_id = add_comment(app, project_id, world.community, "Reported in Senegal.")
    flag(app, comment_id, readers[0])
    assert "Reported in Senegal." in text(client_for(app, login_as, world, "reviewer").get("/moderation"))
    for role in ("far_reviewer", "conflicted"):
        assert "Nothing waits for a decision." in text(client_for(app, login_as, world, role).get("/moderation"))


def test_the_queue_pages_in_a_fixed_number_of_queries(app, world, login_as, project_id, readers):
    from tests.support.queries import counted_queries

    reviewer = client_for(app, login_as, world, "reviewer")

    def queries_with(count: int) -> int:
        for n in range(count):
            flag(app, add_comment(app, project_id, world.community, f"Comment {n}."), readers[n % 4])
        with counted_queries(app) as statements:
            assert reviewer.get("/moderation").status_code == 200
        return len(statements)

    assert queries_with(2) == queries_with(10)
