"""Several processes writing at once through the web face: people signing in, commenting, pledging and
withdrawing initiatives, each process with its own app and connections on the same database.

On SQLite a transaction that read first cannot take the write lock later once another process has
written meanwhile (the busy timeout does not help there), so every request that writes starts as a
writer (BEGIN IMMEDIATE, app.core.extensions) and waits its turn. No answer is a 5xx or a conflict,
and nothing is lost. The module runs as a script in each child process (`main`).
"""

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import create_app
from app.accounts.models import User
from app.community.models import Comment
from app.core.extensions import db
from app.projects.models import Project, Stage
from app.resources.models import Pledge
from config import TestingConfig
from tests.conftest import CSRF_RE
from tests.support.projects import new_project
from tests.support.resources import add_need, project_at, resource_people

pytestmark = pytest.mark.committed

ROOT = Path(__file__).resolve().parents[2]
WORKERS, ROUNDS = 4, 4


# The child process ----------------------------------------------------------------------------------


def csrf_of(client, url: str) -> str:
    return CSRF_RE.search(client.get(url).get_data(as_text=True)).group(1)


def sign_in(client, email: str, password: str) -> int:
    data = {"email": email, "password": password, "csrf_token": csrf_of(client, "/login")}
    return client.post("/login", data=data).status_code


def main() -> None:
    job = json.loads(sys.argv[1])
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=job["database"], MAIL_OUTBOX_DIR=job["outbox"],
                     RATELIMIT_ENABLED=False, PROPAGATE_EXCEPTIONS=False)  # a 500 is an answer here
    community, partner = app.test_client(), app.test_client()
    project, need = job["project"], job["need"]
    answers = []
    csrf_of(community, "/login")  # the first request of a process loads its templates
    while not Path(job["start"]).exists():
        time.sleep(0.01)
    for n, (draft, version) in enumerate(job["drafts"]):
        answers.append(("sign-in", sign_in(community, job["community"], job["password"])))
        token = csrf_of(community, "/account")
        body = f"Comment {job['worker']}-{n}: which schools take part?"
        answers.append(("comment", community.post(f"/projects/{project}/comments",
                                                  data={"body": body, "csrf_token": token}).status_code))
        page = community.get(f"/projects/{project}/needs/{need}/pledge").get_data(as_text=True)
        key = re.search(rf'name="need{need}-submission_key" type="hidden" value="([^"]+)"', page).group(1)
        data = {f"need{need}-quantity": "10", f"need{need}-submission_key": key, "csrf_token": token}
        answers.append(("pledge", community.post(f"/projects/{project}/needs/{need}/pledge", data=data).status_code))
        answers.append(("sign-in", sign_in(partner, job["partner"], job["password"])))
        data = {"to": "withdrawn", "note": "We stop here.", "version": version, "csrf_token": csrf_of(partner, "/")}
        answers.append(("transition", partner.post(f"/projects/{draft}/transition", data=data).status_code))
        for client in (community, partner):
            client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    with app.app_context():
        db.engine.dispose()
    print(json.dumps(answers))


# The test -------------------------------------------------------------------------------------------


def test_concurrent_writers_from_several_processes_get_no_error_and_lose_nothing(
    app, make_user, make_org, tmp_path
):
    people = resource_people(make_user, make_org)
    project = project_at(app, people, Stage.INCUBATING)
    need = add_need(app, project, people.partner, kind="volunteer_time", quantity=10_000, unit="hours")
    jobs = []
    for worker in range(WORKERS):
        community = make_user(name=f"Writer {worker}")
        partner = make_user(name=f"Partner {worker}")
        org = make_org(country="SN", members=[(partner, "owner")])
        with app.app_context():
            drafts = [new_project(org.id, partner.id, title=f"Draft {worker}-{n}") for n in range(ROUNDS)]
            db.session.commit()
            drafts = [(draft.id, draft.version) for draft in drafts]
        jobs.append({
            "worker": worker, "database": app.config["SQLALCHEMY_DATABASE_URI"], "outbox": str(tmp_path / "outbox"),
            "start": str(tmp_path / "start"), "project": project, "need": need, "drafts": drafts,
            "community": community.email, "partner": partner.email, "password": community.password,
        })
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [subprocess.Popen([sys.executable, __file__, json.dumps(job)], cwd=ROOT, env=env,  # noqa: S603
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for job in jobs]
    time.sleep(3)  # the children build their apps
    (tmp_path / "start").touch()
    answers = Counter()
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err[-3000:]
        answers.update(f"{kind} {status}" for kind, status in json.loads(out.strip().splitlines()[-1]))
    each = WORKERS * ROUNDS
    assert answers == Counter({"sign-in 302": 2 * each, "comment 302": each, "pledge 302": each,
                               "transition 302": each}), answers
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id)).where(Comment.project_id == project)) == each
        assert db.session.scalar(select(func.count(Pledge.id)).where(Pledge.need_id == need)) == each
        withdrawn = select(func.count(Project.id)).where(Project.stage == Stage.WITHDRAWN)
        assert db.session.scalar(withdrawn) == each
        emails = [job[role] for job in jobs for role in ("community", "partner")]
        signed = select(func.count(User.id)).where(User.email.in_(emails), User.last_login_at.is_not(None))
        assert db.session.scalar(signed) == len(emails)


if __name__ == "__main__":
    main()
