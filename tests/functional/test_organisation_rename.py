"""A verified organisation cannot pass itself off as another: its owners' new name or country waits
for an admin's approval (the admins are told, in their language); until then it keeps its name, its
country and its verification."""

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.core.extensions import db
from app.organisations import editing
from app.organisations.models import Organisation
from tests.conftest import get_csrf

FORM = {"slug": "", "description": "Soutien scolaire.", "themes": ["girls_empowerment"], "website": ""}


@pytest.fixture
def cast(make_user, make_org):
    owner = make_user(name="Olga Owner", locale="fr")
    admins = [make_user(role="admin", locale="es"), make_user(role="admin", locale="en")]
    retired = make_user(role="admin", active=False)
    org = make_org("enfance-lome", country="TG", members=[(owner, "owner")])
    return owner, admins, retired, org


def edit(client, slug, **fields):
    path = f"/organisations/{slug}/edit"
    return client.post(path, data={**FORM, "csrf_token": get_csrf(client, path), **fields})


def decide(client, org_id, decision, name, country):
    data = {"decision": decision, "seen_name": name, "seen_country": country,
            "csrf_token": get_csrf(client, "/admin/organisations")}
    return client.post(f"/admin/organisations/{org_id}/change", data=data)


def load(app, org_id):
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        change = org.requested_change
        asked = (change.name, change.country_code) if change else (None, None)
        return (org.name, org.country_code, org.verified, *asked)


def test_an_owners_new_name_waits_and_the_admins_are_told(app, client, login_as, cast, outbox):
    owner, admins, retired, org = cast
    login_as(owner)
    response = edit(client, org.slug, name="UNICEF", country="TG")
    assert response.status_code == 302
    assert load(app, org.id) == (org.name, "TG", True, "UNICEF", "TG")
    page = client.get(f"/organisations/{org.slug}").get_data(as_text=True)
    assert f"<h1>{org.name}</h1>" in page and "UNICEF" in page  # the owner sees what waits
    assert "<h1>UNICEF</h1>" not in app.test_client().get(f"/organisations/{org.slug}").get_data(as_text=True)
    mails = {m.to: m for m in outbox()}
    assert set(mails) == {admin.email for admin in admins}  # not the deactivated admin, not the owner
    spanish = mails[admins[0].email]
    assert spanish.subject == f"{org.name} pide un nuevo nombre o país"
    assert "UNICEF (Togo)" in spanish.body and "/admin/organisations" in spanish.body
    assert mails[admins[1].email].subject == f"{org.name} asks for a new name or country"


def test_a_new_country_waits_too(app, client, login_as, cast, outbox):
    owner, admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name=org.name, country="SN")
    assert load(app, org.id) == (org.name, "TG", True, org.name, "SN")
    assert len(outbox()) == len(admins)


def test_other_details_change_at_once_and_alert_no_one(app, client, login_as, cast, outbox):
    owner, _admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name=org.name, country="TG", description="Nouvelle description.")
    assert load(app, org.id) == (org.name, "TG", True, None, None)
    with app.app_context():
        assert db.session.get(Organisation, org.id).description == "Nouvelle description."
    assert not outbox()


def test_the_edit_form_goes_on_from_the_change_asked_for_and_admins_are_told_once(app, client, login_as, cast,
                                                                                   outbox):
    owner, admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name="UNICEF", country="TG")
    form = client.get(f"/organisations/{org.slug}/edit").get_data(as_text=True)
    assert 'value="UNICEF"' in form
    edit(client, org.slug, name="UNICEF", country="TG", description="Autre chose.")  # the request stays
    assert load(app, org.id)[3:] == ("UNICEF", "TG")
    assert len(outbox()) == len(admins)


def test_giving_the_current_name_back_withdraws_the_request(app, client, login_as, cast):
    owner, _admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name="UNICEF", country="TG")
    edit(client, org.slug, name=org.name, country="TG")
    assert load(app, org.id) == (org.name, "TG", True, None, None)


def test_an_admin_approves_the_change_and_the_owners_are_told(app, client, login_as, cast, outbox):
    owner, admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name="Enfance Togo", country="TG")
    admin_client = login_as(admins[1], app.test_client())
    listing = admin_client.get("/admin/organisations").get_data(as_text=True)
    assert "Asks to become Enfance Togo (Togo)." in listing
    response = decide(admin_client, org.id, "approve", "Enfance Togo", "TG")
    assert response.status_code == 302
    assert load(app, org.id) == ("Enfance Togo", "TG", True, None, None)
    [told] = [m for m in outbox() if m.to == owner.email]
    assert told.subject == "Nouveau nom approuvé : Enfance Togo"


def test_an_admin_declines_the_change(app, client, login_as, cast, outbox):
    owner, admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name="UNICEF", country="SN")
    admin_client = login_as(admins[1], app.test_client())
    assert decide(admin_client, org.id, "decline", "UNICEF", "SN").status_code == 302
    assert load(app, org.id) == (org.name, "TG", True, None, None)
    [told] = [m for m in outbox() if m.to == owner.email]
    assert "UNICEF" in told.body and org.name in told.body


def test_a_decision_on_a_request_changed_since_applies_nothing(app, client, login_as, cast):
    owner, admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name="Enfance Togo", country="TG")
    admin_client = login_as(admins[1], app.test_client())
    get_csrf(admin_client, "/admin/organisations")
    edit(client, org.slug, name="UNICEF", country="TG")  # after the admin loaded the page
    response = decide(admin_client, org.id, "approve", "Enfance Togo", "TG")
    assert response.status_code == 302
    assert load(app, org.id) == (org.name, "TG", True, "UNICEF", "TG")
    assert "changed their request meanwhile" in admin_client.get("/admin/organisations").get_data(as_text=True)


@pytest.mark.parametrize("who", ["owner", "anonymous"])
def test_only_admins_decide(app, client, login_as, cast, who):
    owner, _admins, _retired, org = cast
    login_as(owner)
    edit(client, org.slug, name="UNICEF", country="TG")
    other = app.test_client()
    if who == "owner":
        login_as(owner, other)
    response = other.post(f"/admin/organisations/{org.id}/change",
                          data={"decision": "approve", "seen_name": "UNICEF", "seen_country": "TG",
                                "csrf_token": get_csrf(other)})
    assert response.status_code in (302, 403) and "/admin" not in response.headers.get("Location", "")
    assert load(app, org.id)[0] == org.name


def test_an_admins_own_change_and_an_unverified_organisations_apply_at_once(app, client, login_as, cast,
                                                                           make_org, outbox):
    owner, admins, _retired, org = cast
    login_as(admins[0])
    edit(client, org.slug, name="Renamed by an admin", country="TG")
    assert load(app, org.id) == ("Renamed by an admin", "TG", True, None, None)
    draft = make_org("draft-org", verified=False, members=[(owner, "owner")])
    login_as(owner)
    edit(client, draft.slug, name="Anything", country="SN")
    assert load(app, draft.id) == ("Anything", "SN", False, None, None)
    assert not outbox()


def test_the_domain_refuses_a_decision_with_nothing_asked(app, cast):
    _owner, admins, _retired, org = cast
    with app.app_context():
        admin = db.session.get(User, admins[0].id)
        target = db.session.scalar(select(Organisation).where(Organisation.id == org.id))
        with pytest.raises(editing.DomainError):
            editing.decide_requested_change(target, True, admin, seen_name="x", seen_country="TG")
