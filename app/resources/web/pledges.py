"""Decisions on pledges (the partners accept, decline or mark fulfilled; the pledger withdraws) and the
pledger's "My pledges" page. A decision made on a page that was out of date changes nothing and says so.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.resources import pledges as pledge_service
from app.resources.models import Pledge, PledgeStatus
from app.resources.pledges import STATUS_NAMES
from app.resources.refusals import InvalidPledgeStatus
from app.resources.web import sections
from app.resources.web.blueprint import bp
from app.resources.web.forms import PledgeStatusForm
from app.resources.web.needs import needs_url, refused

# Decisions on pledges -----------------------------------------------------------------------------


@bp.post("/pledges/<int:pledge_id>/status")
@login_required
def set_pledge_status(pledge_id: int):
    pledge = pledge_service.visible_pledge(pledge_id, current_user)
    if pledge is None:
        abort(404)
    project = pledge.project
    form = PledgeStatusForm()
    if not form.validate_on_submit():
        abort(400)
    back = url_for("resources.my_pledges", _anchor=f"pledge-{pledge.id}") if form.back.data == "mine" else (
        needs_url(project.id, f"pledge-{pledge.id}"))
    current = PledgeStatus(pledge.status)
    if form.seen.data and form.seen.data != current.value:
        return _changed_meanwhile(current, back)
    try:
        pledge_service.set_pledge_status(pledge, project, current_user, form.status.data)
    except ChangedMeanwhile:
        transaction.discard()
        db.session.refresh(pledge)
        return _changed_meanwhile(PledgeStatus(pledge.status), back)
    except InvalidPledgeStatus as refusal:
        transaction.discard()
        return refused(refusal.message, 409, back)
    except NotPermitted as refusal:
        transaction.discard()
        return refused(refusal.message, 403, back)
    flash(_("The pledge is now %(status)s.", status=STATUS_NAMES[PledgeStatus(form.status.data)]), "success")
    return redirect(back)


def _changed_meanwhile(now: PledgeStatus, back: str):
    message = _("This pledge changed meanwhile: it is now %(status)s. Nothing was changed; look at it again before "
                "deciding.", status=STATUS_NAMES[now])
    return refused(message, 409, back, title=_("Changed meanwhile"))


@bp.get("/pledges/mine")
@login_required
def my_pledges():
    rows = [PledgeRow(p) for p in pledge_service.pledges_by(current_user)]
    return render_template("resources/my_pledges.html", rows=rows, status_names=STATUS_NAMES,
                           withdraw=PledgeStatus.WITHDRAWN.value)


class PledgeRow:
    """A pledge on "My pledges": its formatted quantity and whether its pledger may withdraw it."""

    def __init__(self, pledge: Pledge):
        self.pledge = pledge
        self.quantity = sections.amount(pledge.quantity, pledge.need)
        self.may_withdraw = permissions.can_withdraw_pledge(current_user, pledge)
