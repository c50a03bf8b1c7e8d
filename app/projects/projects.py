"""Projects: fetching the one a person may view, creating and editing an organisation's initiatives."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.core.columns import utcnow
from app.core.errors import ChangedMeanwhile, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.core.sanitize import render_markdown
from app.core.text import LONG_TEXT_MAX, TITLE_MAX, check_text, is_blank
from app.gate import workflow
from app.organisations.models import Organisation
from app.projects import editors
from app.projects.models import AGE_BANDS, SEXES, Project, Stage
from app.reference.models import Theme
from app.reference.names import COUNTRIES, LANGUAGES, THEMES

TARGET_GROUPS = (
    "girls",
    "boys",
    "adolescent_girls",
    "adolescent_boys",
    "children_with_disabilities",
    "out_of_school_children",
    "migrant_children",
    "parents_caregivers",
    "teachers_educators",
    "community_leaders",
)
CURRENCIES = ("XOF", "MAD", "TND", "MGA", "COP", "CRC", "HNL", "PEN", "CAD", "USD", "EUR")
SUMMARY_MAX = 300
DESCRIPTION_MAX = LONG_TEXT_MAX
CHILDREN_KEYS = tuple(f"{sex}_{band}" for sex in SEXES for band in AGE_BANDS)


class ProjectInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names to messages."""


@dataclass
class ProjectData:
    title: str
    summary: str
    description: str = ""
    country: str = ""
    themes: list[str] = field(default_factory=list)
    language: str = "en"
    target_groups: list[str] = field(default_factory=list)
    girls_focused: bool = False
    children: dict[str, int] = field(default_factory=dict)  # e.g. {"girls_0_5": 40}
    start_date: date | None = None
    end_date: date | None = None
    budget_amount: Decimal | None = None
    budget_currency: str | None = None


def viewable_project(project_id: int, user, *options) -> Project | None:
    """The project, loaded with `options`, if `user` may view it (permissions.can_view_project); None when
    there is no such project or `user` may not see it. The faces answer both with the same 404, so that a
    draft never shows that it exists."""
    project = db.session.get(Project, project_id, options=options) if is_valid_id(project_id) else None
    if project is None or not permissions.can_view_project(user, project):
        return None
    return project


def validate(data: ProjectData) -> None:
    """Refuses (ProjectInvalid) missing or out-of-range values, listing each."""
    errors = {}
    if is_blank(data.title):
        errors["title"] = _("Give the initiative a title.")
    elif len(data.title.strip()) > TITLE_MAX:
        errors["title"] = _("The title is too long (at most 200 characters).")
    if is_blank(data.summary):
        errors["summary"] = _("Write a short summary.")
    elif len(data.summary.strip()) > SUMMARY_MAX:
        errors["summary"] = _("The summary is too long (at most %(max)d characters).", max=SUMMARY_MAX)
    if len(data.description.strip()) > DESCRIPTION_MAX:
        errors["description"] = _(
            "The description is too long (at most %(max)d characters).", max=DESCRIPTION_MAX
        )
    check_text(errors, "title", data.title, TITLE_MAX)
    check_text(errors, "summary", data.summary, SUMMARY_MAX, multiline=True)
    check_text(errors, "description", data.description, DESCRIPTION_MAX, multiline=True)
    if data.country not in COUNTRIES:
        errors["country"] = _("Choose one of the programme's countries.")
    if not data.themes or any(t not in THEMES for t in data.themes):
        errors["themes"] = _("Choose at least one theme from the list.")
    if data.language not in LANGUAGES:
        errors["language"] = _("Please choose one of the languages offered.")
    if any(g not in TARGET_GROUPS for g in data.target_groups):
        errors["target_groups"] = _("Choose target groups from the list.")
    for key, value in data.children.items():
        if key not in CHILDREN_KEYS:
            errors[key] = _("There is no such group of children.")
        elif value is None or value < 0 or value > 10_000_000:
            errors[key] = _("Enter a number of children from 0 to 10,000,000.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = _("The end date must be on or after the start date.")
    if data.budget_amount is not None:
        if data.budget_amount < 0 or data.budget_amount >= Decimal("1e12"):
            errors["budget_amount"] = _("Enter a budget from 0 to 999,999,999,999.")
        if data.budget_currency not in CURRENCIES:
            errors["budget_currency"] = _("Choose the budget's currency.")
    if errors:
        raise ProjectInvalid(errors)


def _apply(project: Project, data: ProjectData) -> None:
    # Read the themes first: a query after the first change would autoflush it, moving the version twice
    # and letting a concurrent edit fail outside flush_or_conflict().
    themes = list(db.session.scalars(select(Theme).where(Theme.key.in_(data.themes))))
    project.title = data.title.strip()
    project.summary = data.summary.strip()
    project.description = data.description.strip()
    project.description_html = str(render_markdown(project.description))
    project.country_code = data.country
    project.language = data.language
    project.target_groups = list(dict.fromkeys(data.target_groups))
    project.girls_focused = bool(data.girls_focused)
    for key, value in data.children.items():
        setattr(project, key, int(value or 0))
    project.start_date, project.end_date = data.start_date, data.end_date
    project.budget_amount = data.budget_amount
    project.budget_currency = data.budget_currency if data.budget_amount is not None else None
    project.themes = themes


def create_project(organisation: Organisation, actor: User, data: ProjectData) -> Project:
    """Create a draft for `organisation`. Refuses (NotPermitted) non-partners and (ProjectInvalid) bad data."""
    if not permissions.is_partner_of(actor, organisation):
        raise NotPermitted(_("Only partners of a verified organisation can create its initiatives."))
    validate(data)
    project = Project(organisation=organisation, created_by_id=actor.id, stage=Stage.DRAFT)
    _apply(project, data)
    db.session.add(project)
    workflow.record_creation(project, actor)
    editors.record_edit(project, actor)
    db.session.flush()
    return project


def update_project(project: Project, actor: User, data: ProjectData, expected_version: int | None) -> Project:
    """Save edits. Refuses NotPermitted, ChangedMeanwhile (a stale version) or ProjectInvalid."""
    if not permissions.can_edit_project(actor, project):
        raise NotPermitted(_("You cannot edit this initiative at this stage."))
    if expected_version is not None and expected_version != project.version:
        raise ChangedMeanwhile(_("This initiative changed meanwhile. Reload the page and try again."))
    validate(data)
    editors.record_edit(project, actor)
    _apply(project, data)
    project.updated_at = utcnow()  # always bump the row, so the version moves even for theme-only edits
    workflow.flush_or_conflict()
    return project
