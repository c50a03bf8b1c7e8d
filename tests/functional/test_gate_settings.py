"""Admin gate settings: minimum reviewer gender-equality codes and the minimum answer length."""

import re
from html import unescape

import pytest

from app.core.extensions import db
from app.gate import settings, workflow
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.support.review import hidden_value, project_in, stage_of

GOOD = {"min_ge_incubating": "GE-2", "min_ge_active": "GE-3", "min_answer_length": "80", "flag_threshold": "5"}


def post_settings(client, **values):
    token = hidden_value(client.get("/").get_data(as_text=True), "csrf_token")
    return client.post("/admin/settings", data={"csrf_token": token, **GOOD, **values})


def saved(app) -> dict:
    with app.app_context():
        return {key: settings.get_setting(key) for key in GOOD}


def test_visitors_are_asked_to_log_in(client):
    response = client.get("/admin/settings")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("who", ["community", "owner", "reviewer"])
def test_only_admins_see_or_change_the_settings(app, client, login_as, world, who):
    login_as(getattr(world, who))
    assert client.get("/admin/settings").status_code == 403
    assert post_settings(client).status_code == 403
    assert saved(app) == {
        "min_ge_incubating": "GE-1", "min_ge_active": "GE-1", "min_answer_length": "50", "flag_threshold": "3"
    }


def test_the_page_shows_the_current_settings(client, login_as, world):
    login_as(world.admin)
    response = client.get("/admin/settings")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = unescape(html)
    assert "Minimum reviewer's gender-equality code to move to 'Incubating'" in text
    assert "Minimum reviewer's gender-equality code to move to 'Active'" in text
    assert re.search(r'<option selected value="GE-1">GE-1: limited integration', html)
    assert re.search(r'<input[^>]*name="min_answer_length"[^>]*value="50"', html)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("min_answer_length", "9", "Enter a whole number from 10 to 1000."),
    ("min_answer_length", "1001", "Enter a whole number from 10 to 1000."),
    ("min_answer_length", "fifty", "Enter a whole number from 10 to 1000."),
    ("min_answer_length", "", "Enter a whole number from 10 to 1000."),
    ("min_answer_length", "٥٠", "Enter a whole number from 10 to 1000."),  # Arabic-Indic digits
    ("flag_threshold", "0", "Enter a whole number from 1 to 50."),
    ("flag_threshold", "many", "Enter a whole number from 1 to 50."),
    ("min_ge_incubating", "GE-4", "Choose a gender-equality code from the list."),
    ("min_ge_active", "", "Choose a gender-equality code from the list."),
])
def test_bad_values_are_refused_next_to_their_field(app, client, login_as, world, field, value, message):
    login_as(world.admin)
    response = post_settings(client, **{field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error">{message}' in html
    if field == "min_answer_length" and value:
        assert re.search(rf'<input[^>]*name="min_answer_length"[^>]*value="{value}"', html)  # input kept
    assert saved(app)["min_answer_length"] == "50" and saved(app)["min_ge_incubating"] == "GE-1"


def test_saved_settings_are_shown_again(app, client, login_as, world):
    login_as(world.admin)
    response = post_settings(client, min_answer_length=" 120 ")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/settings")
    assert saved(app) == {
        "min_ge_incubating": "GE-2", "min_ge_active": "GE-3", "min_answer_length": "120", "flag_threshold": "5"
    }
    with app.app_context():
        from app.community.comments import flag_threshold

        assert flag_threshold() == 5  # the number of reports that hides a comment follows the setting
    html = client.get("/admin/settings").get_data(as_text=True)
    assert "The gate settings were saved." in html
    assert re.search(r'<option selected value="GE-3">', html)


def test_a_raised_minimum_code_stops_a_review_that_met_the_old_one(app, client, login_as, world):
    project_id = project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer)
    login_as(world.admin)
    assert post_settings(client, min_ge_incubating="GE-3").status_code == 302
    login_as(world.reviewer)
    html = client.get(f"/review/projects/{project_id}").get_data(as_text=True)
    token = hidden_value(html, "csrf_token")
    review = {"csrf_token": token, "verdict": "satisfactory", "ge_code": "GE-2", "comment": "Well argued."}
    assert client.post(f"/review/projects/{project_id}/assessments/design", data=review).status_code == 302
    html = client.get(f"/review/projects/{project_id}").get_data(as_text=True)
    response = client.post(f"/review/projects/{project_id}/decide", data={
        "csrf_token": token, "to": "incubating", "note": "", "version": hidden_value(html, "version")})
    assert response.status_code == 409
    assert "(GE-2) is below the minimum for &#39;Incubating&#39; (GE-3)" in response.get_data(as_text=True)
    assert stage_of(app, project_id) == Stage.SUBMITTED
    login_as(world.admin)
    assert post_settings(client, min_ge_incubating="GE-2").status_code == 302
    login_as(world.reviewer)
    html = client.get(f"/review/projects/{project_id}").get_data(as_text=True)
    response = client.post(f"/review/projects/{project_id}/decide", data={
        "csrf_token": token, "to": "incubating", "note": "", "version": hidden_value(html, "version")})
    assert response.status_code == 302
    assert stage_of(app, project_id) == Stage.INCUBATING


def test_a_longer_minimum_answer_makes_short_answers_incomplete(app, client, login_as, world):
    project_id = project_in(app, Stage.DRAFT, world.org, world.owner, world.reviewer)
    with app.app_context():
        from tests.support.projects import fill, load

        fill(db.session.get(Project, project_id), Phase.DESIGN, load(world.owner.id))
        db.session.commit()
    login_as(world.admin)
    assert post_settings(client, min_answer_length="1000").status_code == 302
    with app.app_context():
        project = db.session.get(Project, project_id)
        move = workflow.find_move(Stage.DRAFT, Stage.SUBMITTED)
        unmet = workflow.unmet_rules(project, move)
    too_short = ("The answer to 'Gender analysis' in the design assessment is too short: "
                 "write at least 1000 characters.")
    assert too_short in unmet
