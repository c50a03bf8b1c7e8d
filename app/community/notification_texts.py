"""What a notification says and where it leads: one sentence per kind (for the list, the e-mails
and the digest), an e-mail subject per kind, and the page it opens.

Sentences are translated when they are called, so an e-mail rendered under
force_locale(recipient.locale) speaks the recipient's language.
"""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models import Notification
from app.models import Stage as StageKey
from app.services import notifications as kinds
from app.services.mail import external_url
from app.services.workflow import STAGE_NAMES

SUBJECTS = {
    kinds.STAGE_CHANGED: lambda title: _l("“%(title)s” has moved to a new stage", title=title),
    kinds.COMMENT: lambda title: _l("New comment on “%(title)s”", title=title),
    kinds.REPLY: lambda title: _l("New reply to your comment on “%(title)s”", title=title),
    kinds.FLAG_DECIDED: lambda title: _l("A moderator's decision on your comment on “%(title)s”", title=title),
    kinds.REVIEW_WAITING: lambda title: _l("“%(title)s” is waiting for your review", title=title),
    kinds.UPDATE: lambda title: _l("New update on “%(title)s”", title=title),
    kinds.MILESTONE: lambda title: _l("Milestone news on “%(title)s”", title=title),
}


def subject(notification: Notification):
    """The e-mail subject, lazily translated (send_email renders it in the recipient's language)."""
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
    if kind == kinds.REVIEW_WAITING:
        return "review.show", {"id": project_id}, None
    if kind == kinds.UPDATE:
        return "community.show_update", {"id": project_id, "update_id": data["update_id"]}, None
    if kind == kinds.MILESTONE:
        return "projects.show", {"id": project_id}, "milestones"
    if kind in (kinds.COMMENT, kinds.REPLY, kinds.FLAG_DECIDED) and notification.comment_id is not None:
        anchor = f"comment-{notification.comment_id}"
        values = _comment_page(notification.comment_id)
        if data.get("update_id"):
            return "community.show_update", {"id": project_id, "update_id": data["update_id"], **values}, anchor
        return "projects.show", {"id": project_id, **values}, anchor
    return "projects.show", {"id": project_id}, None


def _comment_page(comment_id: int) -> dict:
    """`comments_page` for a comment on an earlier page of a long discussion than the last (a query or two)."""
    from app.extensions import db
    from app.models import Comment
    from app.services.comment_threads import page_of

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


def _title(notification: Notification) -> str:
    return (notification.data or {}).get("title", "")


def _stage(key: str | None) -> str:
    try:
        return str(STAGE_NAMES[StageKey(key)])
    except ValueError:
        return key or ""
