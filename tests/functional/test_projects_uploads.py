"""Attachments through the web: what is refused, and what comes back on download."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects import uploads
from app.projects.models import Attachment, Stage
from tests.conftest import get_csrf
from tests.support.pdfs import make_pdf
from tests.support.web import client_for, make_project, text, upload

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    yield tmp_path
    app.config.pop("UPLOAD_DIR")


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (14.0, 41.0, 30.0), "W", (17.0, 26.0, 40.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def attachments(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Attachment))


def test_the_upload_form_sends_files_and_asks_for_consent(app, world, login_as):
    project_id = make_project(app, world)
    html = client_for(app, login_as, world, "owner").get(f"/projects/{project_id}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    assert "I confirm that I have consent to share this image" in html
    admin = client_for(app, login_as, world, "admin").get(f"/projects/{project_id}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' not in admin  # only partners add files


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"<?php system($_GET['c']); ?>", "shell.png"), (b"<html><script>alert(1)</script></html>", "page.png")],
)
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(app, world, login_as, data, name):
    project_id = make_project(app, world)
    response = upload(client_for(app, login_as, world, "owner"), project_id, data, name)
    assert response.status_code == 422
    assert "Only PDF, PNG and JPEG files are accepted." in text(response)
    assert "Safe spaces for girls in Thiès" in text(response)  # on the project page
    assert attachments(app) == 0


def test_a_file_over_10_mb_gets_a_clear_message(app, world, login_as):
    project_id = make_project(app, world)
    big = b"%PDF-1.7\n" + b"0" * (11 * MB) + b"\n%%EOF"
    response = upload(client_for(app, login_as, world, "owner"), project_id, big, "report.pdf")
    assert response.status_code == 422
    assert "The file is larger than 10 MB. Please send a smaller file." in text(response)
    assert attachments(app) == 0


def test_a_request_over_the_size_limit_gets_the_413_page(app, world, login_as):
    project_id = make_project(app, world)
    huge = b"%PDF-1.7\n" + b"0" * (13 * MB)
    response = upload(client_for(app, login_as, world, "owner"), project_id, huge, "huge.pdf")
    assert response.status_code == 413
    assert "The file or form you sent is too large." in text(response)
    assert attachments(app) == 0


def test_an_image_needs_the_consent_box(app, world, login_as):
    project_id = make_project(app, world)
    response = upload(
        client_for(app, login_as, world, "owner"), project_id, jpeg_with_gps(), "girls.jpg", consent=False
    )
    assert response.status_code == 422
    assert "Please confirm that you have consent to share this image" in text(response)
    assert attachments(app) == 0


def test_a_jpeg_comes_back_as_a_download_without_its_gps_position(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "owner")
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(0x8825)
    response = upload(client, project_id, original, "../Club day.jpg")
    assert response.status_code == 302
    page = client.get(f"/projects/{project_id}")
    assert "The file was added." in text(page) and "Club day.jpg" in text(page)
    with app.app_context():
        attachment_id = db.session.scalar(select(Attachment.id))

    with client.get(f"/projects/{project_id}/attachments/{attachment_id}") as download:
        assert download.status_code == 200
        assert download.headers["Content-Type"] == "image/jpeg"
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert "Club day.jpg" in download.headers["Content-Disposition"]
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert download.headers["Cache-Control"] == "private, no-store"  # a draft's file
        body = download.get_data()
    with Image.open(io.BytesIO(body)) as after:
        assert not after.getexif().get_ifd(0x8825)
        assert after.size == (40, 30)
    assert b"PhoneMaker" not in body


def test_a_pdf_needs_no_consent(app, world, login_as):
    project_id = make_project(app, world)
    response = upload(client_for(app, login_as, world, "owner"), project_id, make_pdf(), "budget.pdf", consent=False)
    assert response.status_code == 302 and attachments(app) == 1


def test_a_drafts_file_is_404_for_outsiders(app, world, login_as):
    project_id = make_project(app, world)
    other_id = make_project(app, world, Stage.SUBMITTED)
    owner = client_for(app, login_as, world, "owner")
    upload(owner, project_id, make_pdf(), "plan.pdf")
    with app.app_context():
        attachment_id = db.session.scalar(select(Attachment.id))
        stored = uploads.read_attachment(db.session.get(Attachment, attachment_id))
    url = f"/projects/{project_id}/attachments/{attachment_id}"
    for role in ("anonymous", "community", "outsider_partner", "reviewer"):
        assert client_for(app, login_as, world, role).get(url).status_code == 404, role
    with owner.get(url) as response:
        assert response.status_code == 200 and response.get_data() == stored
    # the file of one project is not served under another
    assert owner.get(f"/projects/{other_id}/attachments/{attachment_id}").status_code == 404


@pytest.mark.parametrize(
    ("stage", "role", "status"),
    [
        (Stage.INCUBATING, "community", 403),
        (Stage.INCUBATING, "reviewer", 403),
        (Stage.SUBMITTED, "owner", 403),
        (Stage.DRAFT, "outsider_partner", 404),
    ],
)
def test_only_partners_add_files_while_the_project_is_edited(app, world, login_as, stage, role, status):
    project_id = make_project(app, world, stage)
    response = upload(client_for(app, login_as, world, role), project_id, b"%PDF-1.4\n%%EOF\n", "a.pdf")
    assert response.status_code == status
    assert attachments(app) == 0


def test_sending_no_file_asks_for_one(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "owner")
    response = client.post(
        f"/projects/{project_id}/attachments",
        data={"csrf_token": get_csrf(client)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert '<p class="error" id="file-error">Choose a file.</p>' in response.get_data(as_text=True)
