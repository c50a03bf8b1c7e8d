"""The blueprint of this web face; its modules register their views on it."""

from flask import Blueprint, abort
from flask_login import current_user

from app import permissions
from app.core.extensions import login_manager

bp = Blueprint("admin", __name__, template_folder="../templates", url_prefix="/admin")


@bp.before_request
def admins_only():
    """Every admin page: visitors are sent to log in, everyone but admins gets 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not permissions.is_admin(current_user):
        abort(403)
    return None
