"""Attachments: PDF, PNG and JPEG, type checked from the content, images re-encoded, PDFs written
again without their metadata.

Files are stored under random names in the app's file storage (app/core/storage.py: local disk
outside static/, or S3-compatible object storage) and served only as downloads. Re-encoding an
image with Pillow drops its EXIF data, GPS position included. A PDF is written again with pypdf without its document
information (author, title, subject, keywords, creator) and its XMP metadata,
wherever they are attached: they often name the person who wrote it, or the
child it is about, and anyone may download the file.
"""

import io
import logging
import os
import secrets
import warnings

from flask_babel import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, PdfReadWarning, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from app import permissions
from app.accounts.models import User
from app.core import jobs
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.core.storage import storage
from app.projects import editors
from app.projects.models import Attachment, Project

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# Keys of a PDF's dictionaries that hold metadata rather than content.
PDF_METADATA_KEYS = ("/Metadata", "/PieceInfo")
INCOMING = "incoming/"  # images as they came, until the job re-encodes them; never served


log = logging.getLogger(__name__)


class UploadRefused(DomainError):
    """The file is too large, of a type not accepted, damaged, protected by a password, or an image without
    consent."""


def sniff(head: bytes) -> tuple[str, str] | None:
    """The (content type, extension) that the file's first bytes show, or None."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def display_name(filename: str | None, extension: str) -> str:
    """A harmless name to offer on download: no folders, no control characters."""
    name = os.path.basename((filename or "").replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>:|?*') or "file"
    stem = name.rsplit(".", 1)[0][:200] if "." in name else name[:200]
    return stem + extension


def check_image(data: bytes) -> None:
    """Refuses UploadRefused when the image is damaged or over MAX_PIXELS, reading its header and
    structure only (no pixel is decoded): what can be said at once, before the image is re-encoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise UploadRefused(_("This image is too large (at most 40 megapixels)."))
                probe.verify()
    except UploadRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(_("This image could not be read. Please upload a valid PNG or JPEG file.")) from None


def reencode_image(data: bytes, content_type: str) -> bytes:
    """Decode and encode again, keeping only the pixels (no EXIF, no GPS, no text chunks)."""
    check_image(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image.info.pop("comment", None)  # Pillow writes a JPEG's comment back: text, not pixels
                if content_type == "image/jpeg" and image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                out = io.BytesIO()
                image.save(out, format=PILLOW_FORMATS[content_type], quality=88, optimize=True)
                return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(_("This image could not be read. Please upload a valid PNG or JPEG file.")) from None


def strip_pdf_metadata(data: bytes) -> bytes:
    """The PDF written again without its document information and XMP metadata (on the catalogue, the
    pages and any object that carries them). Refuses UploadRefused when the file cannot be read or is
    protected by a password."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PdfReadWarning)  # a file pypdf repairs as it reads is accepted
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise UploadRefused(_("This PDF is protected by a password. Please upload it without one."))
            writer = PdfWriter(clone_from=reader)
            writer.metadata = None
            for holder in _metadata_holders(writer.root_object):
                for key in PDF_METADATA_KEYS:
                    holder.pop(key, None)
            writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
            out = io.BytesIO()
            writer.write(out)
            return out.getvalue()
    except UploadRefused:
        raise
    except DependencyError:
        raise UploadRefused(_("This PDF is protected by a password. Please upload it without one.")) from None
    except (PyPdfError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise UploadRefused(_("This PDF file seems damaged. Please export it again.")) from None


def _metadata_holders(root: DictionaryObject) -> list[DictionaryObject]:
    """Every dictionary reachable from `root` that has a metadata key, each object visited once."""
    holders, seen, stack = [], set(), [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if any(key in item for key in PDF_METADATA_KEYS):
                holders.append(item)
            stack.extend(value for key, value in item.items() if key not in PDF_METADATA_KEYS)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return holders


def store_attachment(project: Project, actor: User, stream, filename: str | None, consent: bool,
                     reencode_later: bool = False) -> Attachment:
    """Check, clean and store an uploaded file.

    Refuses NotPermitted (not a partner who may edit the project) and UploadRefused
    (over 10 MB, not a PDF/PNG/JPEG by its content, damaged, a PDF with a password,
    or an image without the consent confirmation).

    With `reencode_later`, an image that passed its checks is kept as it came under `incoming/`
    (never served) and the caller queues `reencode_attachment(attachment.id)`, which writes the
    re-encoded image under the attachment's name; until then a download answers 404.
    """
    if not permissions.can_edit_project(actor, project):
        raise NotPermitted(_("You cannot add files to this initiative."))
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UploadRefused(_("The file is larger than 10 MB. Please send a smaller file."))
    if not data:
        raise UploadRefused(_("The file is empty."))
    kind = sniff(data[:16])
    if kind is None:
        raise UploadRefused(_("Only PDF, PNG and JPEG files are accepted."))
    content_type, extension = kind
    stored_name = secrets.token_hex(16) + extension
    if content_type in PILLOW_FORMATS:
        if not consent:
            raise UploadRefused(
                _(
                    "Please confirm that you have consent to share this image, and that it shows no child "
                    "who could be identified without it."
                )
            )
        if reencode_later:
            check_image(data)
            storage().write(INCOMING + stored_name, data)
        else:
            data = reencode_image(data, content_type)
    elif b"%%EOF" not in data[-2048:]:
        raise UploadRefused(_("This PDF file seems damaged. Please export it again."))
    else:
        data = strip_pdf_metadata(data)
    if not (reencode_later and content_type in PILLOW_FORMATS):
        storage().write(stored_name, data)
    attachment = Attachment(
        project=project,
        uploaded_by_id=actor.id,
        original_name=display_name(filename, extension),
        stored_name=stored_name,
        content_type=content_type,
        size=len(data),
        consent_confirmed=bool(consent),
    )
    db.session.add(attachment)
    editors.record_edit(project, actor)  # a file of the project is part of what it says
    db.session.flush()
    return attachment


def waits_for_reencoding(attachment: Attachment) -> bool:
    return attachment.content_type in PILLOW_FORMATS


@jobs.job
def reencode_attachment(attachment_id: int) -> None:
    """The job queued after an image upload: re-encode the image kept under `incoming/`, store it under
    the attachment's name, and drop what came in (EXIF and GPS with it). An image that cannot be
    re-encoded after all is removed with its attachment, and logged."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        return
    files, incoming = storage(), INCOMING + attachment.stored_name
    try:
        data = reencode_image(files.read(incoming), attachment.content_type)
    except FileNotFoundError:
        return  # done already (a job tried again after it had written the file)
    except UploadRefused:
        log.warning("Attachment %d could not be re-encoded; it was removed", attachment_id)
        db.session.delete(attachment)
        db.session.flush()
        files.delete(incoming)
        return
    files.write(attachment.stored_name, data)
    attachment.size = len(data)
    db.session.flush()
    files.delete(incoming)


def open_attachment(attachment: Attachment):
    """The stored file as a binary stream; FileNotFoundError when it is missing."""
    return storage().open(attachment.stored_name)


def read_attachment(attachment: Attachment) -> bytes:
    return storage().read(attachment.stored_name)
