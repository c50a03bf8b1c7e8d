"""Calls for ideas, ideas, supports, offers of help, merging, archiving, adoption and the call's
deadline rule, through the domain functions."""

import pytest
from sqlalchemy import select

from app.community.models import Notification
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.demo import ideas as demo_ideas
from app.demo.seed import seed_demo
from app.gate import workflow
from app.gate.integrity import project_violations
from app.gate.models import Phase
from app.gate.unmet import CALL_NOT_OPEN_FOR_PROPOSALS
from app.ideas import adoption, calls, ideas
from app.ideas.models import Call, CallStatus, Idea, IdeaStatus, ProjectOrigin
from app.organisations.models import Organisation
from app.projects.models import Stage
from tests.support.ideas import call_data, idea_data, move_call, new_call, new_idea
from tests.support.projects import fill, load


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def p(world, ctx):
    return {name: load(getattr(world, name).id) for name in (
        "owner", "member", "outsider_partner", "community", "reviewer", "far_reviewer", "admin")}


# Calls ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(CallStatus))
def test_a_calls_status_follows_its_dates(p, status):
    call = new_call(p["admin"], status)
    assert call.status == status
    assert calls.list_calls(status=status.value) == [call] or call in calls.list_calls(status=status.value)
    assert all(c.status == status for c in calls.list_calls(status=status.value))


def test_dates_out_of_order_are_refused_with_a_message_per_date(p):
    data = call_data()
    data.ideas_close_at = data.opens_at
    with pytest.raises(calls.CallInvalid) as refused:
        calls.open_call(p["admin"], data)
    assert "after the call opens" in refused.value.errors["ideas_close_at"]
    data = call_data()
    data.proposals_close_at = data.ideas_close_at - data.ideas_close_at.resolution * 10**6
    with pytest.raises(calls.CallInvalid) as refused:
        calls.open_call(p["admin"], data)
    assert "proposals_close_at" in refused.value.errors
    with pytest.raises(calls.CallInvalid) as refused:
        calls.open_call(p["admin"], call_data(opens_at=None, title=" "))
    assert set(refused.value.errors) >= {"opens_at", "title"}


def test_reviewers_open_calls_for_their_regions_only(p):
    assert new_call(p["reviewer"], regions=["sub_saharan_africa"]).id
    assert new_call(p["reviewer"], regions=[], countries=["SN", "BF"]).id
    for regions, countries in ((["latin_america"], []), ([], ["PE"]), ([], [])):
        with pytest.raises(NotPermitted):
            new_call(p["reviewer"], regions=regions, countries=countries)
    assert new_call(p["admin"], regions=[], countries=[]).id  # every country: admins
    for role in ("owner", "community"):
        with pytest.raises(NotPermitted):
            new_call(p[role])


def test_open_calls_come_first_nearest_deadline_first(p):
    closed = new_call(p["admin"], CallStatus.CLOSED)
    proposals = new_call(p["admin"], CallStatus.OPEN_FOR_PROPOSALS)
    open_ideas = new_call(p["admin"], CallStatus.OPEN_FOR_IDEAS)
    upcoming = new_call(p["admin"], CallStatus.UPCOMING)
    listed = [c for c in calls.list_calls() if c in (closed, proposals, open_ideas, upcoming)]
    assert listed == [open_ideas, proposals, upcoming, closed]
    assert [c for c in calls.open_calls(limit=50) if c in listed] == [open_ideas, proposals]


def test_only_those_who_may_open_it_change_a_call(p):
    call = new_call(p["reviewer"])
    with pytest.raises(NotPermitted):
        calls.update_call(call, p["far_reviewer"], call_data(title="Another"))
    calls.update_call(call, p["reviewer"], call_data(title="Safer paths"))
    assert call.title == "Safer paths"


# Ideas ----------------------------------------------------------------------------------------------


def test_an_idea_is_sanitized_and_posted_freely_or_under_an_open_call(p):
    call = new_call(p["admin"])
    posted = ideas.post_idea(p["community"], idea_data(body="Walk **together** <script>alert(1)</script>",
                                                        call_id=call.id))
    assert posted.advice == "" and not posted.idea.held
    assert "<strong>together</strong>" in posted.idea.body_html and "<script" not in posted.idea.body_html
    assert posted.idea.call_id == call.id and posted.idea.status == IdeaStatus.OPEN
    assert new_idea(p["community"]).call_id is None


@pytest.mark.parametrize("status", [CallStatus.UPCOMING, CallStatus.OPEN_FOR_PROPOSALS, CallStatus.CLOSED])
def test_an_idea_under_a_call_that_takes_no_ideas_is_refused(p, status):
    call = new_call(p["admin"], status)
    with pytest.raises(ideas.IdeaInvalid) as refused:
        new_idea(p["community"], call_id=call.id)
    assert "does not take ideas" in refused.value.errors["call"]


def test_an_idea_that_may_identify_a_child_is_held_and_hidden_from_others(p):
    posted = ideas.post_idea(p["community"], idea_data(body="Aminata, 12 years old, walks alone every day."))
    assert posted.idea.held and posted.advice
    assert ideas.viewable_idea(posted.idea.id, p["community"]) is posted.idea
    assert ideas.viewable_idea(posted.idea.id, p["reviewer"]) is posted.idea
    assert ideas.viewable_idea(posted.idea.id, p["owner"]) is None
    assert ideas.viewable_idea(posted.idea.id, None) is None
    ideas.edit_idea(posted.idea, p["community"], idea_data(body="A girl walks alone every day."))
    assert not posted.idea.held and ideas.viewable_idea(posted.idea.id, None) is posted.idea


def test_bad_ideas_are_refused_field_by_field(p):
    with pytest.raises(ideas.IdeaInvalid) as refused:
        ideas.post_idea(p["community"], idea_data(title="", body=" ", country="FR", themes=["x"]))
    assert set(refused.value.errors) == {"title", "body", "country", "themes"}


def test_one_support_per_person_and_not_by_the_author(p):
    idea = new_idea(p["community"])
    assert ideas.support(idea, p["owner"]) is True
    assert ideas.support(idea, p["owner"]) is False
    assert ideas.support_count(idea) == 1 and ideas.supports(idea, p["owner"])
    with pytest.raises(NotPermitted):
        ideas.support(idea, p["community"])
    assert ideas.unsupport(idea, p["owner"]) is True and ideas.support_count(idea) == 0


def test_offers_of_help_one_per_person_without_contact_details(p):
    idea = new_idea(p["community"])
    ideas.offer_help(idea, p["owner"], "I can draw the routes.")
    ideas.offer_help(idea, p["owner"], "I can draw the routes and print maps.")
    assert [o.note for o in ideas.help_offers(idea)] == ["I can draw the routes and print maps."]
    with pytest.raises(ideas.IdeaInvalid):
        ideas.offer_help(idea, p["member"], "Call me on +221 77 123 45 67")
    with pytest.raises(ideas.IdeaInvalid):
        ideas.offer_help(idea, p["member"], "   ")


def test_reviewers_merge_with_a_note_and_authors_archive(p):
    idea, other = new_idea(p["community"]), new_idea(p["owner"], title="Walking buses")
    with pytest.raises(NotPermitted):
        ideas.merge_idea(idea, p["community"], other, "Same idea.")
    with pytest.raises(ideas.IdeaInvalid) as refused:
        ideas.merge_idea(idea, p["reviewer"], other, "")
    assert "note" in refused.value.errors
    with pytest.raises(ideas.IdeaInvalid):
        ideas.merge_idea(idea, p["reviewer"], idea, "Itself.")
    ideas.merge_idea(idea, p["reviewer"], other, "The same walking buses.")
    assert idea.status == IdeaStatus.MERGED and idea.merged_into_id == other.id
    with pytest.raises(ideas.IdeaClosed):
        ideas.archive_idea(idea, p["community"], "Too late.")
    with pytest.raises(NotPermitted):
        ideas.archive_idea(other, p["community"], "Not mine.")
    ideas.archive_idea(other, p["owner"], "We found a better way.")
    assert other.status == IdeaStatus.ARCHIVED and other.status_note == "We found a better way."


# Adoption -------------------------------------------------------------------------------------------


def test_a_partner_adopts_an_idea_into_a_linked_draft_and_people_are_told(p, world):
    idea = new_idea(p["community"], call_id=new_call(p["admin"]).id)
    ideas.support(idea, p["reviewer"])
    org = db.session.get(Organisation, world.org.id)
    project = adoption.adopt_idea(idea, p["owner"], org)
    assert project.stage == Stage.DRAFT and project.organisation_id == org.id
    assert project.title == idea.title and project.description == idea.body
    assert project.country_code == "SN" and project.theme_keys == ["child_protection"]
    assert idea.status == IdeaStatus.ADOPTED
    origin = adoption.origin_of(project)
    assert origin.idea is idea and origin.call_id == idea.call_id and origin.author_name == world.community.name
    assert adoption.projects_of_idea(idea) == [project]
    told = db.session.scalars(select(Notification).where(Notification.kind == "idea_adopted")).all()
    assert {n.user_id for n in told} == {world.community.id, world.reviewer.id}
    assert all(n.data["idea_id"] == idea.id for n in told)
    with pytest.raises(adoption.AlreadyAdopted):
        adoption.adopt_idea(idea, p["member"], org)
    other = adoption.adopt_idea(idea, p["outsider_partner"], db.session.get(Organisation, world.other_org.id))
    assert adoption.projects_of_idea(idea) == [project, other]


def test_adoption_is_refused_to_outsiders_unverified_organisations_and_closed_ideas(p, world, make_user, make_org):
    idea = new_idea(p["community"])
    org = db.session.get(Organisation, world.org.id)
    with pytest.raises(NotPermitted):
        adoption.adopt_idea(idea, p["outsider_partner"], org)
    with pytest.raises(NotPermitted):
        adoption.adopt_idea(idea, p["community"], org)
    owner = make_user()
    unverified = make_org(verified=False, members=[(owner, "owner")])
    with pytest.raises(NotPermitted, match="verified"):
        adoption.adopt_idea(idea, load(owner.id), db.session.get(Organisation, unverified.id))
    ideas.archive_idea(idea, p["community"], "Done elsewhere.")
    with pytest.raises(ideas.IdeaClosed):
        adoption.adopt_idea(idea, p["owner"], org)
    assert db.session.scalar(select(ProjectOrigin).where(ProjectOrigin.idea_id == idea.id)) is None


# The call's deadline --------------------------------------------------------------------------------


def adopted_under(p, world, status):
    call = new_call(p["admin"])
    idea = new_idea(p["community"], call_id=call.id)
    project = adoption.adopt_idea(idea, p["owner"], db.session.get(Organisation, world.org.id))
    fill(project, Phase.DESIGN, p["owner"])
    move_call(call, status)
    db.session.flush()
    return call, project


@pytest.mark.parametrize("status", [CallStatus.OPEN_FOR_IDEAS, CallStatus.CLOSED])
def test_an_initiative_answering_a_call_is_submitted_only_while_it_takes_proposals(p, world, status):
    _call, project = adopted_under(p, world, status)
    with pytest.raises(workflow.GateBlocked) as refused:
        workflow.transition(project, Stage.SUBMITTED, p["owner"])
    assert [rule.key for rule in refused.value.rules] == [CALL_NOT_OPEN_FOR_PROPOSALS]
    assert project.stage == Stage.DRAFT


def test_within_the_proposal_period_submission_passes_and_the_audit_is_clean(p, world):
    call, project = adopted_under(p, world, CallStatus.OPEN_FOR_PROPOSALS)
    workflow.transition(project, Stage.SUBMITTED, p["owner"])
    assert project.stage == Stage.SUBMITTED
    assert project_violations(project) == []
    move_call(call, CallStatus.OPEN_FOR_IDEAS)  # a submission dated outside the period is found
    db.session.flush()
    assert any("took no proposals" in line for line in project_violations(project))


# Demo data ------------------------------------------------------------------------------------------


def test_the_demo_ideas_cover_every_status_and_seed_again_without_duplicates(app, ctx, world):
    seed_demo()
    seed_demo()
    demo_calls = db.session.scalars(select(Call).where(Call.title.in_([c[0] for c in demo_ideas.CALLS]))).all()
    assert len(demo_calls) == len(demo_ideas.CALLS)
    assert {c.status for c in demo_calls} == set(CallStatus)
    demo = db.session.scalars(select(Idea).where(Idea.title.in_([i[0] for i in demo_ideas.IDEAS]))).all()
    assert len(demo) == len(demo_ideas.IDEAS)
    assert {i.language for i in demo} == {"en", "fr", "es"}
    assert {i.status for i in demo} == {IdeaStatus.OPEN, IdeaStatus.MERGED, IdeaStatus.ARCHIVED}
