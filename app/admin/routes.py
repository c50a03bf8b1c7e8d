"""Placeholder routes: replaced by the admin work."""

from app.admin import bp


@bp.get("/users")
def users():
    return "users"
