"""API: the project list, with filters and pagination done in the database.

Only projects the caller may view are listed (permissions.viewable_projects, the
SQL form of can_view_project), so `total` and the pages are right. Three queries
whatever the page size: the count, the page (organisation joined, reviewer's GE
code joined) and the themes of the page.
"""

from flask import g, request
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app import permissions
from app.api import bp
from app.api.projects import latest_reviews, project_json, with_reviewed_code
from app.api.refusals import invalid
from app.extensions import db
from app.models import AssessmentReview, GECode, Organisation, Project, Stage, project_themes
from app.reference import COUNTRIES, REGIONS, THEMES

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000


class ListArguments:
    """The query string of the list, checked: unknown keys of a filter are collected as errors."""

    def __init__(self, args):
        self.args = args
        self.errors: dict[str, str] = {}
        for name, value in args.items(multi=True):
            if "\x00" in value:
                self.errors[name] = _("Text may not contain NUL characters.")

    def keys(self, name: str, allowed, message: str, normalise=str) -> list[str]:
        """Every value given for `name` (repeat the parameter for several: any of them matches)."""
        values = [normalise(v.strip()) for v in self.args.getlist(name) if v.strip()]
        if any(v not in allowed for v in values):
            self.errors[name] = message
        return values

    def number(self, name: str, default: int, maximum: int) -> int:
        raw = self.args.get(name, "").strip()
        if not raw:
            return default
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
            self.errors[name] = _("Send a whole number from 1 to %(maximum)d.", maximum=maximum)
            return default
        return int(raw)


def list_conditions(args: ListArguments) -> list:
    """The WHERE conditions of the filters (the reviewed GE code needs with_reviewed_code's joins)."""
    conditions = []
    if args.errors:
        return conditions
    if q := args.args.get("q", "").strip():
        conditions.append(
            or_(Project.title.icontains(q, autoescape=True), Project.summary.icontains(q, autoescape=True))
        )
    if stages := args.keys("stage", {s.value for s in Stage}, _("Unknown stage.")):
        conditions.append(Project.stage.in_(stages))
    if countries := args.keys("country", COUNTRIES, _("Unknown country code."), normalise=str.upper):
        conditions.append(Project.country_code.in_(countries))
    if regions := args.keys("region", REGIONS, _("Unknown region.")):
        codes = [code for code, (region, _name) in COUNTRIES.items() if region in regions]
        conditions.append(Project.country_code.in_(codes))
    if themes := args.keys("theme", THEMES, _("Unknown theme.")):
        conditions.append(
            Project.id.in_(select(project_themes.c.project_id).where(project_themes.c.theme_key.in_(themes)))
        )
    codes = args.keys("ge_code", {c.value for c in GECode}, _("Unknown gender-equality code."), str.upper)
    if codes:
        conditions.append(AssessmentReview.ge_code.in_(codes))
    if slugs := [s.strip() for s in args.args.getlist("organisation") if s.strip()]:
        conditions.append(Project.organisation_id.in_(select(Organisation.id).where(Organisation.slug.in_(slugs))))
    return conditions


@bp.get("/projects")
def list_projects():
    """Projects the caller may view, newest first: `{items, page, per_page, total}`.

    Filters: q (title and summary, case-insensitive), country, region, stage, theme,
    ge_code (the reviewer's code of the latest reviewed assessment version),
    organisation (slug). Unknown values, and per_page above 100, are refused (422).
    """
    args = ListArguments(request.args)
    conditions = [permissions.viewable_projects(g.api_user), *list_conditions(args)]
    page = args.number("page", 1, maximum=MAX_PAGE)
    per_page = args.number("per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    if args.errors:
        raise invalid(args.errors)

    latest = latest_reviews()
    total = db.session.scalar(
        with_reviewed_code(select(func.count(Project.id)).select_from(Project), latest).where(*conditions)
    )
    rows = db.session.execute(
        with_reviewed_code(select(Project, AssessmentReview.ge_code), latest)
        .where(*conditions)
        .order_by(Project.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return {
        "items": [project_json(project, ge_code) for project, ge_code in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
    }
