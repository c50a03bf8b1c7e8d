"""Many people acting on the same project at the same moment, round after round: reviewers deciding,
people pledging while the partners decide, people commenting and replying. Each action runs in its own
thread with its own app context, session, connection and user; the actions of a round wait at a
barrier after reading what they need, then all write at once (tests/support/threads.py).

PostgreSQL makes the later transactions wait for the row lock: everyone gets through or is told the
project changed meanwhile. SQLite lets one writer in at a time and turns the others away
(ChangedMeanwhile); there the people making a pledge or posting a comment try again, as they are told
to, so the same checks hold on both databases.
"""

from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.community import comments, engagement
from app.community.comment_threads import LAST_PAGE, build_thread, discussion_size
from app.community.models import MAX_COMMENT_DEPTH, Comment, CommentStatus, Notification
from app.core.errors import ChangedMeanwhile
from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.integrity import gate_violations
from app.gate.models import Phase
from app.projects.models import PUBLIC_STAGES, Project, Stage
from app.resources import pledges as pledge_service
from app.resources import progress as progress_service
from app.resources.models import Need, Pledge, PledgeStatus
from app.results import indicators
from tests.support.comments import HELD_PHONE
from tests.support.projects import fill, load, new_project, record_results, review
from tests.support.resources import add_need, events_of, pledge, pledge_at, project_at, resource_people
from tests.support.threads import Retried, deadlocked, kinds, postgres, retrying, run_at_once
from tests.support.web import make_project

pytestmark = pytest.mark.committed

REVIEWERS = 12
# Review stage -> the decisions the reviewers race to make there (the first one is gated).
RACES = {
    Stage.SUBMITTED: (Stage.INCUBATING, Stage.CHANGES_REQUESTED, Stage.REJECTED),
    Stage.LAUNCH_REVIEW: (Stage.ACTIVE, Stage.INCUBATING),
    Stage.COMPLETION_REVIEW: (Stage.COMPLETED, Stage.ACTIVE),
}
# Stage -> (the assessment the partner fills in there, the review stage it then asks for).
NEXT_REVIEW = {
    Stage.DRAFT: (Phase.DESIGN, Stage.SUBMITTED),
    Stage.CHANGES_REQUESTED: (Phase.DESIGN, Stage.SUBMITTED),
    Stage.INCUBATING: (Phase.IMPLEMENTATION, Stage.LAUNCH_REVIEW),
    Stage.ACTIVE: (Phase.RESULTS, Stage.COMPLETION_REVIEW),
}
REVIEW_PHASE = {stage: phase for phase, stage in assessments.REVIEW_STAGE.items()}
GATE_MET = (True, False, True, True, False, True, True)  # one entry per round


def bring_to_review(project: Project, people, gate_met: bool) -> bool:
    """Drive the project, one person at a time, to its next review stage and review the assessment
    there: satisfactory when `gate_met`, needs work otherwise. False once it is completed."""
    while project.stage not in RACES:
        if project.stage == Stage.COMPLETED:
            return False
        if project.stage == Stage.REJECTED:
            workflow.transition(project, Stage.DRAFT, load(people.admin.id), note="Reopened for another try.")
            continue
        phase, target = NEXT_REVIEW[project.stage]
        fill(project, phase, load(people.owner.id))
        if project.stage == Stage.ACTIVE and not indicators.indicators_of(project):
            record_results(project, load(people.owner.id))  # what the move to completion review asks
        workflow.transition(project, target, load(people.owner.id))
    verdict = "satisfactory" if gate_met else "needs_work"
    review(project, REVIEW_PHASE[project.stage], load(people.setup_reviewer.id), verdict=verdict)
    return True


def decide(project_id: int, reviewer_id: int, target: Stage, note: str):
    def act(barrier):
        project = db.session.get(Project, project_id)
        reviewer = load(reviewer_id)
        seen = project.version
        workflow.unmet_rules(project, workflow.find_move(project.stage, target), note)  # read what the gate reads
        _ = (reviewer.region_keys, reviewer.memberships, project.organisation.verified)
        barrier.wait()
        return workflow.transition(project, target, reviewer, note=note, expected_version=seen).to_stage

    return act


def notification_count() -> int:
    return db.session.scalar(select(func.count(Notification.id)))


def test_reviewers_deciding_at_once_make_one_unbroken_history(app, make_user, make_org, runner):
    owner = make_user(name="Awa Owner")
    admin = make_user(name="Ada Admin", role="admin")
    setup_reviewer = make_user(name="Sam Setup", role="reviewer", regions=("sub_saharan_africa",))
    people = SimpleNamespace(owner=owner, admin=admin, setup_reviewer=setup_reviewer)
    reviewers = [make_user(name=f"Reviewer {n}", role="reviewer", regions=("sub_saharan_africa",))
                 for n in range(REVIEWERS)]
    followers = [make_user(name=f"Follower {n}") for n in range(2)]
    org = make_org(country="SN", members=[(owner, "owner")])
    with app.app_context():
        project_id = new_project(org.id, owner.id).id
        db.session.commit()

    figures = Counter()
    for round_no, gate_met in enumerate(GATE_MET, 1):
        with app.app_context():
            project = db.session.get(Project, project_id)
            if not bring_to_review(project, people, gate_met):
                break
            for follower in followers:
                engagement.follow(project, load(follower.id))
            db.session.commit()
            stage, version, events_before = project.stage, project.version, len(project.events)
            notes_before = notification_count()
        plan = [(RACES[stage][i % len(RACES[stage])], "" if i % 6 == 4 else f"Round {round_no}, reviewer {i}.")
                for i in range(REVIEWERS)]

        outcomes = run_at_once(app, [decide(project_id, reviewers[i].id, *plan[i]) for i in range(REVIEWERS)])

        figures.update(kinds(outcomes))
        assert deadlocked(outcomes) == []
        won = [i for i, outcome in enumerate(outcomes) if isinstance(outcome, Stage)]
        assert len(won) == 1, (round_no, stage, outcomes)
        target, note = plan[won[0]]
        move = workflow.find_move(stage, target)
        assert gate_met or move.gate is workflow.no_gate, f"round {round_no}: {target} passed an unmet gate"
        assert note or not move.note_required
        for i, outcome in enumerate(outcomes):
            if i == won[0]:
                continue
            other = workflow.find_move(stage, plan[i][0])
            could_pass = (gate_met or other.gate is workflow.no_gate) and (plan[i][1] or not other.note_required)
            allowed = ChangedMeanwhile if could_pass else (ChangedMeanwhile, workflow.GateBlocked)
            assert isinstance(outcome, allowed), (round_no, i, plan[i], outcome)
            if isinstance(outcome, ChangedMeanwhile):
                assert "changed meanwhile" in outcome.message
        with app.app_context():
            project = db.session.get(Project, project_id)
            events = project.events
            assert (project.stage, project.version, len(events)) == (target, version + 1, events_before + 1)
            last = events[-1]
            assert (last.from_stage, last.to_stage, last.actor_id, last.note) == (stage, target,
                                                                                 reviewers[won[0]].id, note)
            assert [e.from_stage for e in events] == [None] + [e.to_stage for e in events[:-1]]
            assert gate_violations() == []
            # The winner told the owner, and the followers while the project stays public; losers wrote nothing.
            told = notification_count() - notes_before
            assert told == 1 + (len(followers) if target in PUBLIC_STAGES else 0)
        figures["rounds"] += 1

    assert figures["rounds"] >= 4, figures
    result = runner.invoke(args=["check-gates"])
    assert result.exit_code == 0, result.output
    print(f"\ndeciding: {REVIEWERS} threads x {figures['rounds']} rounds: {dict(figures)}")


# Pledging ------------------------------------------------------------------------------------------

PLEDGERS = 8
ROUNDS = 3


def make_pledge(need_id: int, user_id: int, quantity: Decimal, key: str):
    def act(barrier):
        need = db.session.get(Need, need_id)
        project = need.project
        pledger = load(user_id)
        _ = (project.organisation.verified, pledger.memberships)
        barrier.wait()
        made, created = pledge_service.make_pledge(need, project, pledger, quantity=quantity, submission_key=key)
        return made.id, created

    return act


def set_status(pledge_id: int, user_id: int, status: PledgeStatus):
    def act(barrier):
        pledge = db.session.get(Pledge, pledge_id)
        project = pledge.project
        actor = load(user_id)
        _ = (project.organisation.verified, actor.memberships, pledge.status)
        barrier.wait()
        event = pledge_service.set_pledge_status(pledge, project, actor, status)
        return event.from_status, event.to_status, event.actor_id

    return act


def test_pledging_while_the_partners_decide_keeps_every_total_and_event(app, make_user, make_org):
    partner, member = make_user(name="Awa Partner"), make_user(name="Moussa Member")
    people = SimpleNamespace(partner=partner, owner=partner,
                             reviewer=make_user(name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",)),
                             org=make_org(country="SN", members=[(partner, "owner"), (member, "member")]))
    pledgers = [make_user(name=f"Pledger {n}") for n in range(PLEDGERS)]
    project_id = project_at(app, people)
    need_id = add_need(app, project_id, partner, quantity=Decimal(10_000_000))
    # The model of what must be stored: pledge id -> its quantity, pledger and events (from, to, actor).
    quantity, pledger_of, history = {}, {}, {}
    for pledger, status in ((pledgers[6], "pledged"), (pledgers[7], "pledged"), (pledgers[6], "accepted")):
        pledge_id = pledge_at(app, need_id, pledger, partner, status, quantity=Decimal(900))
        quantity[pledge_id], pledger_of[pledge_id] = Decimal(900), pledger.id
        history[pledge_id] = [(PledgeStatus(f) if f else None, PledgeStatus(t), a)
                              for f, t, a in events_of(app, pledge_id)]
    retried, figures = Retried(), Counter()

    def status(pledge_id: int) -> PledgeStatus:
        return history[pledge_id][-1][1]

    for round_no in range(1, ROUNDS + 1):
        waiting = sorted(p for p in history if status(p) == PledgeStatus.PLEDGED)
        accepted = sorted(p for p in history if status(p) == PledgeStatus.ACCEPTED)
        new = [(pledgers[i].id, Decimal(1000 * round_no + 10 * i), f"r{round_no}-{i}") for i in range(4)]
        # A double-click: the same form twice at once; two people may use the same key for their own forms.
        doubled = [(pledgers[i].id, Decimal(100 * round_no + i), f"r{round_no}-double") for i in (4, 5) for _ in (0, 1)]
        decisions = []
        if len(waiting) >= 2:
            a, b = waiting[:2]
            decisions += [(a, partner.id, PledgeStatus.ACCEPTED), (a, pledger_of[a], PledgeStatus.WITHDRAWN),
                          (b, member.id, PledgeStatus.DECLINED), (b, partner.id, PledgeStatus.ACCEPTED)]
        if accepted:
            c = accepted[0]
            decisions += [(c, partner.id, PledgeStatus.FULFILLED), (c, pledger_of[c], PledgeStatus.WITHDRAWN)]
        actions = [retrying(make_pledge(need_id, *args), retried, ChangedMeanwhile) for args in new + doubled]
        actions += [set_status(*args) for args in decisions]

        outcomes = run_at_once(app, actions)

        figures.update(kinds(outcomes))
        figures["threads"] = max(figures["threads"], len(actions))
        assert deadlocked(outcomes + retried.refusals) == []
        made = outcomes[: len(new) + len(doubled)]
        assert all(isinstance(o, tuple) for o in made), made  # every pledge got through, retried if need be
        for (user_id, amount, key), (pledge_id, created) in zip(new + doubled, made, strict=True):
            if created:
                assert pledge_id not in history
                quantity[pledge_id], pledger_of[pledge_id] = amount, user_id
                history[pledge_id] = [(None, PledgeStatus.PLEDGED, user_id)]
        for first, second in ((0, 1), (2, 3)):  # each double-click made one pledge, answered to both
            (one, created_one), (two, created_two) = made[len(new) + first], made[len(new) + second]
            assert one == two and sorted([created_one, created_two]) == [False, True], made
        assert all(created for _id, created in made[: len(new)])
        answers = outcomes[len(made):]
        for pair in range(0, len(decisions), 2):
            pledge_id = decisions[pair][0]
            done = [o for o in answers[pair:pair + 2] if isinstance(o, tuple)]
            refused = [o for o in answers[pair:pair + 2] if isinstance(o, ChangedMeanwhile)]
            assert len(done) + len(refused) == 2 and len(done) <= 1, answers
            if postgres(app):
                assert len(done) == 1, answers  # PostgreSQL waits: one of the two always gets through
            history[pledge_id] += done
        check_pledges(app, need_id, quantity, pledger_of, history, (partner.id, member.id))

    figures["retries"] = retried.count
    figures["pledges"] = len(history)
    if postgres(app):
        assert retried.count == 0  # PostgreSQL waits for the lock: nobody making a pledge is turned away
    print(f"\npledging: {ROUNDS} rounds: {dict(figures)}")


def test_a_pledger_withdrawing_while_a_partner_decides_waits_instead_of_deadlocking(app, make_user, make_org):
    """Both moves take the project's lock first. Were the pledge locked first by the pledger (its
    notification then needs the project's row), the two would wait for each other until PostgreSQL broke
    the deadlock a second later, aborting one of them."""
    people = resource_people(make_user, make_org)
    need_id = add_need(app, project_at(app, people), people.partner)
    outcomes = []
    for _attempt in range(3):
        pledge_id = pledge(app, need_id, people.pledger)
        outcomes += run_at_once(app, [set_status(pledge_id, people.partner.id, PledgeStatus.ACCEPTED),
                                      set_status(pledge_id, people.pledger.id, PledgeStatus.WITHDRAWN)])
    assert deadlocked(outcomes) == []
    assert kinds(outcomes) == Counter(ok=3, ChangedMeanwhile=3), outcomes


def check_pledges(app, need_id: int, quantity: dict, pledger_of: dict, history: dict, partners: tuple) -> None:
    """What is stored is what the answers said: the pledges, their events, the totals, the notifications."""
    with app.app_context():
        need = db.session.get(Need, need_id)
        stored = {p.id: p for p in db.session.scalars(select(Pledge).where(Pledge.need_id == need_id))}
        assert set(stored) == set(history)
        for pledge_id, row in stored.items():
            events = [(e.from_status, e.to_status, e.actor_id) for e in row.events]
            assert events == history[pledge_id], pledge_id
            assert (row.status, row.quantity, row.pledger_id) == (
                history[pledge_id][-1][1], quantity[pledge_id], pledger_of[pledge_id])
        keys = Counter((p.pledger_id, p.submission_key) for p in stored.values() if p.submission_key)
        assert set(keys.values()) <= {1}

        def amount(*statuses):
            return sum((quantity[p] for p in history if history[p][-1][1] in statuses), Decimal(0))

        progress = progress_service.progress_of([need])[need_id]
        live = [p for p in history if history[p][-1][1] in progress_service.LIVE_STATUSES]
        assert (progress.committed, progress.fulfilled, progress.waiting, progress.pledge_count) == (
            amount(PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED), amount(PledgeStatus.FULFILLED),
            amount(PledgeStatus.PLEDGED), len(live))
        [total] = progress_service.totals_of(need.project)
        assert (total.committed, total.fulfilled) == (progress.committed, progress.fulfilled)

        # One notification per recipient per event: the partners of a new pledge and of a withdrawal
        # (not the one who acted), the pledger of a decision.
        expected = Counter()
        for pledge_id, events in history.items():
            for _from, to, actor in events:
                if to == PledgeStatus.PLEDGED:
                    expected.update((pledge_id, "pledge_made", uid, to) for uid in partners)
                elif to == PledgeStatus.WITHDRAWN:
                    expected.update((pledge_id, "pledge_status", uid, to) for uid in partners if uid != actor)
                else:
                    expected[(pledge_id, "pledge_status", pledger_of[pledge_id], to)] += 1
        told = Counter(
            (n.data["pledge_id"], n.kind, n.user_id, PledgeStatus(n.data["status"]))
            for n in db.session.scalars(select(Notification).where(Notification.kind.in_(("pledge_made",
                                                                                          "pledge_status"))))
        )
        assert told == expected


# Commenting ----------------------------------------------------------------------------------------

COMMENTERS = 12
SAFE = "Which schools take part this year, and who runs the sessions?"


def post(project_id: int, user_id: int, body: str, parent_id: int | None = None):
    def act(barrier):
        project = db.session.get(Project, project_id)
        author = load(user_id)
        parent = db.session.get(Comment, parent_id) if parent_id else None
        comments.check_can_comment(author, project)  # read what the permission reads
        barrier.wait()
        posted = comments.post_comment(project, author, body, parent=parent)
        return posted.comment.id, posted.comment.status

    return act


def test_comments_and_replies_at_once_are_each_stored_and_announced_once(app, make_user, make_org):
    owner, member = make_user(name="Awa Owner"), make_user(name="Moussa Member")
    world = SimpleNamespace(owner=owner, admin=make_user(name="Ada Admin", role="admin"),
                            reviewer=make_user(name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",)),
                            org=make_org(country="SN", members=[(owner, "owner"), (member, "member")]))
    followers = [make_user(name=f"Follower {n}") for n in range(2)]
    people = [make_user(name=f"Commenter {n}") for n in range(COMMENTERS)]
    project_id = make_project(app, world, Stage.ACTIVE)
    with app.app_context():
        for follower in followers:
            engagement.follow(db.session.get(Project, project_id), load(follower.id))
        db.session.commit()
    stored: dict[int, SimpleNamespace] = {}  # comment id -> what its answer said
    retried, figures = Retried(), Counter()

    def at_depth(depth: int) -> list[int]:
        return sorted(i for i, c in stored.items() if c.depth == depth and c.status == CommentStatus.PUBLISHED)

    def held() -> list[int]:
        return sorted(i for i, c in stored.items() if c.status == CommentStatus.HELD)

    # Each round: (marker, commenter, text, parent id or None, whether it must be refused).
    rounds = [
        lambda: [(f"1-{i}", i, HELD_PHONE if i >= 10 else SAFE, None, False) for i in range(COMMENTERS)],
        lambda: [(f"2-{i}", i, SAFE, at_depth(1)[(i + 1) % len(at_depth(1))], False) for i in range(10)]
        + [("2-10", 10, SAFE, held()[0], True), ("2-11", 11, SAFE, at_depth(1)[1], False)],
        lambda: [(f"3-{i}", i, SAFE, at_depth(2)[i % len(at_depth(2))], False) for i in range(10)]
        + [(f"3-{i}", i, SAFE, None, False) for i in (10, 11)],
        lambda: [(f"4-{i}", i, SAFE, at_depth(3)[i], True) for i in range(6)]
        + [(f"4-{i}", i, SAFE, at_depth(1)[i], False) for i in range(6, COMMENTERS)],
    ]
    for make_round in rounds:
        plan = make_round()
        actions = [retrying(post(project_id, people[who].id, f"[{marker}] {text}", parent), retried, ChangedMeanwhile)
                   for marker, who, text, parent, _refused in plan]

        outcomes = run_at_once(app, actions)

        figures.update(kinds(outcomes))
        assert deadlocked(outcomes + retried.refusals) == []
        for (marker, who, text, parent, refused), outcome in zip(plan, outcomes, strict=True):
            if refused:
                assert isinstance(outcome, comments.CommentInvalid) and "parent_id" in outcome.errors, outcome
                continue
            assert isinstance(outcome, tuple), (marker, outcome)
            comment_id, status = outcome
            assert comment_id not in stored
            depth = 1 if parent is None else stored[parent].depth + 1
            stored[comment_id] = SimpleNamespace(author=people[who].id, parent=parent, depth=depth, status=status,
                                                 body=f"[{marker}] {text}")
        check_discussion(app, project_id, stored, partners=(owner.id, member.id),
                         followers=[f.id for f in followers], moderator=world.reviewer.id)
    figures["retries"] = retried.count
    figures["comments"] = len(stored)
    if postgres(app):
        assert retried.count == 0  # PostgreSQL never turns a comment away
    print(f"\ncommenting: {COMMENTERS} threads x {len(rounds)} rounds: {dict(figures)}")


def check_discussion(app, project_id: int, stored: dict, partners: tuple, followers: list, moderator: int) -> None:
    """The rows are what the answers said, the tree is whole, the counts match, one notification per
    recipient per published comment."""
    with app.app_context():
        project = db.session.get(Project, project_id)
        rows = {c.id: c for c in db.session.scalars(select(Comment).where(Comment.project_id == project_id))}
        assert set(rows) == set(stored)
        assert max(Counter(c.body for c in rows.values()).values()) == 1
        for comment_id, row in rows.items():
            want = stored[comment_id]
            assert (row.author_id, row.parent_id, row.depth, row.status, row.body) == (
                want.author, want.parent, want.depth, want.status, want.body)
            if row.parent_id is not None:
                parent = rows[row.parent_id]
                assert parent.status == CommentStatus.PUBLISHED and row.depth == parent.depth + 1 <= MAX_COMMENT_DEPTH
        top = [c for c in stored.values() if c.parent is None]
        published = [c for c in stored.values() if c.status == CommentStatus.PUBLISHED]
        assert discussion_size(project) == (len(top), len(published))
        assert build_thread(project, load(moderator), page=LAST_PAGE).published_count == len(published)
        thread = build_thread(project, load(moderator))  # every page
        assert sorted(node.id for node in thread.flat) == sorted(stored)
        for node in thread.flat:
            assert all(child.comment.parent_id == node.id for child in node.children)

        expected = Counter()
        for comment_id, c in stored.items():
            if c.status != CommentStatus.PUBLISHED:
                continue  # a held comment is announced when a moderator publishes it
            replied_to = stored[c.parent].author if c.parent is not None else None
            for uid in {*partners, *followers, replied_to} - {c.author, None}:
                expected[(comment_id, uid, "reply" if uid == replied_to else "comment")] += 1
        told = Counter((n.comment_id, n.user_id, n.kind) for n in db.session.scalars(
            select(Notification).where(Notification.project_id == project_id,
                                       Notification.kind.in_(("comment", "reply")))))
        assert told == expected
