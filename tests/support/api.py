"""Helpers for JSON API tests: tokens and the error shape."""

from app.accounts.models import User
from app.accounts.tokens import create_token
from app.core.extensions import db


def bearer(app, user) -> dict:
    """Authorization headers with a new token for `user` (a record from make_user)."""
    with app.app_context():
        raw = create_token(db.session.get(User, user.id), "tests")
        db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def assert_error(response, status: int, code: str) -> dict:
    """The response is a JSON error of the API's shape, with this status and code; returns the error."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert error["message"]
    assert isinstance(error["details"], list)
    return error


def project_at(app, world, stage, **changes) -> int:
    """A project of world.org brought to `stage` through the real gates; returns its id."""
    from tests.support.projects import advance, load, new_project

    with app.app_context():
        project = new_project(world.org.id, world.owner.id, **changes)
        advance(project, stage, load(world.owner.id), load(world.reviewer.id))
        db.session.commit()
        return project.id
