"""Admin pages: people, roles, reviewer regions, deactivation; organisations and their verification."""

import re
from types import SimpleNamespace

import pytest

from app.accounts.models import User
from app.core.extensions import db
from app.organisations.models import Organisation
from tests.support.queries import counted_queries


def text_of(response) -> str:
    return response.get_data(as_text=True)


def post(client, csrf, url, data=None):
    return client.post(url, data={"csrf_token": csrf(client), **(data or {})})


def load_user(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        return SimpleNamespace(
            role=user.role.value,
            regions=sorted(user.region_keys),
            active=user.active,
            token=user.session_token,
        )


def org_verified(app, org_id):
    with app.app_context():
        return db.session.get(Organisation, org_id).verified


@pytest.fixture
def cast(make_user, make_org):
    people = SimpleNamespace(
        community=make_user(name="Carla Community", email="carla@example.org"),
        member=make_user(),
        owner=make_user(),
        other_owner=make_user(),
        reviewer=make_user(name="Rafael Reviewer", role="reviewer", regions=("latin_america",)),
        admin=make_user(name="Ada Admin", role="admin"),
    )
    people.org = make_org("org-a", members=[(people.owner, "owner"), (people.member, "member")])
    people.other_org = make_org("org-b", members=[(people.other_owner, "owner")])
    people.unverified = make_org("org-u", verified=False, members=[(people.owner, "owner")])
    return people


NON_ADMINS = ["community", "member", "owner", "other_owner", "reviewer"]


def admin_requests(cast):
    """(method, url, data) for every admin page."""
    return [
        ("get", "/admin/users", None),
        ("get", f"/admin/users/{cast.community.id}", None),
        ("post", f"/admin/users/{cast.community.id}", {"role": "admin", "active": "y"}),
        ("get", "/admin/organisations", None),
        ("post", f"/admin/organisations/{cast.unverified.id}/verify", {"verified": "1"}),
    ]


def call(client, csrf, method, url, data):
    return client.get(url) if method == "get" else post(client, csrf, url, data)


def test_anonymous_visitors_are_sent_to_log_in(app, client, csrf, cast):
    for method, url, data in admin_requests(cast):
        response = call(client, csrf, method, url, data)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"]
    assert load_user(app, cast.community.id).role == "community"
    assert org_verified(app, cast.unverified.id) is False


@pytest.mark.parametrize("who", NON_ADMINS)
def test_everyone_but_admins_gets_403(app, client, csrf, login_as, cast, who):
    login_as(getattr(cast, who))
    for method, url, data in admin_requests(cast):
        assert call(client, csrf, method, url, data).status_code == 403, url
    assert load_user(app, cast.community.id).role == "community"
    assert org_verified(app, cast.unverified.id) is False


def test_a_deactivated_admin_is_logged_out(app, client, login_as, make_user):
    admin = make_user(role="admin")
    login_as(admin)
    with app.app_context():
        db.session.get(User, admin.id).active = False
        db.session.commit()
    assert client.get("/admin/users").status_code == 302


def test_admins_reach_every_page(client, csrf, login_as, cast):
    login_as(cast.admin)
    for method, url, data in admin_requests(cast):
        assert call(client, csrf, method, url, data).status_code in (200, 302), url


# --- the user list ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=carla", ["Carla Community"], ["Rafael Reviewer", "Ada Admin"]),
        ("q=CARLA%40EXAMPLE", ["Carla Community"], ["Rafael Reviewer"]),
        ("role=reviewer", ["Rafael Reviewer"], ["Carla Community", "Ada Admin"]),
        ("q=ada&role=reviewer", [], ["Ada Admin", "Rafael Reviewer"]),
        ("q=%25", [], ["Ada Admin"]),  # a literal '%' matches nobody's name here
    ],
)
def test_search_and_filter_people(client, login_as, cast, query, shown, hidden):
    login_as(cast.admin)
    page = text_of(client.get(f"/admin/users?{query}"))
    for name in shown:
        assert name in page.split("<tbody>", 1)[1]
    for name in hidden:
        assert name not in page.split("</h1>", 1)[1]


def test_user_list_is_paginated(client, login_as, cast, make_user):
    for n in range(25):
        make_user(name=f"Zed {n:02d}")
    login_as(cast.admin)
    first = text_of(client.get("/admin/users"))
    assert "Page 1 of 2" in first
    second = text_of(client.get("/admin/users?page=2"))
    assert "Zed 24" in second and "Carla Community" not in second


def test_user_list_runs_a_fixed_number_of_queries(app, client, login_as, cast, make_user, make_org):
    login_as(cast.admin)
    with counted_queries(app) as few:
        client.get("/admin/users")
    for n in range(6):
        person = make_user(role="reviewer", regions=("north_africa", "latin_america"))
        make_org(f"more-{n}", members=[(person, "owner")])
    with counted_queries(app) as many:
        client.get("/admin/users")
    assert len(many) == len(few)


# --- editing a person ------------------------------------------------------------------------------------


def test_make_someone_a_reviewer_of_two_regions(app, client, csrf, login_as, cast):
    login_as(cast.admin)
    response = post(
        client, csrf, f"/admin/users/{cast.community.id}",
        {"role": "reviewer", "regions": ["north_africa", "sub_saharan_africa"], "active": "y"},
    )
    assert response.status_code == 302
    user = load_user(app, cast.community.id)
    assert (user.role, user.active) == ("reviewer", True)
    assert user.regions == ["north_africa", "sub_saharan_africa"]
    page = text_of(client.get(f"/admin/users/{cast.community.id}"))
    assert checked_regions(page) == {"north_africa", "sub_saharan_africa"}


def checked_regions(page: str) -> set[str]:
    boxes = re.findall(r'<input ([^>]*name="regions"[^>]*)>', page)
    return {re.search(r'value="([^"]+)"', box).group(1) for box in boxes if " checked" in f" {box}"}


def test_a_reviewer_needs_a_region(app, client, csrf, login_as, cast):
    login_as(cast.admin)
    response = post(client, csrf, f"/admin/users/{cast.community.id}", {"role": "reviewer", "active": "y"})
    assert response.status_code == 200
    assert 'id="regions-error"' in text_of(response)
    assert load_user(app, cast.community.id).role == "community"


def test_regions_are_cleared_when_a_reviewer_becomes_community(app, client, csrf, login_as, cast):
    login_as(cast.admin)
    post(client, csrf, f"/admin/users/{cast.reviewer.id}",
         {"role": "community", "regions": ["latin_america"], "active": "y"})
    user = load_user(app, cast.reviewer.id)
    assert (user.role, user.regions) == ("community", [])


def test_an_unknown_role_is_refused(app, client, csrf, login_as, cast):
    login_as(cast.admin)
    response = post(client, csrf, f"/admin/users/{cast.community.id}", {"role": "superuser", "active": "y"})
    assert response.status_code == 200 and 'id="role-error"' in text_of(response)
    assert load_user(app, cast.community.id).role == "community"


def test_deactivating_ends_every_session(app, client, csrf, login_as, cast):
    victim_client = app.test_client()
    login_as(cast.member, victim_client)
    # signed in: a 403, not a redirect to the log-in page
    assert victim_client.get("/organisations/org-a/edit").status_code == 403
    assert "<h2>Members</h2>" in text_of(victim_client.get("/organisations/org-a"))
    before = load_user(app, cast.member.id).token

    login_as(cast.admin)
    # "active" left unticked
    response = post(client, csrf, f"/admin/users/{cast.member.id}", {"role": "community"})
    assert response.status_code == 302
    after = load_user(app, cast.member.id)
    assert after.active is False and after.token != before
    # the old session cookie no longer signs anyone in
    assert victim_client.get("/organisations/org-a/edit").status_code == 302
    assert "<h2>Members</h2>" not in text_of(victim_client.get("/organisations/org-a"))


def test_reactivating_an_account(app, client, csrf, login_as, make_user, cast):
    sleeper = make_user(active=False)
    login_as(cast.admin)
    post(client, csrf, f"/admin/users/{sleeper.id}", {"role": "community", "active": "y"})
    assert load_user(app, sleeper.id).active is True


@pytest.mark.parametrize(
    ("data", "field"),
    [({"role": "admin"}, "active"), ({"role": "community", "active": "y"}, "role"),
     ({"role": "reviewer", "regions": ["latin_america"], "active": "y"}, "role")],
)
def test_an_admin_cannot_deactivate_or_demote_themselves(app, client, csrf, login_as, cast, data, field):
    login_as(cast.admin)
    before = load_user(app, cast.admin.id)
    response = post(client, csrf, f"/admin/users/{cast.admin.id}", data)
    assert response.status_code == 200
    assert f'id="{field}-error"' in text_of(response)
    after = load_user(app, cast.admin.id)
    assert (after.role, after.active, after.token) == ("admin", True, before.token)


def test_another_admin_can_demote_an_admin(app, client, csrf, login_as, cast, make_user):
    second = make_user(role="admin")
    login_as(cast.admin)
    post(client, csrf, f"/admin/users/{second.id}", {"role": "community", "active": "y"})
    assert load_user(app, second.id).role == "community"


def test_unknown_user_is_404(client, login_as, cast):
    login_as(cast.admin)
    assert client.get("/admin/users/999999").status_code == 404


# --- organisations ---------------------------------------------------------------------------------------


def test_organisations_list_puts_unverified_first(client, login_as, cast):
    login_as(cast.admin)
    page = text_of(client.get("/admin/organisations"))
    assert page.index("/organisations/org-u") < page.index("/organisations/org-a")
    assert page.index("/organisations/org-u") < page.index("/organisations/org-b")


def test_verifying_an_organisation(app, client, csrf, login_as, cast, outbox):
    login_as(cast.admin)
    response = post(client, csrf, f"/admin/organisations/{cast.unverified.id}/verify", {"verified": "1"})
    assert response.status_code == 302
    assert org_verified(app, cast.unverified.id) is True
    assert 'href="/organisations/org-u"' in text_of(client.get("/organisations/"))
    mail = outbox()
    assert [m.to for m in mail] == [cast.owner.email]
    assert "verified" in mail[0].subject
    # verifying again changes nothing and sends nothing
    post(client, csrf, f"/admin/organisations/{cast.unverified.id}/verify", {"verified": "1"})
    assert len(outbox()) == 1


def test_withdrawing_verification_hides_the_organisation(app, client, csrf, login_as, cast):
    login_as(cast.admin)
    post(client, csrf, f"/admin/organisations/{cast.org.id}/verify", {"verified": "0"})
    assert org_verified(app, cast.org.id) is False
    anonymous = app.test_client()
    assert anonymous.get("/organisations/org-a").status_code == 404
    assert 'href="/organisations/org-a"' not in text_of(anonymous.get("/organisations/"))


@pytest.mark.parametrize("value", ["", "yes", "2"])
def test_verify_needs_0_or_1(app, client, csrf, login_as, cast, value):
    login_as(cast.admin)
    response = post(client, csrf, f"/admin/organisations/{cast.unverified.id}/verify", {"verified": value})
    assert response.status_code == 400
    assert org_verified(app, cast.unverified.id) is False


def test_verify_unknown_organisation_is_404(client, csrf, login_as, cast):
    login_as(cast.admin)
    assert post(client, csrf, "/admin/organisations/999999/verify", {"verified": "1"}).status_code == 404


def test_organisation_list_runs_a_fixed_number_of_queries(app, client, login_as, cast, make_user, make_org):
    login_as(cast.admin)
    with counted_queries(app) as few:
        client.get("/admin/organisations")
    for n in range(6):
        make_org(f"more-{n}", verified=bool(n % 2), members=[(make_user(), "owner"), (make_user(), "member")])
    with counted_queries(app) as many:
        client.get("/admin/organisations")
    assert len(many) == len(few)


def test_an_admin_logged_in_through_the_form_reaches_the_admin_pages(client, login, cast):
    response = login(cast.admin)
    assert response.status_code == 302
    assert client.get("/admin/users").status_code == 200
    assert client.get("/admin/organisations").status_code == 200
