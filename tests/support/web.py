"""Helpers for the web tests of projects: set a project up through the domain, sign people in, post forms."""

import html as entities
import re

from app.core.extensions import db
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.conftest import get_csrf
from tests.support.projects import advance, fill, load, new_project, review

ROLES = ("anonymous", "community", "reviewer", "far_reviewer", "outsider_partner", "owner", "member", "admin")


def make_project(app, world, stage: Stage = Stage.DRAFT, **changes) -> int:
    """A project of world.org brought to `stage` through the real gates; its id."""
    with app.app_context():
        project = new_project(world.org.id, world.owner.id, **changes)
        advance(project, stage, load(world.owner.id), load(world.reviewer.id), load(world.admin.id))
        db.session.commit()
        return project.id


def fetch(app, project_id: int) -> Project:
    """The project as stored now (read in its own app context; attributes stay loaded)."""
    with app.app_context():
        project = db.session.get(Project, project_id)
        db.session.expunge(project)
        return project


def client_for(app, login_as, world, role: str):
    """A new test client, signed in as `role` of the world (or anonymous)."""
    client = app.test_client()
    if role != "anonymous":
        login_as(getattr(world, role), client)
    return client


def post(client, url: str, data: dict | None = None, **kwargs):
    """POST a form with the session's CSRF token."""
    return client.post(url, data={"csrf_token": get_csrf(client), **(data or {})}, **kwargs)


def text(response) -> str:
    """The page's text with tags removed and spaces collapsed, for reading sentences."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", entities.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def meet_gate(app, project_id: int, world) -> None:
    """Do what the gates out of the project's stage need (fill or review the assessment it is about)."""
    to_fill = {
        Stage.DRAFT: Phase.DESIGN,
        Stage.CHANGES_REQUESTED: Phase.DESIGN,
        Stage.INCUBATING: Phase.IMPLEMENTATION,
        Stage.ACTIVE: Phase.RESULTS,
    }
    to_review = {
        Stage.SUBMITTED: Phase.DESIGN,
        Stage.LAUNCH_REVIEW: Phase.IMPLEMENTATION,
        Stage.COMPLETION_REVIEW: Phase.RESULTS,
    }
    with app.app_context():
        project = db.session.get(Project, project_id)
        if project.stage in to_fill:
            fill(project, to_fill[project.stage], load(world.owner.id))
        elif project.stage in to_review:
            review(project, to_review[project.stage], load(world.reviewer.id))
        db.session.commit()


def csp_directives(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response.headers.get("Content-Security-Policy", "").split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def multipart(fields: dict, file_name: str, data: bytes) -> tuple[bytes, str]:
    """A multipart body written out in memory. (The test client would spool a large one to a temporary
    file that it never closes.)"""
    boundary = "sociallab-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(client, project_id: int, data: bytes, name: str, consent: bool = True):
    fields = {"csrf_token": get_csrf(client)} | ({"consent": "y"} if consent else {})
    body, content_type = multipart(fields, name, data)
    return client.post(f"/projects/{project_id}/attachments", data=body, content_type=content_type)
