"""An uploaded PDF is served without the metadata it came with: a child's name and age in its Author
field is not handed to whoever downloads it."""

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.projects.models import Attachment, Stage
from tests.support.pdfs import make_pdf
from tests.support.web import client_for, make_project, upload


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    yield
    app.config.pop("UPLOAD_DIR")


def test_an_initiative_s_pdf_is_downloaded_without_its_author_and_xmp(app, world, login_as):
    project_id = make_project(app, world, Stage.DRAFT)
    pdf = make_pdf({"/Author": "Fatoumata, 13yo"}, xmp_creator="Fatoumata, 13yo")
    response = upload(client_for(app, login_as, world, "owner"), project_id, pdf, "story.pdf", consent=False)
    assert response.status_code == 302
    with app.app_context():
        attachment_id = db.session.scalar(select(Attachment.id))
    with client_for(app, login_as, world, "owner").get(f"/projects/{project_id}/attachments/{attachment_id}") as got:
        assert got.status_code == 200
        body = got.get_data()
    assert body.startswith(b"%PDF-") and b"Fatoumata" not in body and b"/Author" not in body
