"""Demo initiatives: about forty projects in every stage, brought there through the real domain.

The `seed_projects` step of app.demo.projects creates each initiative of demo_projects_data with
create_project() and plays its story as the organisation's partner and the region's reviewer would:
saving assessments, reviewing them and moving the stage with transition(). So every project meets
the gates of the stage it stands in, and its timeline records each move.

An initiative is known by its organisation and title: one that exists already is left as it is, so
running the step again adds nothing. Flushes only; the caller commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.core.columns import clock_at, utcnow
from app.core.extensions import db
from app.demo import voice
from app.demo.dates import story_moments
from app.demo.projects_data import INITIATIVES, DemoInitiative
from app.demo.projects_words import ANSWERS, JUSTIFICATIONS, NOTES, RESULTS_FIGURES, REVIEWS, REVISIONS
from app.demo.world import DemoWorld
from app.gate import assessments, settings, workflow
from app.gate.models import GECode, Phase, Verdict
from app.gate.questions import QUESTIONS
from app.organisations.models import MembershipRole, Organisation
from app.projects.models import Project, Stage
from app.projects.projects import CHILDREN_KEYS, ProjectData, create_project
from app.reference.names import region_of
from app.results import indicators
from app.results.values import BAND_KEYS

CURRENCIES = {
    "BF": "XOF", "CI": "XOF", "SN": "XOF", "TG": "XOF", "MG": "MGA", "MA": "MAD", "TN": "TND",
    "CO": "COP", "CR": "CRC", "HN": "HNL", "PE": "PEN",
}
LANGUAGES = {"sub_saharan_africa": "fr", "north_africa": "fr", "latin_america": "es"}
BUDGET_SHARE = {"GE-0": 5, "GE-1": 15, "GE-2": 30, "GE-3": 55}  # % of the budget for gender equality
REACHED = (0.88, 0.93, 0.97, 1.02)  # share of the targets reached, varied from one initiative to the next
INDICATOR_WORDS = {
    "fr": {"name": "Enfants atteints par les activités", "unit": "enfants", "source": "Registres de présence"},
    "es": {"name": "Niñas y niños alcanzados por las actividades", "unit": "niñas y niños",
           "source": "Listas de asistencia"},
    "en": {"name": "Children reached by the activities", "unit": "children", "source": "Attendance registers"},
}
STARTED = ("gender_analysis", "targeting", "disaggregated_data", "tailored_activities")  # a design begun

# Stories: the steps that bring an initiative to its stage (each step is a function of STEPS below).
_SUBMITTED = ("design", "submit")
_INCUBATING = (*_SUBMITTED, "approve_design")
_LAUNCH_REVIEW = (*_INCUBATING, "implementation", "launch")
_ACTIVE = (*_LAUNCH_REVIEW, "approve_launch", "indicators")
# Children are consulted once the initiative is under way, and told what came of it before it closes.
_COMPLETION_REVIEW = (*_ACTIVE, "consult", "results", "answer_back", "close")
STORIES: dict[str, tuple[str, ...]] = {
    "draft": (),
    "draft_started": ("design_started",),
    "draft_ready": ("design",),
    "draft_reopened": (*_SUBMITTED, "reject", "reopen"),
    "submitted": _SUBMITTED,
    "changes_requested": (*_SUBMITTED, "ask_changes"),
    "rejected": (*_SUBMITTED, "reject"),
    "incubating": _INCUBATING,
    "incubating_resubmitted": (*_SUBMITTED, "ask_changes", "revise_design", "submit", "approve_design"),
    "incubating_planning": (*_INCUBATING, "consult", "implementation_started"),
    "launch_review": _LAUNCH_REVIEW,
    "active": (*_ACTIVE, "consult", "answer_back"),
    "active_sent_back": (*_LAUNCH_REVIEW, "send_back", "revise_implementation", "launch", "approve_launch",
                         "indicators"),
    "active_reporting": (*_ACTIVE, "consult", "results_started"),
    "completion_review": _COMPLETION_REVIEW,
    "completed": (*_COMPLETION_REVIEW, "approve_completion"),
    "withdrawn_draft": ("withdraw",),
    "withdrawn_incubating": (*_INCUBATING, "withdraw"),
}
# The steps that change the stage, each recording one event.
TRANSITION_STEPS = frozenset(
    {"submit", "approve_design", "ask_changes", "reject", "reopen", "launch", "approve_launch", "send_back",
     "close", "approve_completion", "withdraw"}
)


@dataclass
class Play:
    """One initiative being brought to its stage, with the people who act on it."""

    initiative: DemoInitiative
    project: Project
    partner: User
    reviewer: User
    admin: User
    language: str
    variant: int  # picks among the paragraphs of the bank

    def answer(self, key: str) -> str:
        """A paragraph of the bank; each question shifts the pick, so one initiative mixes the variants."""
        bank = ANSWERS[self.language]
        options = bank[key]
        return options[(self.variant + list(bank).index(key)) % len(options)].format(place=self.initiative.place)

    def answers(self, keys) -> dict:
        return {key: self.answer(key) for key in keys if key in ANSWERS[self.language]}

    def save(self, phase: Phase, answers: dict, complete: bool = True) -> None:
        code = self.initiative.ge if complete else None
        justification = JUSTIFICATIONS[self.language][code] if complete else None
        assessments.save_assessment(self.project, phase, self.partner, answers, code, justification)

    def review(self, phase: Phase, verdict: Verdict, minimum_for: Stage | None = None) -> None:
        code = GECode(self.initiative.review_ge or self.initiative.ge)
        if minimum_for is not None:
            code = max(code, settings.min_ge_code(minimum_for.value), key=lambda c: c.level)
        comment = REVIEWS[self.language][(phase.value, verdict.value)]
        assessments.review_assessment(self.project, phase, self.reviewer, verdict.value, code.value, comment)

    def move(self, stage: Stage, actor: User, note: str = "") -> None:
        workflow.transition(self.project, stage, actor, note=note)

    def note(self, kind: str) -> str:
        return self.initiative.note or NOTES[self.language][kind]


def _design(play: Play) -> None:
    play.save(Phase.DESIGN, play.answers(q.key for q in QUESTIONS[Phase.DESIGN]))


def _design_started(play: Play) -> None:
    play.save(Phase.DESIGN, play.answers(STARTED), complete=False)


def _revise_design(play: Play) -> None:
    revised = play.answer("feedback_complaints") + REVISIONS[play.language]["feedback_complaints"]
    play.save(Phase.DESIGN, {"feedback_complaints": revised})


def _submit(play: Play) -> None:
    play.move(Stage.SUBMITTED, play.partner)


def _approve_design(play: Play) -> None:
    play.review(Phase.DESIGN, Verdict.SATISFACTORY, minimum_for=Stage.INCUBATING)
    play.move(Stage.INCUBATING, play.reviewer)


def _ask_changes(play: Play) -> None:
    play.review(Phase.DESIGN, Verdict.NEEDS_WORK)
    play.move(Stage.CHANGES_REQUESTED, play.reviewer, play.note("changes_requested"))


def _reject(play: Play) -> None:
    play.review(Phase.DESIGN, Verdict.NEEDS_WORK)
    play.move(Stage.REJECTED, play.reviewer, play.note("rejected"))


def _reopen(play: Play) -> None:
    play.move(Stage.DRAFT, play.admin, NOTES[play.language]["reopen"])


def _implementation(play: Play) -> None:
    """The extra answers only: the first implementation version starts from the validated design."""
    share = BUDGET_SHARE[play.initiative.ge] + 5 * (play.variant % 3)
    play.save(Phase.IMPLEMENTATION, {**play.answers(("indicators", "safeguarding_plan")), "gender_budget_share": share})


def _implementation_started(play: Play) -> None:
    play.save(Phase.IMPLEMENTATION, play.answers(("indicators",)), complete=False)


def _revise_implementation(play: Play) -> None:
    revised = play.answer("safeguarding_plan") + REVISIONS[play.language]["safeguarding_plan"]
    play.save(Phase.IMPLEMENTATION, {"safeguarding_plan": revised})


def _launch(play: Play) -> None:
    play.move(Stage.LAUNCH_REVIEW, play.partner)


def _approve_launch(play: Play) -> None:
    play.review(Phase.IMPLEMENTATION, Verdict.SATISFACTORY, minimum_for=Stage.ACTIVE)
    play.move(Stage.ACTIVE, play.reviewer)


def _send_back(play: Play) -> None:
    play.review(Phase.IMPLEMENTATION, Verdict.NEEDS_WORK)
    play.move(Stage.INCUBATING, play.reviewer, NOTES[play.language]["send_back"])


def _indicators(play: Play) -> None:
    """The children-reached indicator, by sex and age band, with a first measurement half-way."""
    words = INDICATOR_WORDS[play.language]
    indicators.add_indicator(play.project, play.partner, name=words["name"], unit=words["unit"], baseline=0,
                             target=sum(play.initiative.children), by_sex=True, by_age=True, counts_children=True)
    start = play.project.start_date
    if start is not None and utcnow().date() < start:  # launched ahead of its start: measured once begun
        later = datetime.combine(start + timedelta(days=14), datetime.min.time(), UTC)
        with clock_at(min(later, datetime.now(UTC) - timedelta(hours=1))):
            _measure(play, 0.5)
    else:
        _measure(play, 0.5)


def _measure(play: Play, share: float) -> None:
    """A measurement of the children-reached indicator: `share` of each target band reached."""
    indicator = indicators.indicators_of(play.project)[0]
    bands = dict(zip(BAND_KEYS, (round(n * share) for n in play.initiative.children), strict=True))
    girls = sum(v for k, v in bands.items() if k.startswith("girls"))
    boys = sum(v for k, v in bands.items() if k.startswith("boys"))
    today = utcnow().date()
    measured_on = max(play.project.start_date or today, today - timedelta(days=7))
    indicators.add_measurement(indicator, play.partner, measured_on=min(measured_on, today),
                               values={"total": girls + boys, "girls": girls, "boys": boys, **bands},
                               source=INDICATOR_WORDS[play.language]["source"])


def _results(play: Play) -> None:
    if indicators.indicators_of(play.project):
        _measure(play, REACHED[play.variant % len(REACHED)])
    answers = play.answers(("benefits", "satisfaction", "problems"))
    play.save(Phase.RESULTS, {**answers, "disaggregated_results": _figures(play)})


def _results_started(play: Play) -> None:
    play.save(Phase.RESULTS, play.answers(("benefits",)), complete=False)


def _close(play: Play) -> None:
    play.move(Stage.COMPLETION_REVIEW, play.partner)


def _approve_completion(play: Play) -> None:
    play.review(Phase.RESULTS, Verdict.SATISFACTORY)
    play.move(Stage.COMPLETED, play.reviewer)


def _withdraw(play: Play) -> None:
    play.move(Stage.WITHDRAWN, play.partner, play.note("withdrawn"))


def _figures(play: Play) -> str:
    """The answer on results by sex and age: the targets, and what was reached."""
    targets = play.initiative.children
    share = REACHED[play.variant % len(REACHED)]
    g0, g1, g2, b0, b1, b2 = (round(n * share) for n in targets)
    return RESULTS_FIGURES[play.language].format(
        girls=g0 + g1 + g2, boys=b0 + b1 + b2, girls_target=sum(targets[:3]), boys_target=sum(targets[3:]),
        g0=g0, g1=g1, g2=g2, b0=b0, b1=b1, b2=b2, adults=max(12, sum(targets) // 5),
    )


STEPS: dict[str, Callable[[Play], None]] = {
    "design": _design,
    "design_started": _design_started,
    "revise_design": _revise_design,
    "submit": _submit,
    "approve_design": _approve_design,
    "ask_changes": _ask_changes,
    "reject": _reject,
    "reopen": _reopen,
    "implementation": _implementation,
    "implementation_started": _implementation_started,
    "revise_implementation": _revise_implementation,
    "launch": _launch,
    "approve_launch": _approve_launch,
    "send_back": _send_back,
    "indicators": _indicators,
    "results": _results,
    "results_started": _results_started,
    "close": _close,
    "approve_completion": _approve_completion,
    "withdraw": _withdraw,
    "consult": voice.consult,
    "answer_back": voice.answer_back,
}


def seed_projects(world: DemoWorld) -> None:
    """The demo initiatives, each brought to its stage through the domain; existing ones are kept as they are."""
    slugs = {initiative.org for initiative in INITIATIVES}
    organisations = {slug: world.organisations[slug] for slug in slugs}
    found = db.session.scalars(
        select(Project).where(Project.organisation_id.in_([org.id for org in organisations.values()]))
    )
    existing = {(project.organisation_id, project.title): project for project in found}
    people = list(world.users.values())
    admin = next(user for user in people if user.is_admin)
    for variant, initiative in enumerate(INITIATIVES):
        org = organisations[initiative.org]
        project = existing.get((org.id, initiative.title))
        if project is None:
            project = _bring_to_stage(initiative, org, people, admin, variant, world.now)
        world.projects[(initiative.org, initiative.title)] = project
    db.session.flush()


def stage_counts(world: DemoWorld) -> dict[Stage, int]:
    """How many demo initiatives stand in each stage, in the order of the stages."""
    counts = Counter(project.stage for project in world.projects.values())
    return {stage: counts[stage] for stage in Stage}


def _bring_to_stage(initiative: DemoInitiative, org: Organisation, people: list[User], admin: User, variant: int,
                    now: datetime):
    """Create the initiative and play its story, each step at its own moment before `now` (app.demo.dates)."""
    region = region_of(org.country_code)
    language = initiative.language or LANGUAGES[region]
    partner = _partner(org, people)
    story = STORIES[initiative.story]
    created, *moments = story_moments(variant, len(story), now)
    with clock_at(created):
        project = create_project(org, partner, _project_data(initiative, org, language))
        db.session.flush()
    play = Play(initiative, project, partner, _reviewer(project, people), admin, language, variant)
    for step, moment in zip(story, moments, strict=True):
        with clock_at(moment):
            STEPS[step](play)
            db.session.flush()
    return project


def _project_data(initiative: DemoInitiative, org: Organisation, language: str) -> ProjectData:
    start, end = (date.fromisoformat(day) for day in initiative.dates)
    return ProjectData(
        title=initiative.title,
        summary=initiative.summary,
        description=initiative.description,
        country=org.country_code,
        themes=list(initiative.themes),
        language=language,
        target_groups=list(initiative.groups),
        girls_focused=initiative.girls_focused,
        children=dict(zip(CHILDREN_KEYS, initiative.children, strict=True)),
        start_date=start,
        end_date=end,
        budget_amount=Decimal(initiative.budget),
        budget_currency=CURRENCIES[org.country_code],
    )


def _partner(org: Organisation, people: list[User]) -> User:
    """The organisation's demo partner, an owner rather than a member."""
    partners = [user for user in people if permissions.is_partner_of(user, org)]
    if not partners:
        raise LookupError(f"No demo account is a partner of the organisation '{org.slug}'.")

    def is_owner(user: User) -> bool:
        return any(m.organisation_id == org.id and m.role == MembershipRole.OWNER for m in user.memberships)

    return next((user for user in partners if is_owner(user)), partners[0])


def _reviewer(project: Project, people: list[User]) -> User:
    """The demo reviewer of the project's region (the one who covers that region alone, if there is one)."""
    region = region_of(project.country_code)
    reviewers = [user for user in people if user.is_reviewer and permissions.can_review_project(user, project)]
    if not reviewers:
        raise LookupError(f"No demo reviewer may review initiatives in the region '{region}'.")
    return next((user for user in reviewers if set(user.region_keys) == {region}), reviewers[0])
