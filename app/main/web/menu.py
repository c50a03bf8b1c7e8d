"""The main menu of every page (templates/base.html): which links the reader may follow."""

from flask_login import current_user

from app import permissions
from app.main.web.blueprint import bp


class MainMenu:
    """The menu's `can_*` flags, from the rules in app.permissions. Each flag is answered when the page
    reads it, from the account the request has already loaded (no query): a template without the
    menu costs nothing."""

    @property
    def can_use_review_queue(self) -> bool:
        return permissions.can_use_review_queue(current_user)

    @property
    def can_use_moderation_queue(self) -> bool:
        return permissions.can_use_moderation_queue(current_user)

    @property
    def can_see_held_updates(self) -> bool:
        return permissions.can_see_held_updates(current_user)

    @property
    def can_manage_users(self) -> bool:
        return permissions.can_manage_users(current_user)

    @property
    def can_verify_organisations(self) -> bool:
        return permissions.is_admin(current_user)

    @property
    def can_change_gate_settings(self) -> bool:
        return permissions.can_change_gate_settings(current_user)


@bp.app_context_processor
def inject_main_menu():
    """`menu` in every template: the `can_*` flags of MainMenu."""
    return {"menu": MainMenu()}
