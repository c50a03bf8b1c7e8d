"""API: the project list, with its filters, search, sorts and pages done in the database.

Only projects the caller may view are listed (permissions.viewable_projects, the
SQL form of can_view_project), so `total` and the pages are right. The web list
shares the query (app.projects.discovery): three queries whatever the page size
and the number of projects.
"""

from flask import g

from app.api.blueprint import bp
from app.api.body import read_query
from app.api.projects import project_fields
from app.api.schemas.listing import DEFAULT_PER_PAGE, ProjectListQuery
from app.api.schemas.projects import ProjectPage, ProjectSummary
from app.api.spec import operation
from app.core.cache import cached_page
from app.projects import discovery
from app.projects.discovery import ProjectFilters


@bp.get("/projects")
@cached_page
@operation("projects", ok={200: (ProjectPage, "One page, in the order asked for.")}, query=ProjectListQuery,
           errors={400: ["bad_request"], 422: ["invalid"]})
def list_projects():
    """The projects the caller may view

    Filters (repeat one for several values: any of them matches; different filters combine): q
    (full-text search), country, region, stage, theme, ge_code, organisation (slug), need_kind (an open
    need of that kind); sort; page and per_page. Unknown values, and pages out of range, are 422 `invalid`.
    """
    query = read_query(ProjectListQuery, many=ProjectListQuery.MANY)
    filters = ProjectFilters(
        q=query.q, stages=query.stage, countries=query.country, regions=query.region, themes=query.theme,
        ge_codes=query.ge_code, organisations=query.organisation, need_kinds=query.need_kind,
        sort=(query.sort or [""])[-1],
    )
    page, per_page = query.page or 1, query.per_page or DEFAULT_PER_PAGE
    found = discovery.find_projects(g.api_user, filters, page=page, per_page=per_page)
    return ProjectPage(items=[listing_answer(listing) for listing in found.items], page=page, per_page=per_page,
                       total=found.total)


def listing_answer(listing: discovery.Listing) -> ProjectSummary:
    """A project of the list: its public fields (`ge_code` is the reviewer's, as on the project itself),
    plus `self_assessed_ge_code`, `supports` and `open_needs`."""
    return ProjectSummary(
        **project_fields(listing.project, listing.reviewed_ge_code),
        self_assessed_ge_code=listing.self_ge_code.value if listing.self_ge_code else None,
        supports=listing.supports,
        open_needs=listing.open_needs,
    )
