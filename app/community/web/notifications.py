"""The notification pages: the list (newest first), opening one, marking all read; and the unread
count in the header of every page."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.community import notifications
from app.community.notification_texts import describe, target_url
from app.community.web.blueprint import bp
from app.community.web.engagement_forms import ButtonForm
from app.core.extensions import db
from app.core.pagination import page_arg
from app.projects.models import Project

PER_PAGE = 20


@bp.app_context_processor
def inject_unread_notifications():
    """`unread_notifications()` for the header: one count query, made only when a page asks, and
    only for signed-in people (None otherwise)."""

    def unread_notifications() -> int | None:
        if not current_user.is_authenticated:
            return None
        return notifications.unread_count(current_user)

    return {"unread_notifications": unread_notifications}


@bp.get("/notifications", endpoint="notifications")
@login_required
def notifications_list():
    """The person's notifications, newest first; unread ones are marked. Reading the list changes
    nothing: opening one (or "mark all as read") does."""
    page = db.paginate(
        notifications.newest_first(current_user),
        page=page_arg(),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "community/notifications.html",
        page=page,
        names=notifications.actor_names(page.items),
        describe=describe,
    )


@bp.post("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark one notification read and go to what it is about."""
    notification = notifications.get_own(current_user, notification_id)
    if notification is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    notifications.mark_read(notification)
    project = db.session.get(Project, notification.project_id) if notification.project_id else None
    if project is not None and not permissions.can_view_project(current_user, project):
        flash(_("This initiative is no longer public."), "warning")
        return redirect(url_for("community.notifications"))
    return redirect(target_url(notification))


@bp.post("/notifications/read")
@login_required
def mark_notifications_read():
    if not ButtonForm().validate_on_submit():
        abort(400)
    count = notifications.mark_all_read(current_user)
    if count:
        flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for("community.notifications"))
