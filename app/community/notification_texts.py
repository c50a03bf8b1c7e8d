"""What a notification says and where it leads: one sentence per kind (for the list, the e-mails
and the digest), an e-mail subject per kind, and the page it opens.

Sentences are translated when they are called, so an e-mail rendered under
force_locale(recipient.locale) speaks the recipient's language.
"""

from decimal import Decimal, InvalidOperation

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.community import notifications as kinds
from app.community.comment_threads import page_of
from app.community.models import Comment, Notification
from app.core.extensions import db
from app.core.mail import external_url
from app.gate.workflow import STAGE_NAMES
from app.projects.models import Stage as StageKey
from app.resources.money import format_quantity

SUBJECTS = {
    kinds.STAGE_CHANGED: lambda title: _l("“%(title)s” has moved to a new stage", title=title),
    kinds.COMMENT: lambda title: _l("New comment on “%(title)s”", title=title),
    kinds.REPLY: lambda title: _l("New reply to your comment on “%(title)s”", title=title),
    kinds.FLAG_DECIDED: lambda title: _l("A moderator's decision on your comment on “%(title)s”", title=title),
    kinds.REVIEW_WAITING: lambda title: _l("“%(title)s” is waiting for your review", title=title),
    kinds.UPDATE: lambda title: _l("New update on “%(title)s”", title=title),
    kinds.MILESTONE: lambda title: _l("Milestone news on “%(title)s”", title=title),
    kinds.PLEDGE_MADE: lambda title: _l("New pledge to “%(title)s”", title=title),
    kinds.PLEDGE_STATUS: lambda title: _l("News about your pledge to “%(title)s”", title=title),
    kinds.PLEDGE_CLOSED: lambda title: _l("Your pledge to “%(title)s” has closed", title=title),
    kinds.OFFER_REQUESTED: lambda title: _l("“%(title)s” asks for your offer", title=title),
    kinds.REQUEST_ANSWERED: lambda title: _l("An answer about an offer for “%(title)s”", title=title),
    kinds.IDEA_ADOPTED: lambda title: _l("The idea “%(title)s” was adopted", title=title),
}
# The pages the resource pooling notifications open: (endpoint, takes the project id, anchor prefix, data key).
# The project's page (at the need) stands in for any of them the app does not have.
PROJECT_NEEDS = ("resources.needs", True, "pledge-", "pledge_id")
MY_PLEDGES = ("resources.my_pledges", False, "pledge-", "pledge_id")
RESOURCE_TARGETS = {
    kinds.PLEDGE_MADE: PROJECT_NEEDS,
    kinds.PLEDGE_STATUS: MY_PLEDGES,
    kinds.PLEDGE_CLOSED: MY_PLEDGES,
    kinds.OFFER_REQUESTED: ("resources.my_offers", False, "request-", "request_id"),
    kinds.REQUEST_ANSWERED: ("resources.needs", True, "need-", "need_id"),
}


def subject(notification: Notification):
    """The e-mail subject, lazily translated (send_email renders it in the recipient's language)."""
    data = notification.data or {}
    if notification.kind == kinds.PLEDGE_STATUS and data.get("status") == "withdrawn":
        return _l("A pledge to “%(title)s” was withdrawn", title=_title(notification))
    return SUBJECTS[notification.kind](_title(notification))


def describe(notification: Notification, actor: str | None = None) -> str:
    """One sentence saying what happened, in the current language. `actor` is the name of the person
    who did it (None when unknown or when a moderator decided)."""
    data = notification.data or {}
    who = actor or _("Someone")
    title = _title(notification)
    kind = notification.kind
    if kind == kinds.STAGE_CHANGED:
        return _("%(actor)s moved “%(title)s” to the stage '%(stage)s'.", actor=who, title=title,
                 stage=_stage(data.get("to")))
    if kind == kinds.REVIEW_WAITING:
        return _("“%(title)s” entered the stage '%(stage)s' and is waiting for your review.", title=title,
                 stage=_stage(data.get("to")))
    if kind == kinds.COMMENT:
        return _("%(actor)s commented on “%(title)s”.", actor=who, title=title)
    if kind == kinds.REPLY:
        return _("%(actor)s replied to your comment on “%(title)s”.", actor=who, title=title)
    if kind == kinds.FLAG_DECIDED:
        return _decision(data.get("action"), title, data.get("reason") or "")
    if kind == kinds.UPDATE:
        return _("New update on “%(title)s”: %(update)s", title=title, update=data.get("update_title", ""))
    if kind == kinds.MILESTONE:
        if data.get("done"):
            return _("Milestone reached on “%(title)s”: %(milestone)s", title=title,
                     milestone=data.get("milestone_title", ""))
        return _("New milestone on “%(title)s”: %(milestone)s", title=title, milestone=data.get("milestone_title", ""))
    if kind in kinds.RESOURCE_KINDS:
        return _resource_sentence(kind, data, who, title)
    if kind == kinds.IDEA_ADOPTED:
        return _("%(organisation)s adopted the idea “%(title)s”: it becomes their initiative “%(project)s”.",
                 organisation=data.get("organisation", ""), title=title, project=data.get("project_title", ""))
    return _("News about “%(title)s”.", title=title)


def target_url(notification: Notification) -> str:
    """The page the notification is about (for a comment, the comment itself), as a path."""
    endpoint, values, anchor = _target(notification)
    return url_for(endpoint, **values, _anchor=anchor)


def target_link(notification: Notification) -> str:
    """The same page as a full link for an e-mail (built on PUBLIC_URL, also outside a request)."""
    endpoint, values, anchor = _target(notification)
    return external_url(endpoint, **values) + (f"#{anchor}" if anchor else "")


def _target(notification: Notification) -> tuple[str, dict, str | None]:
    data = notification.data or {}
    project_id = notification.project_id
    if project_id is None:
        return "community.notifications", {}, None
    kind = notification.kind
    if kind == kinds.IDEA_ADOPTED:  # the initiative is a draft: the idea's page, where there is one
        if data.get("idea_id") and "ideas.show" in current_app.view_functions:
            return "ideas.show", {"id": data["idea_id"]}, None
        return "community.notifications", {}, None
    if kind == kinds.REVIEW_WAITING:
        return "review.show", {"id": project_id}, None
    if kind == kinds.UPDATE:
        return "community.show_update", {"id": project_id, "update_id": data["update_id"]}, None
    if kind == kinds.MILESTONE:
        return "projects.show", {"id": project_id}, "milestones"
    if kind in kinds.RESOURCE_KINDS:
        return _resource_target(notification, project_id, data)
    if kind in (kinds.COMMENT, kinds.REPLY, kinds.FLAG_DECIDED) and notification.comment_id is not None:
        anchor = f"comment-{notification.comment_id}"
        values = _comment_page(notification.comment_id)
        if data.get("update_id"):
            return "community.show_update", {"id": project_id, "update_id": data["update_id"], **values}, anchor
        return "projects.show", {"id": project_id, **values}, anchor
    return "projects.show", {"id": project_id}, None


def _resource_target(notification: Notification, project_id: int, data: dict) -> tuple[str, dict, str | None]:
    """A pledge's page for its pledger and the project's needs for its partners (a withdrawal shows
    them the pledge there); the offerer's offers for a request."""
    endpoint, per_project, prefix, key = RESOURCE_TARGETS[notification.kind]
    if notification.kind == kinds.PLEDGE_STATUS and data.get("status") == "withdrawn":
        endpoint, per_project, prefix, key = PROJECT_NEEDS
    if endpoint in current_app.view_functions:
        anchor = f"{prefix}{data[key]}" if data.get(key) else None
        return endpoint, ({"id": project_id} if per_project else {}), anchor
    return "projects.show", {"id": project_id}, f"need-{data['need_id']}" if data.get("need_id") else None


def _comment_page(comment_id: int) -> dict:
    """`comments_page` for a comment on an earlier page of a long discussion than the last (a query or two)."""

    comment = db.session.get(Comment, comment_id)
    page = page_of(comment) if comment is not None else None
    return {"comments_page": page} if page else {}


def _decision(action: str | None, title: str, reason: str) -> str:
    if action == "hide":
        if reason:
            return _("A moderator hid your comment on “%(title)s”. The reason: %(reason)s", title=title,
                     reason=reason)
        return _("A moderator hid your comment on “%(title)s”.", title=title)
    if action == "restore":
        return _("A moderator restored your comment on “%(title)s”: it is visible again.", title=title)
    if action == "publish":
        return _("A moderator published your comment on “%(title)s”.", title=title)
    return _("A moderator looked at the reports about your comment on “%(title)s” and kept it published.",
             title=title)


def _resource_sentence(kind: str, data: dict, who: str, title: str) -> str:
    """The sentence of a resource pooling notification (pledges, offers and requests)."""
    quantity = _quantity(data)
    need = data.get("need_title", "")
    status = data.get("status")
    if kind == kinds.PLEDGE_MADE:
        return _("%(actor)s pledged %(quantity)s to the need “%(need)s” of “%(title)s”.", actor=who,
                 quantity=quantity, need=need, title=title)
    if kind == kinds.PLEDGE_STATUS:
        if status == "accepted":
            return _("The partners of “%(title)s” accepted your pledge of %(quantity)s to the need “%(need)s”.",
                     title=title, quantity=quantity, need=need)
        if status == "declined":
            return _("The partners of “%(title)s” declined your pledge of %(quantity)s to the need “%(need)s”.",
                     title=title, quantity=quantity, need=need)
        if status == "fulfilled":
            return _("The partners of “%(title)s” marked your pledge of %(quantity)s to the need “%(need)s” "
                     "fulfilled. Thank you!", title=title, quantity=quantity, need=need)
        return _("%(actor)s withdrew their pledge of %(quantity)s to the need “%(need)s” of “%(title)s”.",
                 actor=who, quantity=quantity, need=need, title=title)
    if kind == kinds.PLEDGE_CLOSED:
        if data.get("reason") == "need":
            return _("The need “%(need)s” of “%(title)s” was closed, and your pledge of %(quantity)s with it.",
                     need=need, title=title, quantity=quantity)
        return _("“%(title)s” has ended (%(stage)s): your pledge of %(quantity)s to the need “%(need)s” is "
                 "closed.", title=title, stage=_stage(data.get("stage")), quantity=quantity, need=need)
    if kind == kinds.OFFER_REQUESTED:
        return _("%(actor)s asks for %(quantity)s of your offer “%(offer)s” to meet the need “%(need)s” of "
                 "“%(title)s”. Confirm or decline on your offers page.", actor=who, quantity=quantity,
                 offer=data.get("offer_title", ""), need=need, title=title)
    if data.get("confirmed"):
        return _("%(actor)s confirmed your request: %(quantity)s is now an accepted pledge to the need “%(need)s” "
                 "of “%(title)s”.", actor=who, quantity=quantity, need=need, title=title)
    return _("%(actor)s declined your request for their offer to meet the need “%(need)s” of “%(title)s”.",
             actor=who, need=need, title=title)


def _quantity(data: dict) -> str:
    """The notification's quantity in the reader's notation ("1 500 F CFA", "12,5 heures")."""


    try:
        return format_quantity(Decimal(data["quantity"]), data["kind"], data.get("unit", ""))
    except (KeyError, TypeError, ValueError, InvalidOperation):
        return str(data.get("quantity", ""))


def _title(notification: Notification) -> str:
    return (notification.data or {}).get("title", "")


def _stage(key: str | None) -> str:
    try:
        return str(STAGE_NAMES[StageKey(key)])
    except ValueError:
        return key or ""
