"""API: the project list, with its filters, search, sorts and pages done in the database.

Only projects the caller may view are listed (permissions.viewable_projects, the
SQL form of can_view_project), so `total` and the pages are right. The web list
shares the query (app.projects.discovery): three queries whatever the page size
and the number of projects.
"""

from flask import g, request
from flask_babel import gettext as _

from app.api.blueprint import bp
from app.api.projects import project_json
from app.api.refusals import invalid
from app.core.cache import cached_page
from app.gate.models import GECode
from app.projects import discovery
from app.projects.discovery import SORTS, ProjectFilters
from app.projects.models import Stage
from app.reference.names import COUNTRIES, REGIONS, THEMES
from app.resources.models import NeedKind

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


def list_filters(args: ListArguments) -> ProjectFilters:
    """The filters of the query string (unknown keys are collected in args.errors)."""
    return ProjectFilters(
        q=args.args.get("q", "").strip(),
        stages=args.keys("stage", {s.value for s in Stage}, _("Unknown stage.")),
        countries=args.keys("country", COUNTRIES, _("Unknown country code."), normalise=str.upper),
        regions=args.keys("region", REGIONS, _("Unknown region.")),
        themes=args.keys("theme", THEMES, _("Unknown theme.")),
        ge_codes=args.keys("ge_code", {c.value for c in GECode}, _("Unknown gender-equality code."), str.upper),
        organisations=[s.strip() for s in args.args.getlist("organisation") if s.strip()],
        need_kinds=args.keys("need_kind", {k.value for k in NeedKind}, _("Unknown kind of need.")),
        sort=(args.keys("sort", set(SORTS), _("Unknown sort order.")) or [""])[-1],
    )


@bp.get("/projects")
@cached_page
def list_projects():
    """Projects the caller may view: `{items, page, per_page, total}`.

    Filters (repeat one for several values: any of them matches; different filters combine):
    q (full-text search of the title, summary and description, accents and case ignored, every word
    must match, a word matches the beginning of a word), country, region, stage, theme, ge_code (the
    reviewer's code of the newest review, or the self-assessed code while no reviewer has validated
    an assessment), organisation (slug), need_kind (an open need of that kind). sort: relevance (the
    default with q: title matches first), newest (the default otherwise), most_supported,
    most_in_need, recently_active. Unknown values, and per_page above 100, are refused (422).
    """
    args = ListArguments(request.args)
    filters = list_filters(args)
    page = args.number("page", 1, maximum=MAX_PAGE)
    per_page = args.number("per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    if args.errors:
        raise invalid(args.errors)
    found = discovery.find_projects(g.api_user, filters, page=page, per_page=per_page)
    return {
        "items": [listing_json(listing) for listing in found.items],
        "page": page,
        "per_page": per_page,
        "total": found.total,
    }


def listing_json(listing: discovery.Listing) -> dict:
    """A project of the list: its public fields (`ge_code` is the reviewer's, as on the project itself),
    plus `self_assessed_ge_code`, `supports` and `open_needs`."""
    item = project_json(listing.project, listing.reviewed_ge_code)
    item["self_assessed_ge_code"] = listing.self_ge_code.value if listing.self_ge_code else None
    item["supports"] = listing.supports
    item["open_needs"] = listing.open_needs
    return item
