"""A conflict of interest outlives the membership: whoever created, submitted or edited a project, or
belonged to its organisation when it was submitted, never decides on it (validation, review moves,
reopening), on every path (domain, web, API), admins included; `flask check-gates` reports any such
decision recorded all the same."""

import io

import pytest
from PIL import Image
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.gate import assessments, reviewing, workflow
from app.gate.integrity import gate_violations
from app.gate.models import Phase
from app.organisations import memberships
from app.organisations.models import FormerMembership, Membership, Organisation
from app.permissions import projects as project_rules
from app.projects import covers, projects, uploads
from app.projects.models import Project, Stage
from tests.support.api import bearer
from tests.support.pdfs import make_pdf
from tests.support.projects import advance, fill, load, new_project, project_data, review, world_records

NOTE = "Outside the programme's scope this year."


@pytest.fixture
def people(make_user, make_org):
    world = world_records(make_user, make_org)
    # Fatou is a reviewer of the region who was also a partner of the organisation, and then left it.
    world.fatou = make_user(name="Fatou Former", role="reviewer", regions=("sub_saharan_africa",))
    world.alex = make_user(name="Alex Admin", role="admin")
    return world


def join(org_id: int, user_id: int) -> None:
    memberships.add_member(db.session.get(Organisation, org_id), load(user_id))


def leave(org_id: int, user_id: int, owner_id: int) -> None:
    membership = db.session.scalar(
        select(Membership).where(Membership.organisation_id == org_id, Membership.user_id == user_id)
    )
    memberships.decide_membership(membership, "remove", load(owner_id))
    db.session.expire_all()  # as the next request would see it


def may_decide(user_id: int, project: Project) -> bool:
    return permissions.can_review_project(load(user_id), project)


def refused_everywhere(people, project: Project, user_id: int) -> None:
    """The domain refuses the person's validation and decision, and the queue hides the project."""
    person = load(user_id)
    assert permissions.has_conflict_of_interest(person, project)
    assert not permissions.can_review_project(person, project)
    with pytest.raises(NotPermitted):
        review(project, Phase.DESIGN, person)
    review(project, Phase.DESIGN, load(people.reviewer.id))
    with pytest.raises(NotPermitted):
        workflow.transition(project, Stage.INCUBATING, person)
    with pytest.raises(NotPermitted):
        workflow.transition(project, Stage.REJECTED, person, note=NOTE)
    assert project not in reviewing.review_queue(person)
    assert project.stage == Stage.SUBMITTED


def test_a_reviewer_who_wrote_and_submitted_a_project_then_left_cannot_decide_on_it(app, people):
    with app.app_context():
        join(people.org.id, people.fatou.id)
        fatou = load(people.fatou.id)
        project = projects.create_project(db.session.get(Organisation, people.org.id), fatou, project_data())
        fill(project, Phase.DESIGN, fatou)
        workflow.transition(project, Stage.SUBMITTED, fatou)
        leave(people.org.id, people.fatou.id, people.owner.id)
        assert not permissions.is_member_of(fatou, project.organisation)
        refused_everywhere(people, project, people.fatou.id)


@pytest.mark.parametrize("tie", ["created", "edited", "filled", "uploaded", "cover", "submitted",
                                 "member_at_submission"])
def test_each_tie_with_the_project_is_a_conflict_after_leaving(app, people, tie, tmp_path, monkeypatch):
    """Each tie alone: created it (left before submission), edited its fields, filled its assessment,
    added one of its files, chose its cover, submitted it, or merely belonged to the organisation when
    it was submitted."""
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path))
    with app.app_context():
        join(people.org.id, people.fatou.id)
        owner, fatou = load(people.owner.id), load(people.fatou.id)
        author = fatou if tie == "created" else owner
        project = projects.create_project(db.session.get(Organisation, people.org.id), author, project_data())
        if tie == "edited":
            projects.update_project(project, fatou, project_data(title="A better title"), None)
        if tie == "uploaded":
            uploads.store_attachment(project, fatou, io.BytesIO(make_pdf()), "plan.pdf", consent=False)
        if tie == "cover":
            picture = uploads.store_attachment(project, owner, io.BytesIO(png()), "council.png", consent=True)
            covers.set_cover(project, fatou, "The children's council at the town hall", attachment=picture)
        fill(project, Phase.DESIGN, fatou if tie == "filled" else owner)
        if tie != "member_at_submission":
            leave_first = tie != "submitted"
            if leave_first:
                leave(people.org.id, people.fatou.id, people.owner.id)
            workflow.transition(project, Stage.SUBMITTED, fatou if tie == "submitted" else owner)
            if not leave_first:
                leave(people.org.id, people.fatou.id, people.owner.id)
        else:
            workflow.transition(project, Stage.SUBMITTED, owner)
            leave(people.org.id, people.fatou.id, people.owner.id)
        refused_everywhere(people, project, people.fatou.id)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def test_someone_who_left_before_the_project_and_never_touched_it_may_review(app, people):
    with app.app_context():
        join(people.org.id, people.fatou.id)
        leave(people.org.id, people.fatou.id, people.owner.id)
        assert db.session.scalar(select(FormerMembership).where(FormerMembership.user_id == people.fatou.id))
        project = advance(new_project(people.org.id, people.owner.id), Stage.SUBMITTED,
                          load(people.owner.id), load(people.reviewer.id))
        fatou = load(people.fatou.id)
        assert not permissions.has_conflict_of_interest(fatou, project)
        assert project in reviewing.review_queue(fatou)
        review(project, Phase.DESIGN, fatou)
        workflow.transition(project, Stage.INCUBATING, fatou)
        assert not gate_violations()


def test_the_reviewers_told_about_a_submission_leave_out_a_former_member(app, people):
    with app.app_context():
        join(people.org.id, people.fatou.id)
        project = new_project(people.org.id, people.fatou.id)
        leave(people.org.id, people.fatou.id, people.owner.id)
        told = set(db.session.scalars(
            select(User.id).where(permissions.reviewers_who_may_review(project))
        ))
        assert people.reviewer.id in told and people.fatou.id not in told


def test_admins_with_a_tie_cannot_validate_decide_or_reopen(app, people):
    with app.app_context():
        join(people.org.id, people.alex.id)
        alex = load(people.alex.id)
        project = projects.create_project(db.session.get(Organisation, people.org.id), alex, project_data())
        fill(project, Phase.DESIGN, alex)
        workflow.transition(project, Stage.SUBMITTED, load(people.owner.id))
        leave(people.org.id, people.alex.id, people.owner.id)
        refused_everywhere(people, project, people.alex.id)
        workflow.transition(project, Stage.REJECTED, load(people.reviewer.id), note=NOTE)
        assert workflow.ADMIN not in {m.actor for m in workflow.moves_for(project, alex)}
        with pytest.raises(NotPermitted):
            workflow.transition(project, Stage.DRAFT, alex, note="Reopened for a second try.")
        workflow.transition(project, Stage.DRAFT, load(people.admin.id), note="Reopened for a second try.")


def test_the_web_and_the_api_refuse_a_former_member_who_wrote_the_project(app, people, client, login_as):
    with app.app_context():
        join(people.org.id, people.fatou.id)
        fatou = load(people.fatou.id)
        project = projects.create_project(db.session.get(Organisation, people.org.id), fatou, project_data())
        fill(project, Phase.DESIGN, fatou)
        workflow.transition(project, Stage.SUBMITTED, fatou)
        leave(people.org.id, people.fatou.id, people.owner.id)
        project_id, version = project.id, project.version
        db.session.commit()
    headers = bearer(app, people.fatou)
    answer = client.post(
        f"/api/v1/projects/{project_id}/assessments/design/review", headers=headers,
        json={"verdict": "satisfactory", "ge_code": "GE-2", "comment": "Fine."},
    )
    assert answer.status_code == 403
    answer = client.post(
        f"/api/v1/projects/{project_id}/transitions", headers=headers,
        json={"to": "rejected", "note": NOTE, "version": version},
    )
    assert answer.status_code == 403
    login_as(people.fatou)
    assert client.get(f"/review/projects/{project_id}").status_code == 404
    with app.app_context():
        assert db.session.get(Project, project_id).stage == Stage.SUBMITTED
        design = assessments.latest(db.session.get(Project, project_id), Phase.DESIGN)
        assert design.review is None


def test_check_gates_reports_a_decision_made_despite_a_conflict(app, people, monkeypatch):
    with app.app_context():
        join(people.org.id, people.fatou.id)
        fatou = load(people.fatou.id)
        project = projects.create_project(db.session.get(Organisation, people.org.id), fatou, project_data())
        fill(project, Phase.DESIGN, fatou)
        workflow.transition(project, Stage.SUBMITTED, fatou)
        leave(people.org.id, people.fatou.id, people.owner.id)
        assert not gate_violations()
        monkeypatch.setattr(project_rules, "has_conflict_of_interest", lambda user, project: False)
        review(project, Phase.DESIGN, fatou)
        workflow.transition(project, Stage.INCUBATING, fatou)
        monkeypatch.undo()
        lines = [line for line in gate_violations() if line.startswith(f"project {project.id} ")]
        assert len(lines) == 2
        assert "(submitted to incubating) was decided by user" in lines[0] and "conflict of interest" in lines[0]
        assert "review" in lines[1] and "design assessment" in lines[1]
