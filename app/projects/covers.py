"""Cover images: one of an initiative's images, shown on its cards and its page.

A partner chooses an image already among the initiative's files, or uploads one (it then joins the
files, with the same checks and the same consent: app.projects.uploads). The cover is made from the
stored file, which was already re-encoded without its metadata: decoded again with Pillow, turned
upright, flattened onto white, and written as progressive JPEG in each width of WIDTHS that is not
wider than the image (the image's own width when it is narrower than the largest), so that pages
offer them with `srcset` and a browser takes the one it needs. The text that says what the image shows
(`alt`) is required. Files are named after a random stem, new for each cover, so their addresses
never serve an older image; the previous cover's files are removed once the change is committed.
"""

import io
import secrets
import warnings

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import permissions
from app.accounts.models import User
from app.community import safeguarding
from app.core import transaction
from app.core.conflicts import flush_or_changed_meanwhile
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.core.storage import storage
from app.core.text import text_problem
from app.projects import editors, uploads
from app.projects.locking import lock_project
from app.projects.models import Attachment, Project, ProjectCover

WIDTHS = (320, 640, 960)
CARD_MAX = 640  # cards are at most about 320 px wide: twice that serves dense screens
ALT_MAX = 200
QUALITY = 82
CHANGED = _l("The cover of this initiative changed meanwhile. Reload the page and try again.")


class CoverRefused(DomainError):
    """No image chosen, an attachment that is not an image of this initiative, an image that cannot be
    read, or no text saying what it shows."""


class CoverTextRefused(CoverRefused):
    """The text that says what the image shows is missing or breaks the text rules."""


def widths(cover: ProjectCover) -> list[int]:
    """The widths the cover's files exist in, narrowest first."""
    return [w for w in WIDTHS if w < cover.width] + [cover.width]


def card_widths(cover: ProjectCover) -> list[int]:
    """The widths a card offers: those up to CARD_MAX (the narrowest when there is none)."""
    found = widths(cover)
    return [w for w in found if w <= CARD_MAX] or found[:1]


def file_name(stem: str, width: int) -> str:
    return f"cover-{stem}-{width}.jpg"


def cover_file(cover: ProjectCover, width: int) -> bytes:
    """One width of the cover, from the file storage (app.core.storage); made again from its image when
    the file is missing (a restored backup, a lost disk). FileNotFoundError when it cannot be."""
    try:
        return storage().read(file_name(cover.stem, width))
    except FileNotFoundError:
        if not restore_files(cover):
            raise
        return storage().read(file_name(cover.stem, width))


def image_data(attachment: Attachment) -> bytes:
    """The image's bytes: the stored file, or the upload as it came while the job that re-encodes it has
    not run yet (app.projects.uploads). The renditions are written again without metadata either way."""
    try:
        return uploads.read_attachment(attachment)
    except FileNotFoundError:
        return storage().read(uploads.INCOMING + attachment.stored_name)


def _renditions(data: bytes) -> list[tuple[int, int, bytes]]:
    """(width, height, JPEG bytes) of each width the image allows, narrowest first."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as source:
                image = ImageOps.exif_transpose(source)
                if image.mode in ("RGBA", "LA", "P"):
                    image = image.convert("RGBA")
                    flat = Image.new("RGB", image.size, (255, 255, 255))
                    flat.paste(image, mask=image.getchannel("A"))
                    image = flat
                image = image.convert("RGB")
                made, widest = [], min(image.width, max(WIDTHS))
                for width in [w for w in WIDTHS if w < widest] + [widest]:
                    height = max(1, round(image.height * width / image.width))
                    out = io.BytesIO()
                    image.resize((width, height), Image.Resampling.LANCZOS).save(
                        out, format="JPEG", quality=QUALITY, optimize=True, progressive=True
                    )
                    made.append((width, height, out.getvalue()))
                return made
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CoverRefused(_("This image could not be read. Please upload a valid PNG or JPEG file.")) from None


def _remove_files(stem: str, made: list[int]) -> None:
    for width in made:
        storage().delete(file_name(stem, width))


def clean_alt(alt: str | None) -> str:
    """The cover's text, trimmed; refuses CoverTextRefused when it is empty, breaks the text rules, or may
    identify or let someone contact a child (the safeguarding screen's advice)."""
    text = " ".join((alt or "").split())
    if not text:
        raise CoverTextRefused(_("Say in a few words what the image shows, for people who cannot see it."))
    if problem := text_problem(text, ALT_MAX):
        raise CoverTextRefused(problem)
    if findings := safeguarding.screen(text):  # public at once, beside the image, with no moderation queue
        raise CoverTextRefused(str(safeguarding.advice(findings)))
    return text


def set_cover(
    project: Project,
    actor: User,
    alt: str,
    attachment: Attachment | None = None,
    stream=None,
    filename: str | None = None,
    consent: bool = False,
) -> ProjectCover:
    """Make `attachment` (an image of the project), or a newly uploaded image, the project's cover.

    Refuses ChangedMeanwhile (the initiative changed since it was loaded, or another partner's change of
    its cover got in the way), NotPermitted (not a partner who may edit the project), CoverRefused (neither an image nor
    an upload, an attachment of another project or not an image, no text for the image) and, for an
    upload, what uploads.store_attachment refuses (consent included).
    """
    if not permissions.can_edit_project(actor, project):
        raise NotPermitted(_("You cannot change the cover of this initiative."))
    text = clean_alt(alt)
    if attachment is None and stream is not None:
        attachment = uploads.store_attachment(project, actor, stream, filename, consent)
    if attachment is None:
        raise CoverRefused(_("Choose one of the initiative's images, or upload one."))
    if attachment.project_id != project.id or attachment.content_type not in uploads.PILLOW_FORMATS:
        raise CoverRefused(_("Only a PNG or JPEG image of this initiative can be its cover."))
    renditions = _renditions(image_data(attachment))
    stem = secrets.token_hex(6)
    for width, _height, data in renditions:
        storage().write(file_name(stem, width), data)
    widest, height = renditions[-1][0], renditions[-1][1]
    previous = _locked_cover(project)
    if previous is not None:
        transaction.after_commit(_remove_files, previous.stem, widths(previous))
        project.cover = None
        editors.record_edit(project, actor)
        flush_or_changed_meanwhile(str(CHANGED), IntegrityError, StaleDataError)
    cover = ProjectCover(
        project_id=project.id, stem=stem, alt=text, width=widest, height=height,
        attachment_id=attachment.id, created_by_id=actor.id,
    )
    project.cover = cover
    editors.record_edit(project, actor)  # the cover and its text are the first thing the project shows
    flush_or_changed_meanwhile(str(CHANGED), IntegrityError, StaleDataError)
    return cover


def _locked_cover(project: Project) -> ProjectCover | None:
    """The project's cover as it stands once this transaction holds the project's lock (another partner
    may have changed it since the project was loaded: the later change replaces the earlier)."""
    lock_project(project)
    db.session.expire(project, ["cover"])
    return project.cover


def restore_files(cover: ProjectCover) -> bool:
    """Make the cover's files again from its image; False when they cannot be (the image is gone)."""
    attachment = db.session.get(Attachment, cover.attachment_id) if cover.attachment_id else None
    if attachment is None:
        return False
    try:
        data = image_data(attachment)
    except FileNotFoundError:
        return False
    for width, _height, made in _renditions(data):
        if width in widths(cover):
            storage().write(file_name(cover.stem, width), made)
    return True


def remove_cover(project: Project, actor: User) -> None:
    """The project has no cover any more (its files go once that is committed; the image stays among the
    files). Refuses NotPermitted (not a partner who may edit the project)."""
    if not permissions.can_edit_project(actor, project):
        raise NotPermitted(_("You cannot change the cover of this initiative."))
    previous = _locked_cover(project)
    if previous is not None:
        transaction.after_commit(_remove_files, previous.stem, widths(previous))
        project.cover = None
        editors.record_edit(project, actor)
        flush_or_changed_meanwhile(str(CHANGED), IntegrityError, StaleDataError)
