"""The reference rows (regions, countries, themes) that other tables point to."""

from sqlalchemy import select

from app.core.extensions import db
from app.reference import names as reference
from app.reference.models import Country, Region, Theme


def ensure_reference_data() -> None:
    """Insert any missing region, country or theme. Safe to run again."""
    have_regions = set(db.session.scalars(select(Region.key)))
    db.session.add_all(Region(key=k) for k in reference.REGIONS if k not in have_regions)
    db.session.flush()
    have_countries = set(db.session.scalars(select(Country.code)))
    db.session.add_all(
        Country(code=code, region_key=region)
        for code, (region, _name) in reference.COUNTRIES.items()
        if code not in have_countries
    )
    have_themes = set(db.session.scalars(select(Theme.key)))
    db.session.add_all(Theme(key=k) for k in reference.THEMES if k not in have_themes)
    db.session.flush()
