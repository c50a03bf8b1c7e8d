"""API endpoints of the foundation: the organisation directory."""

from flask import request

from app.api.blueprint import bp
from app.api.refusals import invalid
from app.core.pagination import page_arg
from app.organisations import directory as org_directory
from app.organisations.models import Organisation
from app.reference.names import region_of


def organisation_json(org: Organisation, facts: org_directory.OrganisationFacts | None = None) -> dict:
    """The organisation's public fields; with `facts`, how many active owners and members it has and how
    many of its projects stand in a public stage."""
    item = {
        "slug": org.slug,
        "name": org.name,
        "country": org.country_code,
        "region": region_of(org.country_code),
        "description": org.description,
        "website": org.website,
        "themes": org.theme_keys,
        "verified": org.verified,
    }
    if facts is not None:
        item.update(owners=facts.owners, members=facts.members, public_projects=facts.public_projects)
    return item


def page_args(default_per_page: int = 20, max_per_page: int = 100) -> tuple[int, int]:
    page = page_arg()
    per_page = request.args.get("per_page", default_per_page, type=int) or default_per_page
    return page, min(max(per_page, 1), max_per_page)


@bp.get("/organisations")
def list_organisations():
    """The directory of verified organisations: `country`, `region`, `theme`, `page`, `per_page`."""
    page, per_page = page_args()
    filters = org_directory.DirectoryFilters(
        country=(request.args.get("country") or "").strip().upper() or None,
        region=(request.args.get("region") or "").strip().lower() or None,
        theme=(request.args.get("theme") or "").strip().lower() or None,
    )
    if problems := filters.problems():
        raise invalid(problems)  # 422, as every other list answers an unknown filter
    result = org_directory.search_directory(filters, page=page, per_page=per_page)
    facts = org_directory.directory_facts(result.items, recent=0)
    return {
        "items": [organisation_json(o, facts[o.id]) for o in result.items],
        "page": page,
        "per_page": per_page,
        "total": result.total,
    }
