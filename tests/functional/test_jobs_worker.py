"""Jobs that read the database, run by a real worker process on the local Redis (so the data is
committed): the password-reset answer takes the same path whether the address is known or not (the
request queues one job with the address typed; the worker looks the account up and mails it), and the
daily digest, the re-encoding of an uploaded image."""

import io

import pytest
from PIL import Image
from sqlalchemy import select, update

from app.accounts import accounts
from app.accounts.models import NotifyMode, User
from app.core.extensions import db
from app.projects.models import Attachment, Stage
from tests.support.engagement import follow, forget_notifications, write_comment
from tests.support.jobs import own_queue, run_worker
from tests.support.projects import world_records
from tests.support.web import make_project, upload

pytestmark = pytest.mark.committed


def ask(client, csrf, email):
    response = client.post("/password/forgot", data={"email": email, "csrf_token": csrf(client, "/password/forgot")})
    response.close()  # the server closes the answer once it is sent
    return response


def test_known_and_unknown_addresses_queue_the_same_job_and_only_the_worker_looks(app, client, csrf, make_user,
                                                                                  outbox, monkeypatch):
    known = make_user().email
    looked_up = []
    monkeypatch.setattr(accounts, "account_for_reset_request", lambda email: looked_up.append(email))
    with own_queue(app) as queue:
        answers = [ask(client, csrf, email) for email in (known, "nobody@example.org")]
        assert [a.status_code for a in answers] == [302, 302]
        assert answers[0].headers["Location"] == answers[1].headers["Location"]
        assert looked_up == [], "the request looks nothing up"
        queued = [(job.func_name, job.args) for job in queue.jobs]
        assert queued == [
            ("app.core.jobs.perform", ("app.accounts.emails.send_reset_link", (email,), {}))
            for email in (known, "nobody@example.org")
        ]
        monkeypatch.undo()
        run_worker(app)
        assert queue.count == 0
    messages = outbox()
    assert [m.to for m in messages] == [known]
    assert "/password/reset/" in messages[0].body


def test_the_daily_digest_command_queues_the_digests_and_a_worker_delivers_them(app, runner, make_user, make_org,
                                                                              outbox):
    """What the systemd timer runs each morning (README, "Production"): `flask send-digests`."""
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.ACTIVE)
    with app.app_context():
        db.session.execute(update(User).where(User.id == world.community.id).values(notify_mode=NotifyMode.DIGEST))
        db.session.commit()
    forget_notifications(app)
    follow(app, world.community, project_id)
    write_comment(app, project_id, world.admin, "A first question about the clubs.")
    with own_queue(app) as queue:
        claimed = runner.invoke(args=["send-digests"])
        assert claimed.exit_code == 0, claimed.output
        assert "1 digest e-mail(s) sent." in claimed.output
        assert queue.count == 1 and outbox() == []
        again = runner.invoke(args=["send-digests"])  # the timer fired twice: nothing claimed twice
        assert "0 digest e-mail(s) sent." in again.output and queue.count == 1
        run_worker(app)
    (digest,) = outbox()
    assert digest.to == world.community.email
    assert "Ada Admin commented on" in digest.body


def test_an_uploaded_image_is_re_encoded_by_the_worker_and_served_only_then(app, make_user, make_org, login_as,
                                                                            tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    try:
        world = world_records(make_user, make_org)
        project_id = make_project(app, world)
        client = login_as(world.owner)
        with own_queue(app) as queue:
            image = Image.new("RGB", (40, 30), (200, 30, 60))
            exif = Image.Exif()
            exif[0x010F] = "PhoneMaker"
            out = io.BytesIO()
            image.save(out, format="JPEG", exif=exif)
            assert upload(client, project_id, out.getvalue(), "Club day.jpg").status_code == 302
            with app.app_context():
                attachment_id, key = db.session.execute(select(Attachment.id, Attachment.stored_name)).one()
            url = f"/projects/{project_id}/attachments/{attachment_id}"
            assert queue.count == 1
            assert client.get(url).status_code == 404, "never served before it is re-encoded"
            assert b"PhoneMaker" in (tmp_path / "incoming" / key).read_bytes()

            run_worker(app, UPLOAD_DIR=str(tmp_path))
            with client.get(url) as download:
                assert download.status_code == 200 and download.headers["Content-Type"] == "image/jpeg"
                body = download.get_data()
            assert b"PhoneMaker" not in body and Image.open(io.BytesIO(body)).size == (40, 30)
            assert not (tmp_path / "incoming" / key).exists()
            with app.app_context():
                assert db.session.get(Attachment, attachment_id).size == len(body)
    finally:
        app.config.pop("UPLOAD_DIR")
