"""Uploaded PDFs are written again without their metadata: the document information (author, title,
subject, keywords, creator) and XMP metadata, on the catalogue and on the pages, are gone; the pages stay."""

import io

import pytest
from pypdf import PdfReader, PdfWriter

from app.projects import uploads
from tests.support.pdfs import make_pdf
from tests.support.projects import load, new_project

CHILD = "Aminata, 12 ans, Kaya"


@pytest.fixture
def ctx(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    with app.app_context():
        yield
    app.config.pop("UPLOAD_DIR")


def stored_pdf(world, data: bytes) -> bytes:
    project = new_project(world.org.id, world.owner.id)
    attachment = uploads.store_attachment(project, load(world.owner.id), io.BytesIO(data), "report.pdf", False)
    return uploads.read_attachment(attachment)


def test_the_author_title_and_xmp_of_an_uploaded_pdf_are_removed(ctx, world):
    original = make_pdf({"/Author": CHILD, "/Title": "Awa (8)", "/Keywords": "Mariam 13yo"}, xmp_creator=CHILD,
                        page_xmp=True)
    assert CHILD.encode() in original and PdfReader(io.BytesIO(original)).metadata["/Author"] == CHILD
    stored = stored_pdf(world, original)
    for secret in (b"Aminata", b"Awa (8)", b"Mariam", b"/Author", b"/Metadata", b"xmpmeta"):
        assert secret not in stored, secret
    reader = PdfReader(io.BytesIO(stored))
    assert reader.metadata is None
    assert len(reader.pages) == 1 and reader.pages[0].mediabox.width == 200


def test_a_pdf_without_metadata_is_stored_readable(ctx, world):
    reader = PdfReader(io.BytesIO(stored_pdf(world, make_pdf())))
    assert len(reader.pages) == 1


def test_a_pdf_pypdf_cannot_read_is_refused_as_damaged(ctx, world):
    with pytest.raises(uploads.UploadRefused) as refused:
        stored_pdf(world, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert "seems damaged" in refused.value.message


def test_a_pdf_with_a_password_is_refused(ctx, world):
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_metadata({"/Author": CHILD})
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(uploads.UploadRefused) as refused:
        stored_pdf(world, out.getvalue())
    assert "password" in refused.value.message
