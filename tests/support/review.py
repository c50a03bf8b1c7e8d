"""Helpers for the review pages' tests: projects in a stage, form fields read from a page, query counts."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.core.columns import utcnow
from app.core.extensions import db
from app.projects.models import Project, ProjectEvent
from tests.support.projects import advance, load, new_project

HIDDEN_RE = r'<input[^>]*name="{name}"[^>]*value="([^"]*)"'


def project_in(app, stage, org, owner, reviewer, *, title="Safe spaces for girls in Thiès", country="SN",
               waiting_days=None) -> int:
    """A project of `org` brought to `stage` through the real gates; returns its id.

    `waiting_days` dates the last stage change that many days back (how long it has waited for review).
    """
    with app.app_context():
        project = new_project(org.id, owner.id, title=title, country=country)
        advance(project, stage, load(owner.id), load(reviewer.id))
        if waiting_days is not None:
            project.stage_changed_at = utcnow() - timedelta(days=waiting_days)
        db.session.commit()
        return project.id


def hidden_value(html: str, name: str) -> str:
    match = re.search(HIDDEN_RE.format(name=name), html)
    assert match, f"no hidden field {name!r}"
    return match.group(1)


def stage_of(app, project_id: int):
    with app.app_context():
        return db.session.get(Project, project_id).stage


def event_count(app, project_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(ProjectEvent.project_id == project_id))


def review_page(client, project_id: int) -> str:
    return client.get(f"/review/projects/{project_id}").get_data(as_text=True)


def validate(client, project_id: int, phase: str = "design", **data):
    """Post the validation form of the review page (`verdict`, `ge_code`, `comment`)."""
    data["csrf_token"] = hidden_value(review_page(client, project_id), "csrf_token")
    return client.post(f"/review/projects/{project_id}/assessments/{phase}", data=data)


def decide(client, project_id: int, to: str, note: str = "", version: str | None = None):
    """Post a decision form of the review page, with the version it shows unless `version` is given."""
    html = review_page(client, project_id)
    data = {"csrf_token": hidden_value(html, "csrf_token"), "to": to, "note": note,
            "version": version or hidden_value(html, "version")}
    return client.post(f"/review/projects/{project_id}/decide", data=data)
