"""Placeholder routes: replaced by the organisations work."""

from app.organisations import bp


@bp.get("/")
def directory():
    return "directory"
