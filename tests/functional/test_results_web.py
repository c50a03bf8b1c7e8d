"""The results section of the project page and the partners' forms: charts with their tables, the
forms keeping the typing on errors, and the web form's move to completion review refused without
measured results."""

import re
from html import unescape

from app.core.extensions import db
from app.gate import workflow
from app.projects.models import Project, Stage
from app.results.models import Indicator, Measurement
from tests.support.projects import load, measurement_day
from tests.support.results import active_project
from tests.support.review import hidden_value


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return unescape(response.get_data(as_text=True))


def test_the_project_page_links_to_the_results_page(app, client, login_as, world):
    project_id = active_project(app, world, results=True)
    section = re.search(r'<section id="results">.*?</section>', page(client, f"/projects/{project_id}")).group(0)
    assert "Results that count" in section and f'href="/projects/{project_id}/results"' in section
    assert "1 indicator, with its chart and figures" in section and "Add an indicator" not in section
    login_as(world.owner)
    assert "Add an indicator" in page(client, f"/projects/{project_id}")


def test_the_results_page_draws_each_indicator_with_girls_and_boys_apart_and_a_table(app, client, world):
    project_id = active_project(app, world, results=True)
    html = page(client, f"/projects/{project_id}/results")
    section = re.search(r'<section class="figure indicator".*?</section>', html, re.S).group(0)
    svg = re.search(r"<svg class=\"chart indicator-chart\".*?</svg>", section, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert 'fill="#8a1c5c"' in svg and 'fill="#0b5c8a"' in svg  # girls and boys, two series
    assert "Baseline: 0; Target: 120" in svg
    assert "<table" in section and "<td class=\"num\">60</td>" in section and "Attendance register" in section
    assert "Record a measurement" not in section  # a visitor has no forms


def test_a_partner_adds_an_indicator_and_a_measurement_and_the_typing_is_kept_on_errors(app, client, login_as, world):
    project_id = active_project(app, world)
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}/results")
    assert "Add an indicator" in html
    form = page(client, f"/projects/{project_id}/indicators/new")
    token = hidden_value(form, "csrf_token")
    refused = client.post(f"/projects/{project_id}/indicators/new", data={
        "csrf_token": token, "name": "Girls in school", "unit": "girls", "baseline": "-4", "target": "many",
    })
    assert refused.status_code == 422
    text = unescape(refused.get_data(as_text=True))
    assert "cannot be negative" in text and 'value="many"' in text and 'value="Girls in school"' in text
    done = client.post(f"/projects/{project_id}/indicators/new", data={
        "csrf_token": token, "name": "Girls in school", "unit": "girls", "baseline": "4", "target": "40",
        "by_sex": "y",
    })
    assert done.status_code == 302
    with app.app_context():
        indicator = db.session.query(Indicator).filter_by(project_id=project_id).one()
        indicator_id, day = indicator.id, measurement_day(indicator.project)
    url = f"/projects/{project_id}/indicators/{indicator_id}/measurements/new"
    refused = client.post(url, data={"csrf_token": token, "measured_on": day.isoformat(), "total": "10",
                                     "girls": "7", "boys": "2", "source": "School register"})
    assert refused.status_code == 422
    text = unescape(refused.get_data(as_text=True))
    assert "add up to 9, not to the total 10" in text and 'value="School register"' in text
    done = client.post(url, data={"csrf_token": token, "measured_on": day.isoformat(), "total": "10",
                                  "girls": "7", "boys": "3", "source": "School register"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.query(Measurement).filter_by(indicator_id=indicator_id).count() == 1


def test_forms_are_for_the_organisations_partners_only(app, client, login_as, world):
    project_id = active_project(app, world, results=True)
    with app.app_context():
        indicator_id = db.session.query(Indicator.id).filter_by(project_id=project_id).scalar()
    for person in (world.community, world.reviewer, world.outsider_partner):
        login_as(person)
        page(client, f"/projects/{project_id}/indicators/new", 403)
        page(client, f"/projects/{project_id}/indicators/{indicator_id}/measurements/new", 403)
    page(client, f"/projects/{project_id}/indicators/{indicator_id + 10_000}/edit", 404)


def test_the_web_form_refuses_completion_review_without_measured_results(app, client, login_as, world):
    project_id = active_project(app, world)
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}")
    response = client.post(f"/projects/{project_id}/transition", data={
        "csrf_token": hidden_value(html, "csrf_token"), "to": "completion_review", "note": "",
        "version": hidden_value(html, "version"),
    })
    assert response.status_code == 409
    text = unescape(response.get_data(as_text=True))
    assert "Record at least one indicator with a measurement" in text
    assert "record at least one indicator counted by sex" in text  # girls-focused
    with app.app_context():
        assert db.session.get(Project, project_id).stage == Stage.ACTIVE


def test_the_reviewer_sees_the_indicators_beside_the_disaggregated_results_answer(app, client, login_as, world):
    project_id = active_project(app, world, results=True)
    with app.app_context():
        project = db.session.get(Project, project_id)
        workflow.transition(project, Stage.COMPLETION_REVIEW, load(world.owner.id))
        db.session.commit()
    login_as(world.reviewer)
    html = page(client, f"/review/projects/{project_id}")
    beside = re.search(r'<details class="results-beside" open>.*?</details>', html, re.S).group(0)
    assert "The initiative's indicators (1)" in beside
    assert "Girls and boys attending the weekly sessions" in beside and "<svg" in beside
