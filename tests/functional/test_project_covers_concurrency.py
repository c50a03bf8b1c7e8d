"""Two partners changing an initiative's cover at the same moment, from two threads with two connections:
no error page, one cover in the end, and its files on the disk."""

import io
import threading
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.core.extensions import db
from app.projects.models import Attachment, ProjectCover, Stage
from tests.conftest import get_csrf
from tests.support.resources import project_at, resource_people
from tests.support.web import upload

pytestmark = pytest.mark.committed
ROUNDS = 3


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    yield tmp_path
    app.config.pop("UPLOAD_DIR")


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (700, 400), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_two_cover_changes_at_once_leave_one_cover(app, login_as, make_user, make_org, upload_dir):
    people = resource_people(make_user, make_org)
    project_id = project_at(app, people, Stage.ACTIVE)
    first = login_as(people.partner, app.test_client())
    assert upload(first, project_id, picture(), "photo.jpg").status_code == 302
    with app.app_context():
        image_id = db.session.scalar(select(Attachment.id).where(Attachment.project_id == project_id))
    clients = [first, login_as(people.partner, app.test_client())]
    for round_ in range(ROUNDS):
        tokens = [get_csrf(client, f"/projects/{project_id}/cover") for client in clients]
        barrier = threading.Barrier(2, timeout=20)
        answers = [None, None]

        def send(index: int, tokens=tokens, barrier=barrier, answers=answers, round_=round_) -> None:
            barrier.wait()
            answers[index] = clients[index].post(
                f"/projects/{project_id}/cover",
                data={"csrf_token": tokens[index], "image": str(image_id), "alt": f"Photo {round_}-{index}"},
            )

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses in ([302, 302], [302, 409]), statuses
        with app.app_context():
            covers = db.session.scalars(select(ProjectCover).where(ProjectCover.project_id == project_id)).all()
            assert len(covers) == 1
            stem = covers[0].stem
        assert {p.name for p in Path(upload_dir).glob(f"cover-{stem}-*")} == {
            f"cover-{stem}-{w}.jpg" for w in (320, 640, 700)
        }
