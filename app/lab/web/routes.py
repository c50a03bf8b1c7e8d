""""My lab", where people land after signing in: what needs them now."""

from flask import render_template
from flask_login import current_user, login_required

from app.community import notifications
from app.community.notification_texts import describe
from app.gate.workflow import STAGE_NAMES
from app.lab import overview
from app.lab.web.blueprint import bp
from app.resources.pledges import STATUS_NAMES
from app.resources.web.sections import amount


@bp.get("/lab")
@login_required
def home():
    """Drafts to finish, reviews waiting, pledges to decide, one's own open pledges and unread
    notifications, each list cut short with a link to its own page; in a fixed number of queries."""
    lab = overview.overview(current_user)
    return render_template(
        "lab/home.html",
        lab=lab,
        names=notifications.actor_names(lab.unread.rows),
        describe=describe,
        stage_names=STAGE_NAMES,
        status_names=STATUS_NAMES,
        amount=amount,
    )


@bp.after_request
def private(response):
    """My lab is one person's own page: never kept by a browser or a shared cache."""
    response.headers["Cache-Control"] = "no-store"
    return response
