"""API endpoints of the foundation: the organisation directory."""

from flask import request
from sqlalchemy import func, select

from app.api import bp
from app.extensions import db
from app.models import Organisation
from app.reference import region_of


def organisation_json(org: Organisation) -> dict:
    return {
        "slug": org.slug,
        "name": org.name,
        "country": org.country_code,
        "region": region_of(org.country_code),
        "description": org.description,
        "website": org.website,
        "themes": org.theme_keys,
        "verified": org.verified,
    }


def page_args(default_per_page: int = 20, max_per_page: int = 100) -> tuple[int, int]:
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    per_page = request.args.get("per_page", default_per_page, type=int) or default_per_page
    return page, min(max(per_page, 1), max_per_page)


@bp.get("/organisations")
def list_organisations():
    page, per_page = page_args()
    query = select(Organisation).where(Organisation.verified.is_(True))
    if country := request.args.get("country"):
        query = query.where(Organisation.country_code == country.upper())
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    orgs = db.session.scalars(query.order_by(Organisation.name).limit(per_page).offset((page - 1) * per_page))
    return {
        "items": [organisation_json(o) for o in orgs],
        "page": page,
        "per_page": per_page,
        "total": total,
    }
