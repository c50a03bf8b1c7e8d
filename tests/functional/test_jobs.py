"""The job queue (app/core/jobs.py): jobs wait for the request's commit, go to the RQ queue on the local
Redis, and a real worker process runs them, trying failures again with back-off until they end in the
failed list (the admin page, `flask jobs failed`). Without a queue they run inline, after the commit."""

from pathlib import Path

import pytest
from flask import Response
from rq.registry import FailedJobRegistry, ScheduledJobRegistry

from app.core import jobs, transaction
from tests.support.jobs import always_fails, own_queue, record, run_worker

REGISTRATION = {"name": "Kadi Sow", "password": "lantern orbit meadow 7", "confirm": "lantern orbit meadow 7",
                "locale": "fr"}


def test_inline_jobs_run_after_the_commit_and_never_after_a_rollback(app, tmp_path):
    marker = tmp_path / "ran.txt"
    with app.test_request_context():
        jobs.enqueue(record, str(marker), "rolled back")
        assert not marker.exists(), "nothing runs before the commit"
        transaction.finish(Response(status=500))
    with app.test_request_context():
        jobs.enqueue(record, str(marker), "committed")
        transaction.finish(Response(status=200))
    assert marker.read_text() == "committed\n"


def test_queued_jobs_are_queued_only_once_the_request_committed(app, tmp_path):
    with own_queue(app) as queue:
        with app.test_request_context():
            jobs.enqueue(record, str(tmp_path / "x"), "rolled back")
            transaction.finish(Response(status=409))
        assert queue.count == 0
        with app.test_request_context():
            jobs.enqueue(record, str(tmp_path / "x"), "committed")
            assert queue.count == 0
            transaction.finish(Response(status=200))
        assert queue.count == 1
        assert queue.jobs[0].args == ("tests.support.jobs.record", (str(tmp_path / "x"), "committed"), {})


def test_an_e_mail_is_queued_after_the_commit_and_delivered_by_a_worker(app, client, csrf, outbox):
    with own_queue(app) as queue:
        data = {**REGISTRATION, "email": "kadi.sow@example.org", "csrf_token": csrf(client, "/register")}
        response = client.post("/register", data=data)
        assert response.status_code == 302
        assert outbox() == [] and queue.count == 1, "queued, not sent in the request"
        run_worker(app)
        assert queue.count == 0
        assert [m.to for m in outbox()] == ["kadi.sow@example.org"]


def test_a_refused_request_queues_no_e_mail(app, client, csrf, outbox):
    with own_queue(app) as queue:
        data = {**REGISTRATION, "email": "kadi.sow@example.org", "confirm": "something else",
                "csrf_token": csrf(client, "/register")}
        assert client.post("/register", data=data).status_code != 302  # the form again, with its errors
        assert queue.count == 0 and outbox() == []


def test_a_failing_job_is_tried_again_after_a_pause(app, tmp_path):
    marker = tmp_path / "attempts.txt"
    with own_queue(app, delays=(60, 300)) as queue:
        with app.app_context():
            jobs.enqueue(always_fails, str(marker))
        run_worker(app)
        assert marker.read_text().count("attempt") == 1
        scheduled = ScheduledJobRegistry(queue=queue)
        (job_id,) = scheduled.get_job_ids()
        wait = scheduled.get_scheduled_time(job_id).timestamp() - Path(marker).stat().st_mtime
        assert 50 < wait <= 61, "the first pause of JOB_RETRY_DELAYS"


def test_a_job_that_fails_every_attempt_ends_in_the_failed_list(app, client, csrf, runner, login_as, make_user,
                                                                tmp_path):
    marker = tmp_path / "attempts.txt"
    with own_queue(app, delays=(0, 0)) as queue:
        with app.app_context():
            jobs.enqueue(always_fails, str(marker))
        run_worker(app)
        assert marker.read_text().count("attempt") == 3, "the first attempt and one per pause"
        (job_id,) = FailedJobRegistry(queue=queue).get_job_ids()

        listed = runner.invoke(args=["jobs", "failed"])
        assert listed.exit_code == 1
        assert job_id in listed.output and "tests.support.jobs.always_fails" in listed.output
        assert "refused the message (on purpose)" in listed.output

        login_as(make_user(role="admin"))
        page = client.get("/admin/jobs").get_data(as_text=True)
        assert job_id in page and "always_fails" in page

        token = csrf(client, "/admin/jobs")
        again = client.post("/admin/jobs/retry", data={"job_id": job_id, "csrf_token": token})
        assert again.status_code == 302
        assert FailedJobRegistry(queue=queue).get_job_ids() == [] and queue.count == 1
        unknown = client.post("/admin/jobs/retry", data={"job_id": "no-such-job", "csrf_token": token},
                              follow_redirects=True)
        assert "No failed job has this number." in unknown.get_data(as_text=True)


def test_the_admin_page_says_when_there_is_no_queue(client, login_as, make_user):
    login_as(make_user(role="admin"))
    page = client.get("/admin/jobs")
    assert page.status_code == 200
    assert "No job queue is set" in page.get_data(as_text=True)


def test_only_functions_marked_as_jobs_are_queued(app):
    with app.app_context(), pytest.raises(ValueError, match="not marked as a job"):
        jobs.enqueue(print, "hello")


def test_the_worker_command_needs_a_queue(runner):
    result = runner.invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 1 and "JOB_QUEUE_URL" in result.output

