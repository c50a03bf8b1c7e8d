"""Attachments: type from the content, size limit, EXIF and GPS removed from images."""

import io

import pytest
from PIL import Image

from app.core.errors import NotPermitted
from app.projects import uploads
from tests.support.pdfs import make_pdf
from tests.support.projects import load, new_project


@pytest.fixture
def ctx(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    with app.app_context():
        yield
    app.config.pop("UPLOAD_DIR")


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (14.0, 41.0, 30.0), "W", (17.0, 26.0, 40.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def store(project, world, data: bytes, name: str, consent: bool = True):
    return uploads.store_attachment(project, load(world.owner.id), io.BytesIO(data), name, consent)


def test_a_jpeg_comes_back_without_its_gps_position(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(0x8825), "the test image must carry GPS data"
    attachment = store(project, world, original, "photo.jpg")
    stored = uploads.read_attachment(attachment)
    with Image.open(io.BytesIO(stored)) as after:
        assert not after.getexif().get_ifd(0x8825)
        assert 0x010F not in after.getexif()
        assert after.size == (40, 30)
    assert b"PhoneMaker" not in stored
    assert attachment.content_type == "image/jpeg" and attachment.consent_confirmed


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<?php system($_GET['c']); ?>", "shell.png"),
        (b"<html><script>alert(1)</script></html>", "page.png"),
        (b"GIF89a\x01\x00\x01\x00", "anim.jpg"),
        (b"MZ\x90\x00binary", "tool.pdf"),
    ],
)
def test_files_that_are_not_pdf_png_or_jpeg_by_content_are_refused(ctx, world, data, name):
    project = new_project(world.org.id, world.owner.id)
    with pytest.raises(uploads.UploadRefused) as refused:
        store(project, world, data, name)
    assert "Only PDF, PNG and JPEG" in refused.value.message


def test_a_png_header_on_a_damaged_image_is_refused(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    with pytest.raises(uploads.UploadRefused) as refused:
        store(project, world, b"\x89PNG\r\n\x1a\n" + b"<?php echo 1; ?>" * 10, "fake.png")
    assert "could not be read" in refused.value.message


def test_an_oversized_file_gets_a_clear_error(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    with pytest.raises(uploads.UploadRefused) as refused:
        store(project, world, b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024) + b"%%EOF", "big.pdf")
    assert "larger than 10 MB" in refused.value.message


def test_an_image_needs_consent(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    with pytest.raises(uploads.UploadRefused) as refused:
        store(project, world, jpeg_with_gps(), "photo.jpg", consent=False)
    assert "consent" in refused.value.message


def test_a_pdf_is_kept_with_a_random_name_and_a_harmless_display_name(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    pdf = make_pdf()
    attachment = store(project, world, pdf, "../../etc/<plan>.pdf", consent=False)
    assert attachment.original_name == "plan.pdf"
    assert attachment.stored_name.endswith(".pdf") and "plan" not in attachment.stored_name
    assert uploads.read_attachment(attachment).startswith(b"%PDF-")


def test_only_partners_may_upload(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    with pytest.raises(NotPermitted):
        uploads.store_attachment(project, load(world.community.id), io.BytesIO(b"%PDF-1.4 %%EOF"), "a.pdf", False)
    assert project.attachments == []
