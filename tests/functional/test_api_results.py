"""API: indicators and measurements (DESIGN.md's bodies), their refusals, and the move to completion
review refused through the API without measured results."""

from datetime import timedelta

import pytest

from app.core.extensions import db
from app.projects.models import Project, Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import measurement_day
from tests.support.results import active_project


def day(app, project_id, shift=0):
    with app.app_context():
        return (measurement_day(db.session.get(Project, project_id)) + timedelta(days=shift)).isoformat()


def test_partners_add_an_indicator_and_a_measurement_and_everyone_reads_them(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    headers = bearer(app, world.owner)
    created = client.post(f"/api/v1/projects/{project_id}/indicators", headers=headers, json={
        "name": "Girls in secondary school", "unit": "girls", "baseline": 40, "target": "120.5",
        "by_sex": True, "by_age": False})
    assert created.status_code == 201, created.get_data(as_text=True)
    indicator = created.get_json()
    assert indicator["baseline"] == "40" and indicator["target"] == "120.5" and indicator["measurements"] == []
    measured = client.post(f"/api/v1/indicators/{indicator['id']}/measurements", headers=headers, json={
        "measured_on": day(app, project_id), "values": {"girls": 60, "boys": 30, "total": 90},
        "source": "Attendance registers"})
    assert measured.status_code == 201, measured.get_data(as_text=True)
    assert measured.get_json()["values"] == {"total": "90", "girls": "60", "boys": "30"}
    listed = client.get(f"/api/v1/projects/{project_id}/indicators").get_json()["items"]
    assert [m["source"] for m in listed[0]["measurements"]] == ["Attendance registers"]


def test_bad_values_are_refused_field_by_field_saying_what_does_not_add_up(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    headers = bearer(app, world.owner)
    error = assert_error(client.post(f"/api/v1/projects/{project_id}/indicators", headers=headers, json={
        "name": "Girls", "unit": "girls", "baseline": -1, "target": 10}), 422, "invalid")
    assert [d["field"] for d in error["details"]] == ["baseline"]
    indicator = client.post(f"/api/v1/projects/{project_id}/indicators", headers=headers, json={
        "name": "Girls", "unit": "girls", "baseline": 1, "target": 10, "by_sex": True}).get_json()
    error = assert_error(client.post(f"/api/v1/indicators/{indicator['id']}/measurements", headers=headers, json={
        "measured_on": day(app, project_id, 3), "values": {"girls": 6, "boys": 3, "total": 10},
        "source": "Register"}), 422, "invalid")
    assert {d["field"]: d["message"] for d in error["details"]} == {
        "measured_on": "A measurement cannot be dated in the future.",
        "total": "Girls, boys and other add up to 9, not to the total 10: correct the figures.",
    }
    assert_error(client.post(f"/api/v1/indicators/{indicator['id']}/measurements", headers=headers, json={
        "measured_on": day(app, project_id), "values": {"total": True}, "source": "Register"}), 422, "invalid")


@pytest.mark.parametrize("who", ["community", "reviewer", "outsider_partner", "admin"])
def test_only_the_partners_write(app, client, world, who):
    project_id = project_at(app, world, Stage.INCUBATING)
    assert_error(client.post(f"/api/v1/projects/{project_id}/indicators", headers=bearer(app, getattr(world, who)),
                             json={"name": "Girls", "unit": "girls", "baseline": 1, "target": 10}), 403, "forbidden")


def test_too_early_is_results_closed_and_no_token_is_unauthorized(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    body = {"name": "Girls", "unit": "girls", "baseline": 1, "target": 10}
    assert_error(client.post(f"/api/v1/projects/{project_id}/indicators", json=body), 401, "unauthorized")
    error = assert_error(client.post(f"/api/v1/projects/{project_id}/indicators", headers=bearer(app, world.owner),
                                     json=body), 409, "results_closed")
    assert "not incubating yet" in error["message"]


def test_the_api_refuses_completion_review_without_measured_results(app, client, world):
    project_id = active_project(app, world)
    response = client.post(f"/api/v1/projects/{project_id}/transitions", headers=bearer(app, world.owner),
                           json={"to": "completion_review"})
    error = assert_error(response, 409, "gate_blocked")
    assert [d["rule"] for d in error["details"]] == ["indicator_measurement_missing", "indicator_by_sex_missing"]
    with app.app_context():
        assert db.session.get(Project, project_id).stage == Stage.ACTIVE
