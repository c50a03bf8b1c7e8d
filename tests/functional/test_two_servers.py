"""Two app servers, as in production: two gunicorn processes (production settings) on one database, one
Redis (page cache, job queue) and one S3-compatible server (moto's server mode). A file uploaded through
one is downloaded through the other; an e-mail asked for through one is queued and delivered by a worker;
a page cached by one is made old by a write through the other; nothing is sent for a refused request."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack, contextmanager

import pytest
import requests
from redis import Redis

from app.projects.models import Stage
from tests.support.jobs import REDIS_URL, ROOT, own_queue, run_worker
from tests.support.pdfs import make_pdf
from tests.support.projects import world_records
from tests.support.storage import objects, s3_storage
from tests.support.web import make_project, multipart

pytestmark = pytest.mark.committed
CSRF_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def app_server(env: dict[str, str], log_path):
    """A gunicorn process of the app on a free port of 127.0.0.1; yields its base URL once /healthz answers."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603 - a fixed command
            [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still loading the app
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the app server did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def production_env(app, bucket_settings: dict) -> dict[str, str]:
    return {
        **os.environ,
        "FLASK_CONFIG": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PUBLIC_URL": "https://lab.example.org",
        "TRUSTED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false",  # the test speaks plain HTTP to 127.0.0.1
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "JOB_QUEUE_URL": app.config["JOB_QUEUE_URL"],
        "JOB_QUEUE_NAME": app.config["JOB_QUEUE_NAME"],
        "CACHE_REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:",
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_OUTBOX_DIR": app.config["MAIL_OUTBOX_DIR"],
        "REQUEST_LOG": "false",
        **{key: str(value) for key, value in bucket_settings.items()},
    }


def csrf_of(session: requests.Session, url: str) -> str:
    return CSRF_RE.search(session.get(url, timeout=10).text).group(1)


def test_two_servers_share_files_jobs_and_the_cache(app, make_user, make_org, s3_endpoint, outbox, tmp_path):
    world = world_records(make_user, make_org)
    project_id = make_project(app, world)
    public_id = make_project(app, world, Stage.ACTIVE, title="Football clubs for girls in Kolda")
    with ExitStack() as stack:
        stack.enter_context(own_queue(app))
        bucket = stack.enter_context(s3_storage(app, s3_endpoint))
        settings = {key: app.config[key] for key in
                    ("STORAGE", "S3_ENDPOINT_URL", "S3_BUCKET", "S3_PREFIX", "S3_REGION", "S3_ACCESS_KEY_ID",
                     "S3_SECRET_ACCESS_KEY")}
        env = production_env(app, settings)
        redis = Redis.from_url(REDIS_URL)
        stack.callback(lambda: [redis.delete(key) for key in redis.scan_iter(f"{env['CACHE_KEY_PREFIX']}*")])
        first = stack.enter_context(app_server(env, tmp_path / "first.log"))
        second = stack.enter_context(app_server(env, tmp_path / "second.log"))

        # Signed in through the first server; the same session cookie works on the second.
        owner = requests.Session()
        signed_in = owner.post(f"{first}/login", timeout=10, allow_redirects=False, data={
            "email": world.owner.email, "password": world.owner.password,
            "csrf_token": csrf_of(owner, f"{first}/login")})
        assert signed_in.status_code == 302, signed_in.text[:500]

        # A file uploaded through the first server is in the bucket and downloaded through the second.
        body, content_type = multipart({"csrf_token": csrf_of(owner, f"{first}/projects/{project_id}")},
                                       "Plan.pdf", make_pdf())
        uploaded = owner.post(f"{first}/projects/{project_id}/attachments", data=body, timeout=30,
                              headers={"Content-Type": content_type}, allow_redirects=False)
        assert uploaded.status_code == 302, uploaded.text[:500]
        (stored,) = objects(s3_endpoint, bucket).values()
        page = owner.get(f"{second}/projects/{project_id}", timeout=10).text
        link = re.search(rf'href="(/projects/{project_id}/attachments/\d+)"', page).group(1)
        download = owner.get(f"{second}{link}", timeout=10)
        assert download.status_code == 200 and download.content == stored
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert requests.get(f"{second}{link}", timeout=10).status_code == 404  # a draft's file, for a visitor

        # A reset link asked for through the second server: queued, then delivered by a worker.
        visitor = requests.Session()
        asked = visitor.post(f"{second}/password/forgot", timeout=10, allow_redirects=False, data={
            "email": world.owner.email, "csrf_token": csrf_of(visitor, f"{second}/password/forgot")})
        assert asked.status_code == 302
        refused = visitor.post(f"{first}/password/forgot", timeout=10, allow_redirects=False, data={
            "email": world.member.email, "csrf_token": "forged"})
        assert refused.status_code == 400
        assert outbox() == []
        run_worker(app, PUBLIC_URL="https://lab.example.org")  # the worker builds the link
        assert [m.to for m in outbox()] == [world.owner.email]
        assert "https://lab.example.org/password/reset/" in outbox()[0].body

        # A page cached by the first server (Redis) is made old by a comment posted through the second.
        assert "Which schools take part" not in requests.get(f"{first}/projects/{public_id}", timeout=10).text
        assert list(redis.scan_iter(f"{env['CACHE_KEY_PREFIX']}page:*")), "cached in Redis"
        member = requests.Session()
        member.post(f"{second}/login", timeout=10, data={
            "email": world.community.email, "password": world.community.password,
            "csrf_token": csrf_of(member, f"{second}/login")})
        posted = member.post(f"{second}/projects/{public_id}/comments", timeout=10, allow_redirects=False, data={
            "body": "Which schools take part this year?",
            "csrf_token": csrf_of(member, f"{second}/projects/{public_id}")})
        assert posted.status_code == 302, posted.text[:500]
        assert "Which schools take part" in requests.get(f"{first}/projects/{public_id}", timeout=10).text

        # Both servers read one readiness: the database and the one Redis.
        for base in (first, second):
            assert requests.get(f"{base}/readyz", timeout=10).json()["checks"] == {"database": "ok", "redis": "ok"}
