"""API endpoints of the foundation: the organisation directory."""

from app.api.blueprint import bp
from app.api.body import read_query
from app.api.refusals import invalid
from app.api.schemas.projects import Organisation, OrganisationPage, OrganisationQuery
from app.api.spec import operation
from app.core.pagination import MAX_PAGE
from app.organisations import directory as org_directory
from app.organisations.models import Organisation as OrganisationRow
from app.reference.names import region_of

DEFAULT_PER_PAGE, MAX_PER_PAGE = 20, 100


def organisation_answer(org: OrganisationRow, facts: org_directory.OrganisationFacts) -> Organisation:
    """The organisation's public fields, how many active owners and members it has and how many of its
    projects stand in a public stage."""
    return Organisation(
        slug=org.slug, name=org.name, country=org.country_code, region=region_of(org.country_code),
        description=org.description, website=org.website, themes=org.theme_keys, verified=org.verified,
        owners=facts.owners, members=facts.members, public_projects=facts.public_projects,
    )


@bp.get("/organisations")
@operation("organisations", ok={200: (OrganisationPage, "One page of the directory, by name.")},
           query=OrganisationQuery, errors={422: ["invalid"]})
def list_organisations():
    """The directory of verified organisations

    An unknown country, region or theme is 422 `invalid`, one details entry each.
    """
    query = read_query(OrganisationQuery)
    page = min(max(query.page or 1, 1), MAX_PAGE)
    per_page = min(max(query.per_page or DEFAULT_PER_PAGE, 1), MAX_PER_PAGE)
    filters = org_directory.DirectoryFilters(
        country=(query.country or "").strip().upper() or None,
        region=(query.region or "").strip().lower() or None,
        theme=(query.theme or "").strip().lower() or None,
    )
    if problems := filters.problems():
        raise invalid(problems)  # 422, as every other list answers an unknown filter
    result = org_directory.search_directory(filters, page=page, per_page=per_page)
    facts = org_directory.directory_facts(result.items, recent=0)
    return OrganisationPage(items=[organisation_answer(o, facts[o.id]) for o in result.items], page=page,
                            per_page=per_page, total=result.total)
