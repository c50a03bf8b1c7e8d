"""`flask seed-demo` also makes about forty demo initiatives in every stage, through the real gates."""

import re

import pytest
from markupsafe import escape
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.community.models import Notification
from app.core.extensions import db
from app.demo import accounts as demo
from app.demo.projects import CURRENCIES, STORIES, TRANSITION_STEPS
from app.demo.projects_data import INITIATIVES
from app.gate import assessments, settings, workflow
from app.gate.models import Assessment, AssessmentReview, Phase, Verdict
from app.gate.questions import PERCENT, QUESTIONS
from app.organisations.models import Membership, Organisation
from app.projects.models import Project, ProjectEvent, Stage
from app.projects.projects import SUMMARY_MAX
from app.reference.names import COUNTRIES, region_of
from tests.conftest import delete_all_rows

MAIN_STAGES = (Stage.DRAFT, Stage.SUBMITTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE)
PAST_INCUBATION = {Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE, Stage.COMPLETION_REVIEW, Stage.COMPLETED}
PAST_LAUNCH = {Stage.ACTIVE, Stage.COMPLETION_REVIEW, Stage.COMPLETED}


@pytest.fixture(scope="module")
def seeded(app):
    """The demo data, seeded once for this module and really committed (each test still runs in a
    transaction that is rolled back); the tables are emptied when the module is done."""
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    yield result
    with app.app_context():
        delete_all_rows()


def all_projects() -> list[Project]:
    return list(
        db.session.scalars(select(Project).options(selectinload(Project.events)).order_by(Project.id))
    )


def row_counts() -> dict[str, int]:
    models = (Project, ProjectEvent, Assessment, AssessmentReview, Notification, User, Organisation, Membership)
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in models}


def test_about_forty_initiatives_stand_in_every_stage(app, seeded):
    with app.app_context():
        projects = all_projects()
        stages = [p.stage for p in projects]
    assert len(projects) >= 40
    assert set(stages) == set(Stage)
    for stage in MAIN_STAGES:
        assert stages.count(stage) >= 3, stage
    line = next(line for line in seeded.output.splitlines() if line.startswith("Demo initiatives:"))
    assert f"Demo initiatives: {len(projects)} (" in line
    for stage in Stage:
        assert re.search(rf"\b{stage.value} {stages.count(stage)}\b", line), (stage, line)


def test_check_gates_finds_nothing_wrong(runner, seeded):
    result = runner.invoke(args=["check-gates"])
    assert result.exit_code == 0, result.output
    assert "Every project meets the gates of its stage." in result.output


def test_every_project_has_its_creation_event_and_one_event_per_stage_change(app, seeded):
    stories = {(i.org, i.title): STORIES[i.story] for i in INITIATIVES}
    with app.app_context():
        for project in all_projects():
            events = project.events
            assert events[0].from_stage is None and events[0].to_stage == Stage.DRAFT
            for before, after in zip(events, events[1:], strict=False):
                assert after.from_stage == before.to_stage
            assert events[-1].to_stage == project.stage
            story = stories[(project.organisation.slug, project.title)]
            assert len(events) == 1 + sum(step in TRANSITION_STEPS for step in story), project.title


def test_content_is_real_in_three_languages_and_local_currencies(app, seeded):
    with app.app_context():
        projects = all_projects()
        texts = [text for p in projects for text in (p.title, p.summary, p.description)]
        texts += [str(value) for a in db.session.scalars(select(Assessment)) for value in a.answers.values()]
        assert not [text for text in texts if "lorem" in text.lower() or "ipsum" in text.lower()]
        assert {p.language for p in projects} == {"en", "fr", "es"}
        assert sum(p.language == "en" for p in projects) >= 3
        assert {p.country_code for p in projects} == set(COUNTRIES)
        assert len({p.title for p in projects}) == len(projects)
        assert len({p.summary for p in projects}) == len(projects)
        assert len({p.description for p in projects}) == len(projects)
        for p in projects:
            assert 0 < len(p.summary) <= SUMMARY_MAX
            assert p.description_html.startswith("<")
            assert p.country_code == p.organisation.country_code
            assert p.budget_currency == CURRENCIES[p.country_code] and p.budget_amount > 0
            assert p.children_total > 0 and p.target_groups and p.themes
            assert p.start_date < p.end_date
            if p.language == "fr":
                assert region_of(p.country_code) in ("sub_saharan_africa", "north_africa")
            if p.language == "es":
                assert region_of(p.country_code) == "latin_america"
        assert any(p.girls_focused for p in projects) and not all(p.girls_focused for p in projects)


def test_assessments_and_reviews_really_meet_the_gates(app, seeded):
    with app.app_context():
        minimum = settings.min_answer_length()
        for project in all_projects():
            versions = assessments.all_versions(project)
            for version in versions:
                for question in QUESTIONS[version.phase]:
                    value = version.answers.get(question.key)
                    if value is not None and question.kind != PERCENT:
                        assert len(value.strip()) >= minimum, (project.title, question.key)
                if version.review is not None:
                    reviewer = version.review.reviewer
                    assert reviewer.is_reviewer and reviewer.region_keys == {region_of(project.country_code)}
                    assert version.review.comment
            if project.stage in PAST_INCUBATION:
                design = assessments.validated_design(project)
                assert design.review.ge_code.level >= settings.min_ge_code("incubating").level
                assert design.ge_code is not None and len(design.justification) >= 20
            if project.stage in PAST_LAUNCH:
                implementation = assessments.latest(project, Phase.IMPLEMENTATION)
                assert implementation.review.verdict == Verdict.SATISFACTORY
                assert implementation.review.ge_code.level >= settings.min_ge_code("active").level
                assert 0 <= implementation.answers["gender_budget_share"] <= 100
            if project.stage == Stage.COMPLETED:
                assert assessments.latest(project, Phase.RESULTS).review.verdict == Verdict.SATISFACTORY
            if project.stage == Stage.CHANGES_REQUESTED:
                assert assessments.latest(project, Phase.DESIGN).review.verdict == Verdict.NEEDS_WORK
            if project.stage in (Stage.CHANGES_REQUESTED, Stage.REJECTED, Stage.WITHDRAWN):
                assert len(project.events[-1].note) >= 20, project.title


def test_seeding_twice_changes_nothing(app, runner, seeded):
    with app.app_context():
        before = row_counts()
        stages = sorted((p.id, p.stage.value, p.version) for p in all_projects())
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    with app.app_context():
        assert row_counts() == before
        assert sorted((p.id, p.stage.value, p.version) for p in all_projects()) == stages
    line = "Demo initiatives:"
    assert [x for x in again.output.splitlines() if x.startswith(line)] == [
        x for x in seeded.output.splitlines() if x.startswith(line)
    ]


def test_seeding_again_keeps_a_demo_initiative_that_moved_on(app, runner, seeded):
    initiative = next(i for i in INITIATIVES if i.story == "draft_ready")
    account = next(a for a in demo.ACCOUNTS if initiative.org in {slug for slug, _role in a.memberships})
    with app.app_context():
        before = row_counts()
        project = db.session.scalar(select(Project).where(Project.title == initiative.title))
        partner = db.session.scalar(select(User).where(User.email == account.email))
        workflow.transition(project, Stage.SUBMITTED, partner)
        db.session.commit()
        project_id = project.id
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    with app.app_context():
        after = row_counts()
        assert db.session.get(Project, project_id).stage == Stage.SUBMITTED
    assert after["Project"] == before["Project"]
    assert after["ProjectEvent"] == before["ProjectEvent"] + 1


def test_demo_partners_see_their_organisations_drafts(app, client, csrf, login, seeded):
    with app.app_context():
        drafts = [(p.organisation.slug, p.title) for p in all_projects() if p.stage == Stage.DRAFT]
    partners = [account for account in demo.ACCOUNTS if account.memberships]
    seen_some = 0
    for account in partners:
        response = login(account, account.password)
        assert response.status_code == 302, account.email
        page = client.get("/projects/mine").get_data(as_text=True)
        theirs = {slug for slug, _role in account.memberships}
        for slug, title in drafts:
            assert (str(escape(title)) in page) == (slug in theirs), (account.email, title)
            seen_some += slug in theirs
        client.post("/logout", data={"csrf_token": csrf(client, "/projects/mine")})
    assert seen_some >= 6
