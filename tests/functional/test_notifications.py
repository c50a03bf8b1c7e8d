"""Who is notified of what: stage changes, reviews waiting, comments, replies, moderators' decisions.

Each event writes rows for the right people and never for the one who acted, and the
fan-out takes the same number of queries for 3 followers as for 30.
"""

import pytest
from sqlalchemy import update

from app.accounts.models import User
from app.community import notifications
from app.community.models import Comment, CommentStatus
from app.core.extensions import db
from app.gate import workflow
from app.projects.models import Project, Stage
from tests.support.engagement import follow, forget_notifications, notified, recipients, write_comment
from tests.support.projects import load
from tests.support.queries import counted_queries
from tests.support.web import make_project, meet_gate

ORGANISATION = {"owner", "member", "conflicted"}  # the world's organisation: every active member


def ids(world, *names) -> set[int]:
    return {getattr(world, name).id for name in names}


def move(app, project_id: int, to: Stage, actor, note: str = "") -> None:
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), to, load(actor.id), note)
        db.session.commit()


# Stage changes and reviews ------------------------------------------------------------------------


def test_a_stage_change_is_told_to_the_partners_and_followers_but_not_the_actor(app, world):
    project_id = make_project(app, world, Stage.SUBMITTED)
    follow(app, world.community, project_id)
    meet_gate(app, project_id, world)
    forget_notifications(app)

    move(app, project_id, Stage.INCUBATING, world.reviewer)

    assert recipients(app) == ids(world, *ORGANISATION, "community")
    notification = notified(app)[world.community.id][0]
    assert notification.kind == "stage_changed"
    assert notification.actor_id == world.reviewer.id
    assert notification.project_id == project_id
    assert notification.data == {"title": "Safe spaces for girls in Thiès", "from": "submitted", "to": "incubating"}
    assert notification.read_at is None and notification.emailed_at is None


def test_the_partner_who_moves_the_project_is_not_told(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    follow(app, world.community, project_id)
    meet_gate(app, project_id, world)
    forget_notifications(app)

    move(app, project_id, Stage.LAUNCH_REVIEW, world.owner)

    assert recipients(app, "stage_changed") == ids(world, "member", "conflicted", "community")


def test_followers_are_not_told_when_the_project_leaves_the_public_stages(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    follow(app, world.community, project_id)
    forget_notifications(app)

    move(app, project_id, Stage.WITHDRAWN, world.member, note="We stop here.")

    assert recipients(app) == ids(world, "owner", "conflicted")


def test_deactivated_accounts_are_never_told(app, world):
    project_id = make_project(app, world, Stage.SUBMITTED)
    follow(app, world.community, project_id)
    meet_gate(app, project_id, world)
    forget_notifications(app)
    with app.app_context():
        db.session.execute(update(User).where(User.id.in_(ids(world, "member", "community"))).values(active=False))
        db.session.commit()

    move(app, project_id, Stage.INCUBATING, world.reviewer)

    assert recipients(app) == ids(world, "owner", "conflicted")


@pytest.mark.parametrize("stage", [Stage.SUBMITTED, Stage.LAUNCH_REVIEW, Stage.COMPLETION_REVIEW])
def test_a_review_waits_for_the_reviewers_of_the_region_without_a_conflict(app, world, stage):
    before = {Stage.SUBMITTED: Stage.DRAFT, Stage.LAUNCH_REVIEW: Stage.INCUBATING,
              Stage.COMPLETION_REVIEW: Stage.ACTIVE}[stage]
    project_id = make_project(app, world, before)
    meet_gate(app, project_id, world)
    forget_notifications(app)

    move(app, project_id, stage, world.owner)

    # Not the reviewer of Latin America, not Cora (a member of the organisation), not the admin.
    assert recipients(app, "review_waiting") == ids(world, "reviewer")
    notification = notified(app, "review_waiting")[world.reviewer.id][0]
    assert notification.data == {"title": "Safe spaces for girls in Thiès", "to": stage.value}
    assert notification.actor_id == world.owner.id


def test_no_review_waits_after_a_reviewer_decision(app, world):
    project_id = make_project(app, world, Stage.SUBMITTED)
    meet_gate(app, project_id, world)
    forget_notifications(app)
    move(app, project_id, Stage.INCUBATING, world.reviewer)
    assert recipients(app, "review_waiting") == set()


# Comments, replies, moderators' decisions ---------------------------------------------------------


def test_a_comment_is_told_to_partners_and_followers_but_not_its_author(app, world, make_user):
    project_id = make_project(app, world, Stage.INCUBATING)
    follower = make_user()
    follow(app, follower, project_id)
    follow(app, world.community, project_id)
    forget_notifications(app)

    comment_id = write_comment(app, project_id, world.community, "Which schools **take part**?")

    assert recipients(app) == ids(world, *ORGANISATION) | {follower.id}
    notification = notified(app)[follower.id][0]
    assert (notification.kind, notification.comment_id, notification.actor_id) == (
        "comment", comment_id, world.community.id
    )
    assert notification.data["excerpt"] == "Which schools **take part**?"
    assert notification.data["update_id"] is None


def test_a_reply_is_told_to_the_author_of_the_comment_replied_to(app, world, make_user):
    project_id = make_project(app, world, Stage.INCUBATING)
    replier = make_user()
    follow(app, world.community, project_id)  # a follower gets the reply notice, not a second one
    first = write_comment(app, project_id, world.community)
    forget_notifications(app)

    write_comment(app, project_id, replier, "I agree.", parent_id=first)

    by_user = notified(app)
    assert [n.kind for n in by_user[world.community.id]] == ["reply"]
    assert {uid for uid, rows in by_user.items() if rows[0].kind == "comment"} == ids(world, *ORGANISATION)
    assert replier.id not in by_user


def test_answering_one_s_own_comment_notifies_nobody_twice(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    first = write_comment(app, project_id, world.community)
    forget_notifications(app)
    write_comment(app, project_id, world.community, "And one more thing.", parent_id=first)
    assert recipients(app) == ids(world, *ORGANISATION)
    assert recipients(app, "reply") == set()


def test_a_held_comment_is_announced_only_when_a_moderator_publishes_it(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    comment_id = write_comment(app, project_id, world.community, status=CommentStatus.HELD)
    assert recipients(app, "comment") == set()

    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        comment.status = CommentStatus.PUBLISHED
        notifications.flag_decided(comment, "publish")
        db.session.commit()

    assert recipients(app, "flag_decided") == {world.community.id}
    assert notified(app, "flag_decided")[world.community.id][0].data["action"] == "publish"
    assert recipients(app, "comment") == ids(world, *ORGANISATION)


@pytest.mark.parametrize("action", ["hide", "restore", "dismiss"])
def test_a_moderator_decision_is_told_to_the_author_only(app, world, action):
    project_id = make_project(app, world, Stage.INCUBATING)
    comment_id = write_comment(app, project_id, world.community)
    forget_notifications(app)
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        comment.moderation_reason = "Off-topic." if action == "hide" else ""
        notifications.flag_decided(comment, action)
        db.session.commit()

    rows = notified(app)
    assert set(rows) == {world.community.id}
    notification = rows[world.community.id][0]
    assert (notification.kind, notification.comment_id, notification.actor_id) == ("flag_decided", comment_id, None)
    assert notification.data["action"] == action
    assert notification.data["reason"] == ("Off-topic." if action == "hide" else "")


def test_an_unknown_moderation_action_is_refused(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    comment_id = write_comment(app, project_id, world.community)
    with app.app_context(), pytest.raises(ValueError):
        notifications.flag_decided(db.session.get(Comment, comment_id), "delete")


# Fan-out ------------------------------------------------------------------------------------------


def followers(app, make_user, project_id: int, how_many: int) -> None:
    for _n in range(how_many):
        follow(app, make_user(), project_id)


def queries_for(app, action) -> tuple[int, int]:
    """How many statements `action()` sends, and how many notifications it writes."""
    with app.app_context():
        with counted_queries(app) as statements:
            written = action()
        db.session.rollback()
    return len([s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))]), len(written)


@pytest.mark.parametrize("event", ["comment", "stage_change"])
def test_the_fan_out_takes_the_same_queries_for_3_and_30_followers(app, world, make_user, event):
    def run(project_id: int, comment_id: int):
        def action():
            if event == "comment":
                return notifications.comment_posted(db.session.get(Comment, comment_id))
            project = db.session.get(Project, project_id)
            return notifications.stage_changed(project, project.events[-1])
        return action

    small, large = (make_project(app, world, Stage.INCUBATING, title=t) for t in ("Small", "Large"))
    followers(app, make_user, small, 3)
    followers(app, make_user, large, 30)
    small_comment = write_comment(app, small, world.community, notify=False)
    large_comment = write_comment(app, large, world.community, notify=False)
    # Warm up what each request loads anyway (the project, the comment).
    queries_for(app, run(small, small_comment))

    few, written_few = queries_for(app, run(small, small_comment))
    many, written_many = queries_for(app, run(large, large_comment))

    assert written_few == 3 + 3 and written_many == 30 + 3  # the followers and the three partners
    assert many == few


# Updates and milestones ---------------------------------------------------------------------------


def test_updates_and_milestones_are_told_to_followers_but_not_to_the_partner_who_posts(app, world, login_as):
    from tests.support.web import client_for, post

    project_id = make_project(app, world, Stage.ACTIVE)
    for person in (world.community, world.owner, world.member):  # partners may follow explicitly too
        follow(app, person, project_id)
    forget_notifications(app)
    member = client_for(app, login_as, world, "member")

    post(member, f"/projects/{project_id}/updates/new", {"title": "Term one", "body": "All sessions held."})
    post(member, f"/projects/{project_id}/milestones", {"title": "Term one done", "planned_date": "2025-03-01"})

    assert recipients(app, "update") == ids(world, "community", "owner")
    assert recipients(app, "milestone") == ids(world, "community", "owner")
    assert {n.actor_id for rows in notified(app).values() for n in rows} == {world.member.id}
