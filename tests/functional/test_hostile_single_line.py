"""Line breaks in titles: one-line fields refuse control characters (in the web forms, the API and the
domain), and an e-mail that fails is tried again and, when it still fails, logged as an error. An e-mail
about a project whose title was stored with a line break before this rule still goes out."""

import logging

import pytest
from sqlalchemy import update

from app.core import mail
from app.core.extensions import db
from app.projects.models import Project, Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.web import client_for, meet_gate, post, text

BROKEN_TITLES = [
    "Safe spaces\nfor girls", "Safe spaces\r\nBcc: x@example.org", "Safe\x1b[31m spaces", "Safe\u2028spaces"
]


@pytest.mark.parametrize("title", BROKEN_TITLES)
def test_the_api_refuses_a_title_on_several_lines(app, client, world, title):
    response = client.post(
        "/api/v1/projects",
        json={"title": title, "summary": "Weekly sessions.", "organisation": world.org.slug, "country": "SN",
              "themes": ["child_protection"]},
        headers=bearer(app, world.owner),
    )
    error = assert_error(response, 422, "invalid")
    assert error["details"] == [
        {"field": "title", "message": "Please write this on one line, without line breaks or control characters."}
    ]


def test_the_web_form_refuses_a_title_on_several_lines_and_keeps_the_typing(app, login_as, world):
    client = client_for(app, login_as, world, "owner")
    response = post(client, "/projects/new", {
        "organisation": str(world.org.id), "title": "Safe spaces\nfor girls", "summary": "Weekly sessions.",
        "country": "SN", "themes": ["child_protection"], "language": "en",
    })
    assert response.status_code == 422
    assert "Please write this on one line, without line breaks or control characters." in text(response)
    assert "Weekly sessions." in response.get_data(as_text=True)


def test_a_summary_may_hold_line_breaks(app, client, world):
    body = {"title": "Safe spaces", "organisation": world.org.slug, "country": "SN", "themes": ["child_protection"]}
    ok = client.post("/api/v1/projects", json={**body, "summary": "Weekly.\nSafe."}, headers=bearer(app, world.owner))
    assert ok.status_code == 201, ok.get_json()


@pytest.mark.parametrize("title", ["Helpers\nwanted", "Helpers\x1b"])
def test_a_need_title_refuses_control_characters(app, client, world, title):
    project_id = project_at(app, world, Stage.INCUBATING)
    response = client.post(f"/api/v1/projects/{project_id}/needs",
                           json={"kind": "volunteer_time", "title": title, "quantity": 3},
                           headers=bearer(app, world.owner))
    if "\n" in title:  # a need's title is one line: its whitespace is collapsed
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["title"] == "Helpers wanted"
    else:
        error = assert_error(response, 422, "invalid")
        assert [detail["field"] for detail in error["details"]] == ["title"]


def test_a_transition_note_has_a_length_limit(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    response = client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "withdrawn", "note": "n" * 5001},
                           headers=bearer(app, world.owner))
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["note"]


def test_reviewers_are_told_of_a_project_whose_stored_title_has_a_line_break(app, client, world, outbox):
    project_id = project_at(app, world, Stage.DRAFT)
    meet_gate(app, project_id, world)
    with app.app_context():  # stored before titles were checked
        db.session.execute(update(Project).where(Project.id == project_id).values(title="Safe spaces\nfor girls"))
        db.session.commit()
    moved = client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "submitted"},
                        headers=bearer(app, world.owner))
    assert moved.status_code == 201, moved.get_json()
    to_reviewer = [m for m in outbox() if m.to == world.reviewer.email]
    assert len(to_reviewer) == 1
    assert "Safe spaces for girls" in to_reviewer[0].subject


def test_a_failed_delivery_is_tried_again(app, outbox, monkeypatch, caplog):
    real, calls = mail.write_to_outbox, []

    def flaky(message):
        calls.append(message)
        if len(calls) < 3:
            raise OSError("disk full")
        return real(message)

    monkeypatch.setattr(mail, "write_to_outbox", flaky)
    with app.test_request_context():
        assert mail.send_email("someone@example.org", "Hello", "verify_email", link="https://x.test", days=3)
    assert len(calls) == 3 and len(outbox()) == 1
    assert [r.levelno for r in caplog.records if r.name == "app.core.mail"].count(logging.WARNING) == 2


def test_an_e_mail_that_cannot_be_sent_is_logged_as_an_error(app, monkeypatch, caplog):
    def broken(message):
        raise OSError("no route to host")

    monkeypatch.setattr(mail, "write_to_outbox", broken)
    with app.test_request_context():
        assert not mail.send_email("someone@example.org", "Hello", "verify_email", link="https://x.test", days=3)
    errors = [r for r in caplog.records if r.name == "app.core.mail" and r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "verify_email" in errors[0].getMessage() and "someone@example.org" in errors[0].getMessage()
    assert "3 attempts" in errors[0].getMessage()


def test_a_subject_is_always_one_line(app, outbox):
    with app.test_request_context():
        assert mail.send_email("someone@example.org", "New\r\nBcc: evil@example.org", "verify_email",
                               link="https://x.test", days=3)
    (message,) = outbox()
    assert message.subject == "New Bcc: evil@example.org"
