"""Organisation pages: the directory, the organisation page, registering, editing, joining, deciding."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from app.reference.models import Theme
from tests.support.queries import counted_queries

# --- helpers -----------------------------------------------------------------------------------------


def text_of(response) -> str:
    return response.get_data(as_text=True)


def post(client, csrf, url, data=None):
    return client.post(url, data={"csrf_token": csrf(client), **(data or {})})


def set_themes(app, slug, *keys):
    with app.app_context():
        org = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
        org.themes = list(db.session.scalars(select(Theme).where(Theme.key.in_(keys))))
        db.session.commit()


def memberships_of(app, org_id):
    with app.app_context():
        rows = db.session.scalars(select(Membership).where(Membership.organisation_id == org_id))
        return {m.user_id: (m.role.value, m.status.value) for m in rows}


def load_org(app, slug):
    with app.app_context():
        org = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
        if org is None:
            return None
        return SimpleNamespace(
            id=org.id, slug=org.slug, name=org.name, country=org.country_code, verified=org.verified,
            themes=sorted(org.theme_keys), website=org.website, description=org.description,
        )


@pytest.fixture
def cast(make_user, make_org):
    """People around two verified organisations (A, B) and one unverified one (U)."""
    people = SimpleNamespace(
        community=make_user(),
        member=make_user(),
        owner=make_user(name="Olga Owner"),
        other_owner=make_user(),
        reviewer=make_user(role="reviewer", regions=("sub_saharan_africa",)),
        admin=make_user(role="admin"),
    )
    people.org = make_org("org-a", members=[(people.owner, "owner"), (people.member, "member")])
    people.other_org = make_org("org-b", country="CO", members=[(people.other_owner, "owner")])
    people.unverified = make_org(
        "org-u", verified=False, members=[(people.owner, "owner"), (people.member, "member")]
    )
    return people


def sign_in(login_as, cast, who):
    if who != "anonymous":
        login_as(getattr(cast, who))


# --- directory ------------------------------------------------------------------------------------------


def test_directory_lists_verified_organisations_only(client, cast):
    page = text_of(client.get("/organisations/"))
    assert "Organisation" in page
    assert 'href="/organisations/org-a"' in page
    assert 'href="/organisations/org-b"' in page
    assert 'href="/organisations/org-u"' not in page


def test_directory_shows_country_region_and_themes(app, client, make_org):
    make_org("org-pe", country="PE")
    set_themes(app, "org-pe", "girls_empowerment")
    page = text_of(client.get("/organisations/"))
    assert "Peru" in page and "Latin America" in page and "Girls&#39; empowerment" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("country=SN", {"org-sn"}, {"org-co", "org-ma"}),
        ("region=latin_america", {"org-co"}, {"org-sn", "org-ma"}),
        ("theme=child_participation", {"org-ma"}, {"org-sn", "org-co"}),
        ("country=SN&theme=child_participation", set(), {"org-sn", "org-co", "org-ma"}),
        ("country=XX", {"org-sn", "org-co", "org-ma"}, set()),  # an unknown value is ignored, not an error
    ],
)
def test_directory_filters(app, client, make_org, query, shown, hidden):
    make_org("org-sn", country="SN")
    make_org("org-co", country="CO")
    make_org("org-ma", country="MA")
    set_themes(app, "org-ma", "child_participation")
    response = client.get(f"/organisations/?{query}")
    assert response.status_code == 200
    page = text_of(response)
    for slug in shown:
        assert f'href="/organisations/{slug}"' in page
    for slug in hidden:
        assert f'href="/organisations/{slug}"' not in page


def test_directory_is_paginated_and_keeps_the_filters(client, make_org):
    for n in range(23):
        make_org(f"org-{n:02d}", country="TG")
    first = text_of(client.get("/organisations/?country=TG"))
    assert "Page 1 of 2" in first
    assert "/organisations/?page=2&amp;country=TG" in first
    second = text_of(client.get("/organisations/?country=TG&page=2"))
    assert second.count('class="card"') == 3


def test_directory_and_api_share_one_query(app, client, make_org):
    for n, country in enumerate(["SN", "SN", "CO", "MA", "PE"]):
        make_org(f"org-{n}", country=country)
    set_themes(app, "org-2", "child_protection")
    for query in ["", "?region=latin_america", "?theme=child_protection", "?country=SN"]:
        api = client.get(f"/api/v1/organisations{query}").get_json()
        page = text_of(client.get(f"/organisations/{query}"))
        assert {item["slug"] for item in api["items"]} == {
            slug for slug in (f"org-{n}" for n in range(5)) if f'href="/organisations/{slug}"' in page
        }


def test_directory_runs_a_fixed_number_of_queries(app, client, make_org):
    for n in range(3):
        make_org(f"few-{n}")
    with counted_queries(app) as few:
        client.get("/organisations/")
    for n in range(12):
        make_org(f"many-{n}")
        set_themes(app, f"many-{n}", "child_protection", "girls_empowerment")
    with counted_queries(app) as many:
        client.get("/organisations/")
    assert len(many) == len(few)


# --- the organisation page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "verified_status", "unverified_status", "sees_members"),
    [
        ("anonymous", 200, 404, False),
        ("community", 200, 404, False),
        ("member", 200, 200, True),
        ("owner", 200, 200, True),
        ("other_owner", 200, 404, False),
        ("reviewer", 200, 404, False),
        ("admin", 200, 200, True),
    ],
)
def test_organisation_page_matrix(
    client, login_as, cast, who, verified_status, unverified_status, sees_members
):
    sign_in(login_as, cast, who)
    response = client.get("/organisations/org-a")
    assert response.status_code == verified_status
    assert ("Olga Owner" in text_of(response)) is sees_members
    assert client.get("/organisations/org-u").status_code == unverified_status


def test_pending_requester_does_not_see_an_unverified_organisation(app, client, login_as, cast):
    with app.app_context():
        db.session.add(Membership(user_id=cast.community.id, organisation_id=cast.unverified.id))
        db.session.commit()
    login_as(cast.community)
    assert client.get("/organisations/org-u").status_code == 404


def test_unknown_organisation_is_404(client):
    assert client.get("/organisations/nobody-here").status_code == 404


# --- registering -----------------------------------------------------------------------------------------


def valid_form(**changes):
    data = {
        "name": "Enfance & Avenir Lomé",
        "slug": "",
        "country": "TG",
        "description": "Soutien scolaire pour les filles.",
        "themes": ["girls_empowerment", "social_wellbeing"],
        "website": "https://enfance-avenir.example.org",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_log_in(client, csrf):
    assert client.get("/organisations/new").status_code == 302
    response = post(client, csrf, "/organisations/new", valid_form())
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_unconfirmed_address_cannot_register_an_organisation(client, csrf, login_as, make_user):
    login_as(make_user(verified=False))
    assert client.get("/organisations/new").status_code == 403
    assert post(client, csrf, "/organisations/new", valid_form()).status_code == 403


def test_register_an_organisation(app, client, csrf, login_as, make_user):
    creator = make_user()
    login_as(creator)
    response = post(client, csrf, "/organisations/new", valid_form())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organisations/enfance-avenir-lome")
    org = load_org(app, "enfance-avenir-lome")
    assert org.verified is False
    assert org.country == "TG"
    assert org.themes == ["girls_empowerment", "social_wellbeing"]
    assert memberships_of(app, org.id) == {creator.id: ("owner", "active")}
    # its owner sees it; the directory does not list it yet
    assert client.get("/organisations/enfance-avenir-lome").status_code == 200
    assert 'href="/organisations/enfance-avenir-lome"' not in text_of(client.get("/organisations/"))


def test_a_generated_slug_is_kept_unique(app, client, csrf, login_as, make_user, make_org):
    make_org("enfance-avenir-lome")
    login_as(make_user())
    response = post(client, csrf, "/organisations/new", valid_form())
    assert response.headers["Location"].endswith("/organisations/enfance-avenir-lome-2")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"slug": "Not Valid!"}, "slug", "single hyphens"),
        ({"slug": "taken"}, "slug", "already uses this web address"),
        ({"country": "FR"}, "country", "Not a valid choice"),
        ({"country": ""}, "country", "This field is required."),
        ({"website": "ftp://files.example.org"}, "website", "http:// or https://"),
        ({"website": "javascript:alert(1)"}, "website", "http:// or https://"),
        ({"themes": ["space_travel"]}, "themes", "not a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_kept(
    app, client, csrf, login_as, make_user, make_org, changes, field, message
):
    make_org("taken")
    login_as(make_user())
    response = post(client, csrf, "/organisations/new", valid_form(**changes))
    assert response.status_code == 200
    page = text_of(response)
    assert f'id="{field}-error"' in page
    error = page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0]
    assert message.lower() in error.lower()
    assert 'value="Soutien' not in page  # the description is a textarea: its text is kept inside it
    assert "Soutien scolaire pour les filles." in page
    if field != "name":
        assert 'value="Enfance &amp; Avenir Lomé"' in page
    assert load_org(app, "enfance-avenir-lome") is None


# --- editing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("community", 403), ("member", 403), ("owner", 200), ("other_owner", 403),
     ("reviewer", 403), ("admin", 200)],
)
def test_edit_matrix(client, csrf, login_as, cast, who, status):
    sign_in(login_as, cast, who)
    assert client.get("/organisations/org-a/edit").status_code == status
    form = valid_form(name="Renamed", slug="org-a", country="SN")
    expected = 302 if status == 200 else status
    assert post(client, csrf, "/organisations/org-a/edit", form).status_code == expected


def test_outsiders_get_404_when_editing_an_unverified_organisation(client, login_as, cast):
    login_as(cast.other_owner)
    assert client.get("/organisations/org-u/edit").status_code == 404


def test_owner_edits_the_organisation(app, client, csrf, login_as, cast):
    login_as(cast.owner)
    page = text_of(client.get("/organisations/org-a/edit"))
    assert 'value="org-a"' in page and "selected" in page
    form = valid_form(name="Nouveau nom", slug="nouveau-nom", country="BF", themes=["child_protection"])
    response = post(client, csrf, "/organisations/org-a/edit", form)
    assert response.headers["Location"].endswith("/organisations/nouveau-nom")
    org = load_org(app, "nouveau-nom")
    assert org.themes == ["child_protection"]
    # A verified organisation's new name and country wait for an admin (test_organisation_rename.py).
    assert (org.name, org.country, org.verified) == ("Organisation 1", "SN", True)


def test_editing_cannot_take_another_organisations_slug(app, client, csrf, login_as, cast):
    login_as(cast.owner)
    response = post(client, csrf, "/organisations/org-a/edit", valid_form(slug="org-b"))
    assert response.status_code == 200
    assert "already uses this web address" in text_of(response)
    assert load_org(app, "org-a").name == "Organisation 1"


def test_a_post_without_csrf_token_is_refused(app, client, login_as, cast):
    login_as(cast.owner)
    response = client.post("/organisations/org-a/edit", data=valid_form(name="No token"))
    assert response.status_code == 400
    assert load_org(app, "org-a").name == "Organisation 1"


# --- joining and deciding -------------------------------------------------------------------------------


def test_ask_to_join_then_owner_accepts(app, client, csrf, login_as, cast, outbox):
    login_as(cast.community)
    response = post(client, csrf, "/organisations/org-a/join")
    assert response.status_code == 302
    assert memberships_of(app, cast.org.id)[cast.community.id] == ("member", "pending")
    mail = outbox()
    assert [m.to for m in mail] == [cast.owner.email]
    assert "asks to join" in mail[0].subject and "/organisations/org-a" in mail[0].body
    assert "asked to join" in text_of(client.get("/organisations/org-a"))

    login_as(cast.owner)
    page = text_of(client.get("/organisations/org-a"))
    assert "Requests to join" in page and cast.community.name in page
    membership_id = membership_id_of(app, cast.org.id, cast.community.id)
    response = post(client, csrf, f"/organisations/org-a/members/{membership_id}", {"action": "accept"})
    assert response.status_code == 302
    assert memberships_of(app, cast.org.id)[cast.community.id] == ("member", "active")
    last = outbox()[-1]
    assert last.to == cast.community.email and "now a member" in last.subject


def membership_id_of(app, org_id, user_id):
    with app.app_context():
        return db.session.scalar(
            select(Membership.id).where(Membership.organisation_id == org_id, Membership.user_id == user_id)
        )


def test_asking_twice_makes_one_request(app, client, csrf, login_as, cast):
    login_as(cast.community)
    post(client, csrf, "/organisations/org-a/join")
    response = post(client, csrf, "/organisations/org-a/join")
    assert response.status_code == 302
    follow = text_of(client.get(response.headers["Location"]))
    assert "already belong" in follow
    assert list(memberships_of(app, cast.org.id)).count(cast.community.id) == 1


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("unconfirmed", 403), ("member", 302)]
)
def test_who_may_ask_to_join(app, client, csrf, login_as, make_user, cast, who, status):
    if who == "unconfirmed":
        login_as(make_user(verified=False))
    else:
        sign_in(login_as, cast, who)
    assert post(client, csrf, "/organisations/org-a/join").status_code == status
    assert sorted(memberships_of(app, cast.org.id)) == sorted([cast.owner.id, cast.member.id])


def test_nobody_can_ask_to_join_an_unverified_organisation(client, csrf, login_as, cast):
    login_as(cast.community)
    assert post(client, csrf, "/organisations/org-u/join").status_code == 404


def test_owner_declines_a_request(app, client, csrf, login_as, cast, outbox):
    with app.app_context():
        db.session.add(Membership(user_id=cast.community.id, organisation_id=cast.org.id))
        db.session.commit()
    membership_id = membership_id_of(app, cast.org.id, cast.community.id)
    login_as(cast.owner)
    post(client, csrf, f"/organisations/org-a/members/{membership_id}", {"action": "decline"})
    assert cast.community.id not in memberships_of(app, cast.org.id)
    assert outbox()[-1].to == cast.community.email


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("community", 403), ("member", 403), ("other_owner", 403), ("reviewer", 403),
     ("owner", 302), ("admin", 302)],
)
def test_decide_matrix(app, client, csrf, login_as, cast, who, status):
    with app.app_context():
        db.session.add(Membership(user_id=cast.community.id, organisation_id=cast.org.id))
        db.session.commit()
    membership_id = membership_id_of(app, cast.org.id, cast.community.id)
    sign_in(login_as, cast, who)
    response = post(client, csrf, f"/organisations/org-a/members/{membership_id}", {"action": "accept"})
    assert response.status_code == status
    accepted = memberships_of(app, cast.org.id)[cast.community.id] == ("member", "active")
    assert accepted is (who in ("owner", "admin"))


def test_a_membership_of_another_organisation_is_404(app, client, csrf, login_as, cast):
    login_as(cast.owner)
    other = membership_id_of(app, cast.other_org.id, cast.other_owner.id)
    response = post(client, csrf, f"/organisations/org-a/members/{other}", {"action": "remove"})
    assert response.status_code == 404
    assert cast.other_owner.id in memberships_of(app, cast.other_org.id)


def test_an_unknown_action_is_refused(app, client, csrf, login_as, cast):
    login_as(cast.owner)
    membership_id = membership_id_of(app, cast.org.id, cast.member.id)
    response = post(client, csrf, f"/organisations/org-a/members/{membership_id}", {"action": "promote"})
    assert response.status_code == 400


def test_owner_makes_a_member_owner_and_removes_another(app, client, csrf, login_as, cast, make_user, outbox):
    extra = make_user()
    with app.app_context():
        db.session.add(Membership(user_id=extra.id, organisation_id=cast.org.id,
                                  role=MembershipRole.MEMBER, status=MembershipStatus.ACTIVE))
        db.session.commit()
    login_as(cast.owner)
    member_id = membership_id_of(app, cast.org.id, cast.member.id)
    post(client, csrf, f"/organisations/org-a/members/{member_id}", {"action": "make_owner"})
    assert memberships_of(app, cast.org.id)[cast.member.id] == ("owner", "active")
    extra_id = membership_id_of(app, cast.org.id, extra.id)
    post(client, csrf, f"/organisations/org-a/members/{extra_id}", {"action": "remove"})
    assert extra.id not in memberships_of(app, cast.org.id)
    assert [m.to for m in outbox()] == [cast.member.email, extra.email]


@pytest.mark.parametrize("action", ["remove", "make_member"])
def test_the_last_owner_cannot_be_removed_or_demoted(app, client, csrf, login_as, cast, action):
    login_as(cast.owner)
    owner_id = membership_id_of(app, cast.org.id, cast.owner.id)
    response = post(client, csrf, f"/organisations/org-a/members/{owner_id}", {"action": action})
    assert response.status_code == 302
    assert "at least one owner" in text_of(client.get("/organisations/org-a"))
    assert memberships_of(app, cast.org.id)[cast.owner.id] == ("owner", "active")


def test_a_second_owner_can_demote_the_first(app, client, csrf, login_as, cast):
    login_as(cast.owner)
    member_id = membership_id_of(app, cast.org.id, cast.member.id)
    post(client, csrf, f"/organisations/org-a/members/{member_id}", {"action": "make_owner"})
    owner_id = membership_id_of(app, cast.org.id, cast.owner.id)
    post(client, csrf, f"/organisations/org-a/members/{owner_id}", {"action": "make_member"})
    assert memberships_of(app, cast.org.id)[cast.owner.id] == ("member", "active")
    # now the former member is the only owner, and stays one
    login_as(cast.member)
    post(client, csrf, f"/organisations/org-a/members/{member_id}", {"action": "remove"})
    assert memberships_of(app, cast.org.id)[cast.member.id] == ("owner", "active")


def test_show_page_loads_members_in_a_fixed_number_of_queries(app, client, login_as, cast, make_user):
    login_as(cast.admin)
    with counted_queries(app) as few:
        client.get("/organisations/org-a")
    with app.app_context():
        for _ in range(8):
            db.session.add(Membership(user_id=make_user().id, organisation_id=cast.org.id,
                                      status=MembershipStatus.ACTIVE))
        db.session.commit()
    with counted_queries(app) as many:
        client.get("/organisations/org-a")
    assert len(many) == len(few)


# --- the API directory -----------------------------------------------------------------------------------


def test_api_filters_by_region_country_and_theme(app, client, make_org):
    make_org("org-sn", country="SN")
    make_org("org-co", country="CO")
    make_org("org-pe", country="PE")
    make_org("org-hidden", country="CO", verified=False)
    set_themes(app, "org-pe", "girls_empowerment")
    body = client.get("/api/v1/organisations?region=latin_america").get_json()
    assert {item["slug"] for item in body["items"]} == {"org-co", "org-pe"}
    assert body["total"] == 2
    assert all(item["region"] == "latin_america" and item["verified"] for item in body["items"])
    body = client.get("/api/v1/organisations?region=latin_america&theme=girls_empowerment").get_json()
    assert [item["slug"] for item in body["items"]] == ["org-pe"]
    assert body["items"][0]["themes"] == ["girls_empowerment"]
    body = client.get("/api/v1/organisations?country=sn").get_json()
    assert [item["slug"] for item in body["items"]] == ["org-sn"]


def test_api_paginates(client, make_org):
    for n in range(5):
        make_org(f"org-{n}")
    body = client.get("/api/v1/organisations?per_page=2&page=3").get_json()
    assert (body["page"], body["per_page"], body["total"], len(body["items"])) == (3, 2, 5, 1)


@pytest.mark.parametrize(
    ("query", "field"), [("region=europe", "region"), ("country=FR", "country"), ("theme=space", "theme")]
)
def test_api_refuses_unknown_filters_with_a_json_error(client, query, field):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 422  # as every other list answers an unknown filter
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert [d["field"] for d in error["details"]] == [field]


@pytest.mark.parametrize("description", ["Nous accueillons Aminata, 12 ans, depuis mars.",
                                         "Appelez la maman de Kofi au 90 12 34 56."])
def test_a_description_that_may_identify_a_child_is_refused_with_the_screens_advice(
    app, client, csrf, login_as, cast, description
):
    """The description is public in the directory: the safeguarding screen reads it, as it reads needs."""
    login_as(cast.owner)
    response = post(client, csrf, "/organisations/org-a/edit", valid_form(slug="org-a", description=description))
    assert response.status_code in (200, 422)  # the form again, with the advice
    page = text_of(response)
    assert description in page.replace("&#39;", "'")  # the typing is kept
    assert "may let someone identify or contact a child" in page
    with app.app_context():
        stored = db.session.scalar(select(Organisation.description).where(Organisation.slug == "org-a"))
    assert stored != description
