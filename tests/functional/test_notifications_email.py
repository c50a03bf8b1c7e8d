"""Notification e-mails: immediately after the commit, or one daily digest (`flask send-digests`),
always in the recipient's language."""

from types import SimpleNamespace

import pytest
from flask import render_template
from flask_babel import force_locale
from sqlalchemy import select, update

from app.accounts.models import NotifyMode, User
from app.community import notification_delivery as delivery
from app.community import notifications
from app.community.models import Notification
from app.community.notification_texts import describe, subject, target_link
from app.core.extensions import db
from app.core.mail import external_url
from app.projects.models import Project, Stage
from tests.support.api import bearer
from tests.support.engagement import follow, forget_notifications, notified, write_comment
from tests.support.web import client_for, fetch, make_project, meet_gate, post


@pytest.fixture
def people(app, make_user, make_org):
    """An organisation with an English owner, a French partner and a partner on the daily digest;
    a Spanish reviewer of the region, a follower on the digest, and an admin."""
    owner = make_user(name="Awa Owner")
    french = make_user(name="Fatou Partenaire", locale="fr")
    digest = make_user(name="Dora Digest")
    reviewer = make_user(name="Rosa Revisora", role="reviewer", regions=("sub_saharan_africa",), locale="es")
    reader = make_user(name="Rémi Lecteur", locale="fr")
    admin = make_user(name="Ada Admin", role="admin")
    org = make_org(country="SN", members=[(owner, "owner"), (french, "member"), (digest, "member")])
    with app.app_context():
        db.session.execute(
            update(User).where(User.id.in_([digest.id, reader.id])).values(notify_mode=NotifyMode.DIGEST)
        )
        db.session.commit()
    return SimpleNamespace(owner=owner, french=french, digest=digest, reviewer=reviewer, reader=reader,
                           admin=admin, org=org)


def submit_through_the_web(app, login_as, people) -> int:
    project_id = make_project(app, people)
    meet_gate(app, project_id, people)
    forget_notifications(app)
    client = client_for(app, login_as, people, "owner")
    response = post(client, f"/projects/{project_id}/transition",
                    {"to": "submitted", "version": str(fetch(app, project_id).version)})
    assert response.status_code == 302
    return project_id


def by_recipient(messages) -> dict[str, object]:
    return {message.to: message for message in messages}


def rendered(app, notification_id: int, locale: str) -> tuple[str, str]:
    """The subject and body of a notification's e-mail rendered again under force_locale(locale)."""
    with app.test_request_context():
        notification = db.session.get(Notification, notification_id)
        user = db.session.get(User, notification.user_id)
        actor = db.session.get(User, notification.actor_id)
        with force_locale(locale):
            body = render_template(
                f"email/notification_{notification.kind}.txt", recipient=user, notification=notification,
                actor=actor.name if actor else None, describe=describe,
                link=target_link(notification), settings_link=external_url("auth.account"),
            )
            return str(subject(notification)), body


def test_each_immediate_recipient_gets_one_e_mail_in_their_language(app, login_as, people, outbox):
    project_id = submit_through_the_web(app, login_as, people)

    messages = by_recipient(outbox())
    # The French partner (stage change) and the Spanish reviewer (review waiting); not the owner who acted,
    # not the partner on the digest.
    assert set(messages) == {people.french.email, people.reviewer.email}

    french = messages[people.french.email]
    assert "Bonjour Fatou Partenaire," in french.body
    assert "Soumise pour examen" in french.body  # the stage's name, in French
    assert f"{app.config['PUBLIC_URL']}/projects/{project_id}" in french.body
    spanish = messages[people.reviewer.email]
    assert "Hola, Rosa Revisora:" in spanish.body
    assert "Enviada a revisión" in spanish.body
    assert f"{app.config['PUBLIC_URL']}/review/projects/{project_id}" in spanish.body

    rows = notified(app)
    for person, locale in ((people.french, "fr"), (people.reviewer, "es")):
        (notification,) = rows[person.id]
        assert notification.emailed_at is not None
        title, body = rendered(app, notification.id, locale)
        assert messages[person.email].subject == title
        assert messages[person.email].body.strip() == body.strip()
    assert rows[people.digest.id][0].emailed_at is None  # waits for the digest


def test_a_transition_through_the_api_sends_the_e_mails_too(app, client, people, outbox):
    project_id = make_project(app, people)
    meet_gate(app, project_id, people)
    response = client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "submitted"},
                           headers=bearer(app, people.owner))
    assert response.status_code == 201
    assert set(by_recipient(outbox())) == {people.french.email, people.reviewer.email}


def test_a_refused_transition_notifies_and_sends_nothing(app, login_as, people, outbox):
    project_id = make_project(app, people)  # the design assessment is not filled in
    forget_notifications(app)
    client = client_for(app, login_as, people, "owner")
    response = post(client, f"/projects/{project_id}/transition",
                    {"to": "submitted", "version": str(fetch(app, project_id).version)})
    assert response.status_code == 409
    assert notified(app) == {} and outbox() == []


def test_only_committed_notifications_are_handed_over_for_e_mail(app, people):
    project_id = make_project(app, people, Stage.INCUBATING)
    with app.app_context():
        project = db.session.get(Project, project_id)
        written = notifications.stage_changed(project, project.events[-1])
        assert written
        db.session.rollback()
        assert delivery.take_committed() == []
        project = db.session.get(Project, project_id)
        written = notifications.stage_changed(project, project.events[-1])
        db.session.commit()
        assert delivery.take_committed() == written
        assert delivery.take_committed() == []


# The daily digest ---------------------------------------------------------------------------------


def test_the_digest_is_sent_once_and_new_notifications_go_to_the_next_one(app, runner, login_as, people, outbox):
    project_id = submit_through_the_web(app, login_as, people)
    follow(app, people.reader, project_id)
    write_comment(app, project_id, people.admin, "A first question.")
    assert {m.to for m in outbox()} == {people.french.email, people.reviewer.email}  # the immediate ones

    first = runner.invoke(args=["send-digests"])
    assert first.exit_code == 0, first.output
    assert "2 digest e-mail(s) sent." in first.output
    sent = by_recipient(outbox()[2:])
    assert set(sent) == {people.digest.email, people.reader.email}
    partner_digest = sent[people.digest.email]
    assert partner_digest.subject == "Your Social Lab digest: 2 notifications"
    moved = "Awa Owner moved “Safe spaces for girls in Thiès” to the stage 'Submitted for review'."
    assert moved in partner_digest.body
    assert "Ada Admin commented on “Safe spaces for girls in Thiès”." in partner_digest.body
    assert f"{app.config['PUBLIC_URL']}/projects/{project_id}" in partner_digest.body
    reader_digest = sent[people.reader.email]
    assert reader_digest.subject == "Votre résumé du Laboratoire social\u00a0: 1 notification"  # French too
    assert "Bonjour Rémi Lecteur," in reader_digest.body  # in the reader's language
    assert all(n.emailed_at is not None for rows in notified(app).values() for n in rows
               if n.user_id in (people.digest.id, people.reader.id))

    again = runner.invoke(args=["send-digests"])
    assert "0 digest e-mail(s) sent." in again.output
    assert len(outbox()) == 4  # nobody got the same digest twice

    write_comment(app, project_id, people.admin, "A second question.")
    third = runner.invoke(args=["send-digests"])
    assert "2 digest e-mail(s) sent." in third.output
    newest = {m.to: m for m in outbox()[4:]}
    assert set(newest) == {people.digest.email, people.reader.email}
    assert newest[people.digest.email].subject == "Your Social Lab digest: 1 notification"
    assert "Ada Admin commented" in newest[people.digest.email].body
    assert "moved" not in newest[people.digest.email].body


def test_people_on_immediate_e_mails_get_no_digest(app, runner, people, outbox):
    project_id = make_project(app, people, Stage.INCUBATING)
    forget_notifications(app)
    write_comment(app, project_id, people.admin)  # written outside a request: nothing e-mailed yet
    result = runner.invoke(args=["send-digests"])
    assert "1 digest e-mail(s) sent." in result.output
    assert [m.to for m in outbox()] == [people.digest.email]


def test_deactivated_or_unconfirmed_people_get_no_e_mail(app, runner, people, outbox):
    project_id = make_project(app, people, Stage.INCUBATING)
    forget_notifications(app)
    with app.app_context():
        db.session.execute(update(User).where(User.id == people.digest.id).values(email_verified_at=None))
        db.session.commit()
    write_comment(app, project_id, people.admin)
    assert "0 digest e-mail(s) sent." in runner.invoke(args=["send-digests"]).output
    with app.app_context():
        waiting = db.session.scalars(select(Notification).where(Notification.user_id == people.digest.id)).all()
        assert [n.emailed_at for n in waiting] == [None]
