"""Supporting and following a project: four buttons on the project page, each a POST."""

from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app import permissions
from app.community import engagement
from app.community.web.blueprint import bp
from app.community.web.engagement_forms import ButtonForm
from app.core.errors import NotPermitted
from app.projects.web.fetch import viewable_project_or_404

MESSAGES = {
    "support": (_l("Thank you for supporting this initiative."), _l("You already support this initiative.")),
    "unsupport": (_l("You no longer support this initiative."), _l("You did not support this initiative.")),
    "follow": (
        _l("You follow this initiative: you will be told about its news."),
        _l("You already follow this initiative."),
    ),
    "unfollow": (_l("You no longer follow this initiative."), _l("You did not follow this initiative.")),
}


@bp.post("/projects/<int:id>/support")
@login_required
def support(id: int):
    return _engage(id, engagement.support, "support")


@bp.post("/projects/<int:id>/support/remove")
@login_required
def unsupport(id: int):
    return _engage(id, engagement.unsupport, "unsupport")


@bp.post("/projects/<int:id>/follow")
@login_required
def follow(id: int):
    return _engage(id, engagement.follow, "follow")


@bp.post("/projects/<int:id>/follow/remove")
@login_required
def unfollow(id: int):
    return _engage(id, engagement.unfollow, "unfollow")


def _engage(project_id: int, action, key: str):
    project = viewable_project_or_404(project_id)
    if not permissions.can_support(current_user, project):
        abort(403)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        changed = action(project, current_user)
    except NotPermitted:
        abort(403)
    done, unchanged = MESSAGES[key]
    flash(str(done if changed else unchanged), "success" if changed else "warning")
    return redirect(url_for("projects.show", id=project.id, _anchor="engagement"))
