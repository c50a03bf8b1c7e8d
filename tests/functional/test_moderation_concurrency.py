"""Reports and decisions arriving at the same moment: no report is lost silently, and of two
moderators deciding at once exactly one wins.

PostgreSQL makes the later transactions wait: every report counts. SQLite lets one writer in at a
time and turns the others away; they are told to try again (ChangedMeanwhile), never half-written.
"""

import pytest

from app.accounts.models import User
from app.community import comments, moderation
from app.community.comments import AlreadyFlagged
from app.community.models import Comment, CommentStatus
from app.community.moderation import ModerationRefused
from app.core.errors import ChangedMeanwhile
from app.core.extensions import db
from app.projects.models import Stage
from tests.support.comments import add_comment, stored
from tests.support.projects import world_records
from tests.support.threads import postgres, run_at_once
from tests.support.web import make_project

pytestmark = pytest.mark.committed


def reporter(comment_id: int, user_id: int):
    def act(barrier):
        comment = db.session.get(Comment, comment_id)
        user = db.session.get(User, user_id)
        _ = comment.project.title
        barrier.wait()
        return comments.flag_comment(comment, comment.project, user, "Rude.")

    return act


def test_reports_at_once_are_all_counted_and_hide_the_comment_once(app, make_user, make_org):
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.ACTIVE)
    comment_id = add_comment(app, project_id, world.community)
    readers = [make_user(name=f"Reader {n}") for n in range(3)]

    outcomes = run_at_once(app, [reporter(comment_id, reader.id) for reader in readers])

    counted = [o for o in outcomes if isinstance(o, bool)]
    retry = [o for o in outcomes if isinstance(o, ChangedMeanwhile)]
    assert len(counted) + len(retry) == 3, outcomes
    if postgres(app):
        assert sorted(counted) == [False, False, True], outcomes  # every report counts, one hid it
    comment = stored(app, comment_id)
    assert comment.flag_count == len(counted)
    assert comment.status == (CommentStatus.PENDING if len(counted) == 3 else CommentStatus.PUBLISHED)
    assert counted.count(True) == (1 if len(counted) == 3 else 0)


def test_the_same_person_reporting_twice_at_once_counts_once(app, make_user, make_org):
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.ACTIVE)
    comment_id = add_comment(app, project_id, world.community)

    outcomes = run_at_once(app, [reporter(comment_id, world.member.id)] * 2)

    assert sum(isinstance(o, bool) for o in outcomes) == 1, outcomes
    loser = AlreadyFlagged if postgres(app) else (AlreadyFlagged, ChangedMeanwhile)
    assert sum(isinstance(o, loser) for o in outcomes) == 1, outcomes
    assert stored(app, comment_id).flag_count == 1


def test_two_moderators_deciding_at_once_make_one_decision(app, make_user, make_org):
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.ACTIVE)
    comment_id = add_comment(app, project_id, world.community)

    def decide(user_id: int, action: str, reason: str = ""):
        def act(barrier):
            comment = db.session.get(Comment, comment_id)
            _ = comment.project.title
            moderator = db.session.get(User, user_id)
            barrier.wait()
            return moderation.moderate(comment, comment.project, moderator, action, reason)

        return act

    outcomes = run_at_once(app, [decide(world.reviewer.id, "hide", "Off topic."),
                                 decide(world.admin.id, "hide", "Rude.")])

    refused = [o for o in outcomes if isinstance(o, ModerationRefused | ChangedMeanwhile)]
    assert len(refused) == 1, outcomes
    if postgres(app):
        assert isinstance(refused[0], ModerationRefused)  # it waited, then saw the first decision
    comment = stored(app, comment_id)
    assert comment.status == CommentStatus.HIDDEN and comment.moderation_reason in ("Off topic.", "Rude.")
