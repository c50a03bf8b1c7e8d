"""Ideas: posting and editing them, supports, "I want to help" notes, merging and archiving.

An idea's body is light Markdown, turned into HTML and sanitized on write
(app.core.sanitize.render_markdown). Before it is shown, the child-safeguarding screen reads its title
and body, as for comments: text that may identify a child holds the idea (`held`), seen by its author
and the moderators only, until its author rewrites it. An idea posted under a call needs the call to
be `open_for_ideas`.

Refusals: NotPermitted (see app.permissions.ideas), IdeaInvalid (`errors` maps field names to
messages) and IdeaClosed (the idea is merged or archived). Functions flush and never commit.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, select
from sqlalchemy.dialects import postgresql, sqlite

from app import permissions
from app.accounts.models import User
from app.community.comments import screen
from app.core.columns import utcnow
from app.core.errors import DomainError, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.core.sanitize import render_markdown
from app.core.text import COMMENT_MAX, LONG_TEXT_MAX, TITLE_MAX, check_text, is_blank
from app.ideas.models import Call, CallStatus, HelpOffer, Idea, IdeaStatus, IdeaSupport
from app.reference.models import Theme
from app.reference.names import COUNTRIES, LANGUAGES, THEMES

BODY_MAX = LONG_TEXT_MAX
NOTE_MAX = COMMENT_MAX
HELP_NOTE_MAX = 1_000
LIVE_STATUSES = (IdeaStatus.OPEN, IdeaStatus.ADOPTED)


class IdeaInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names (title, body, themes, country, call, note, into) to messages."""


class IdeaClosed(DomainError):
    """The idea is merged or archived: nothing more happens on it (the API answers 409)."""


@dataclass
class IdeaData:
    title: str
    body: str
    country: str = ""
    themes: list[str] = field(default_factory=list)
    call_id: int | None = None
    language: str = "en"


@dataclass(frozen=True)
class Posted:
    idea: Idea
    advice: str  # why the idea is held and how to rewrite it; "" when it is shown


def post_idea(author: User, data: IdeaData) -> Posted:
    """Post an idea. Refuses NotPermitted (an account that is not confirmed) and IdeaInvalid (a
    missing or wrong field, a call that does not take ideas now)."""
    check_can_post(author)
    call = validate(data)
    idea = Idea(author=author, status=IdeaStatus.OPEN)
    advice = _apply(idea, data, call)
    db.session.add(idea)
    db.session.flush()
    return Posted(idea, advice)


def edit_idea(idea: Idea, editor: User, data: IdeaData) -> str:
    """Change an idea's text, themes and country (its call stays); answers the safeguarding advice
    ("" when none). Refuses NotPermitted (see permissions.can_edit_idea) and IdeaInvalid."""
    if not permissions.can_edit_idea(editor, idea):
        raise NotPermitted(_("You can edit only your own ideas, while they are open."))
    data.call_id = idea.call_id
    validate(data, keep_call=idea.call)
    advice = _apply(idea, data, idea.call)
    idea.updated_at = utcnow()
    db.session.flush()
    return advice


def check_can_post(user) -> None:
    if permissions.can_post_idea(user):
        return
    signed_in = getattr(user, "is_authenticated", False) and getattr(user, "active", False)
    if signed_in and user.email_verified_at is None:
        raise NotPermitted(
            _("Please confirm your e-mail address before you post an idea: open the link we sent you by e-mail.")
        )
    raise NotPermitted(_("Please sign in to post an idea."))


def validate(data: IdeaData, keep_call: Call | None = None) -> Call | None:
    """Refuses (IdeaInvalid) missing or wrong values, listing each; answers the idea's call (or None)."""
    errors = {}
    if is_blank(data.title):
        errors["title"] = _("Give the idea a title.")
    if is_blank(data.body):
        errors["body"] = _("Describe the idea.")
    check_text(errors, "title", data.title, TITLE_MAX)
    check_text(errors, "body", data.body, BODY_MAX, multiline=True)
    if data.country not in COUNTRIES:
        errors["country"] = _("Choose one of the programme's countries.")
    if not data.themes or any(t not in THEMES for t in data.themes):
        errors["themes"] = _("Choose at least one theme from the list.")
    if data.language not in LANGUAGES:
        errors["language"] = _("Please choose one of the languages offered.")
    call = keep_call
    if keep_call is None and data.call_id is not None:
        call = db.session.get(Call, data.call_id) if is_valid_id(data.call_id) else None
        if call is None:
            errors["call"] = _("There is no such call.")
        elif call.status != CallStatus.OPEN_FOR_IDEAS:
            errors["call"] = _("This call does not take ideas now: post your idea freely or under an open call.")
    if errors:
        raise IdeaInvalid(errors)
    return call


def viewable_idea(idea_id, user) -> Idea | None:
    """The idea if `user` may see it (permissions.can_view_idea); None otherwise (answered as a 404)."""
    idea = db.session.get(Idea, idea_id) if is_valid_id(idea_id) else None
    if idea is None or not permissions.can_view_idea(user, idea):
        return None
    return idea


def advice_for(idea: Idea) -> str:
    """Why a held idea is held (for its author and the moderators); "" otherwise."""
    return screen(f"{idea.title}\n\n{idea.body}") if idea.held else ""


# Supports and offers of help -----------------------------------------------------------------------


def support(idea: Idea, user: User) -> bool:
    """Record the user's support (one per person); answers whether it is new. Refuses NotPermitted."""
    if not permissions.can_support_idea(user, idea):
        raise NotPermitted(_("You cannot support this idea."))
    build = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    table = IdeaSupport.__table__
    statement = build(table).values(user_id=user.id, idea_id=idea.id, created_at=utcnow())
    return db.session.execute(statement.on_conflict_do_nothing().returning(table.c.user_id)).first() is not None


def unsupport(idea: Idea, user: User) -> bool:
    """Take the user's support back; answers whether there was one. Refuses like support()."""
    if not permissions.can_support_idea(user, idea):
        raise NotPermitted(_("You cannot support this idea."))
    result = db.session.execute(
        delete(IdeaSupport).where(IdeaSupport.idea_id == idea.id, IdeaSupport.user_id == user.id)
    )
    return result.rowcount > 0


def support_count(idea: Idea) -> int:
    return db.session.scalar(select(func.count()).where(IdeaSupport.idea_id == idea.id))


def supports(idea: Idea, user) -> bool:
    """Whether `user` (possibly anonymous) supports the idea."""
    if not getattr(user, "is_authenticated", False):
        return False
    mine = exists().where(IdeaSupport.idea_id == idea.id, IdeaSupport.user_id == user.id)
    return bool(db.session.scalar(select(mine)))


def supporter_ids(idea: Idea) -> list[int]:
    return list(db.session.scalars(select(IdeaSupport.user_id).where(IdeaSupport.idea_id == idea.id)))


def offer_help(idea: Idea, user: User, note: str) -> HelpOffer:
    """Record an "I want to help" note (one per person: a second one replaces the first). Refuses
    NotPermitted and IdeaInvalid (an empty or too long note)."""
    if not permissions.can_offer_help(user, idea):
        raise NotPermitted(_("You cannot offer help on this idea."))
    note = (note or "").strip()
    errors = {}
    if is_blank(note):
        errors["note"] = _("Say in a few words how you can help.")
    check_text(errors, "note", note, HELP_NOTE_MAX, multiline=True)
    if errors:
        raise IdeaInvalid(errors)
    if screen(note):
        raise IdeaInvalid({"note": _("Please leave out phone numbers, e-mail addresses and anything that "
                                     "could identify a child: the idea's people answer you through the platform.")})
    offer = db.session.scalar(select(HelpOffer).where(HelpOffer.idea_id == idea.id, HelpOffer.user_id == user.id))
    if offer is None:
        offer = HelpOffer(idea_id=idea.id, user_id=user.id, note=note)
        db.session.add(offer)
    else:
        offer.note, offer.created_at = note, utcnow()
    db.session.flush()
    return offer


def help_offers(idea: Idea) -> list[HelpOffer]:
    return list(db.session.scalars(
        select(HelpOffer).where(HelpOffer.idea_id == idea.id).order_by(HelpOffer.created_at, HelpOffer.id)
    ))


# Merging and archiving -----------------------------------------------------------------------------


def merge_idea(idea: Idea, actor: User, into: Idea | None, note: str) -> Idea:
    """Merge `idea` into another one (a reviewer's or an admin's decision, with a note). Refuses
    NotPermitted, IdeaClosed (already merged or archived) and IdeaInvalid (no note, no other idea to
    merge into, or one that is itself merged or archived)."""
    _check_live(idea)
    if not permissions.can_merge_idea(actor, idea):
        raise NotPermitted(_("Only reviewers and admins can merge ideas."))
    errors = _note_errors(note)
    if into is None or into.id == idea.id or into.held:
        errors["into"] = _("Choose the other idea this one joins.")
    elif into.status not in LIVE_STATUSES:
        errors["into"] = _("That idea is merged or archived: choose one that is still open.")
    if errors:
        raise IdeaInvalid(errors)
    idea.status, idea.merged_into_id, idea.status_note = IdeaStatus.MERGED, into.id, note.strip()
    idea.updated_at = utcnow()
    db.session.flush()
    return idea


def archive_idea(idea: Idea, actor: User, note: str) -> Idea:
    """Archive an idea (its author, a reviewer or an admin, with a note). Refuses NotPermitted,
    IdeaClosed and IdeaInvalid (no note)."""
    _check_live(idea)
    if not permissions.can_archive_idea(actor, idea):
        raise NotPermitted(_("Only the idea's author, reviewers and admins can archive it."))
    if errors := _note_errors(note):
        raise IdeaInvalid(errors)
    idea.status, idea.status_note = IdeaStatus.ARCHIVED, note.strip()
    idea.updated_at = utcnow()
    db.session.flush()
    return idea


def _check_live(idea: Idea) -> None:
    if idea.status == IdeaStatus.MERGED:
        raise IdeaClosed(_("This idea was merged into another one."))
    if idea.status == IdeaStatus.ARCHIVED:
        raise IdeaClosed(_("This idea is archived."))


def _note_errors(note: str) -> dict:
    errors = {}
    if is_blank(note):
        errors["note"] = _("A note explaining this decision is required.")
    check_text(errors, "note", note, NOTE_MAX, multiline=True)
    return errors


def _apply(idea: Idea, data: IdeaData, call: Call | None) -> str:
    themes = list(db.session.scalars(select(Theme).where(Theme.key.in_(data.themes))))
    idea.title = data.title.strip()
    idea.body = data.body.replace("\x00", "").replace("\r\n", "\n").strip()
    idea.body_html = str(render_markdown(idea.body))
    idea.country_code = data.country
    idea.language = data.language
    idea.call = call
    idea.themes = themes
    advice = screen(f"{idea.title}\n\n{idea.body}")
    idea.held = bool(advice)
    return advice


