"""JSON API: creating and editing projects."""

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import Project, Stage
from tests.support.api import assert_error, bearer, project_at


def new_body(world, **changes) -> dict:
    body = {
        "title": "Girls' football clubs in Kolda",
        "summary": "Weekly football and life-skills sessions for girls aged 10 to 15.",
        "description": "Sessions led by **women coaches** in three villages.",
        "organisation": world.org.slug,
        "country": "SN",
        "themes": ["girls_empowerment", "social_wellbeing"],
    }
    body.update(changes)
    return body


def create(client, app, user, body):
    return client.post("/api/v1/projects", json=body, headers=bearer(app, user))


def patch(client, app, user, project_id: int, body: dict):
    return client.patch(f"/api/v1/projects/{project_id}", json=body, headers=bearer(app, user))


def count_projects(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Project.id)))


def test_a_partner_creates_a_draft_with_every_field(app, client, world):
    body = new_body(
        world,
        language="fr",
        target_groups=["girls", "adolescent_girls"],
        girls_focused=True,
        children={"girls_6_11": 60, "girls_12_17": 40},
        start_date="2025-09-01",
        end_date="2026-06-30",
        budget_amount="1500.50",
        budget_currency="XOF",
    )
    response = client.post("/api/v1/projects", json=body, headers=bearer(app, world.member))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["stage"] == "draft" and created["version"] == 1 and isinstance(created["id"], int)
    assert response.headers["Location"] == f"/api/v1/projects/{created['id']}"
    assert created["organisation"]["slug"] == world.org.slug
    assert sorted(created["themes"]) == ["girls_empowerment", "social_wellbeing"]
    assert created["children"]["girls_6_11"] == 60 and created["children"]["boys_0_5"] == 0
    assert created["children_total"] == 100
    assert (created["start_date"], created["end_date"]) == ("2025-09-01", "2026-06-30")
    assert (created["budget_amount"], created["budget_currency"]) == ("1500.50", "XOF")
    assert created["region"] == "sub_saharan_africa" and created["ge_code"] is None
    assert "<strong>women coaches</strong>" in created["description_html"]
    assert created["created_at"].endswith("Z")
    with app.app_context():
        project = db.session.get(Project, created["id"])
        assert project.stage == Stage.DRAFT and project.created_by_id == world.member.id
        assert [(e.from_stage, e.to_stage) for e in project.events] == [(None, Stage.DRAFT)]
    again = client.get(f"/api/v1/projects/{created['id']}", headers=bearer(app, world.owner))
    assert again.get_json() == created


def test_a_budget_may_be_sent_as_a_number(app, client, world):
    body = new_body(world, budget_amount=2500, budget_currency="EUR")
    response = client.post("/api/v1/projects", json=body, headers=bearer(app, world.owner))
    assert response.status_code == 201
    assert response.get_json()["budget_amount"] == "2500.00"


def test_creating_needs_a_valid_token(app, client, world):
    assert_error(client.post("/api/v1/projects", json=new_body(world)), 401, "unauthorized")
    bad = {"Authorization": "Bearer sl_not-a-real-token"}
    assert_error(client.post("/api/v1/projects", json=new_body(world), headers=bad), 401, "unauthorized")
    assert count_projects(app) == 0


def test_a_community_member_may_not_create_a_project(app, client, world):
    response = client.post("/api/v1/projects", json=new_body(world), headers=bearer(app, world.community))
    assert_error(response, 403, "forbidden")
    assert count_projects(app) == 0


def test_a_partner_of_another_organisation_may_not_create_for_this_one(app, client, world):
    response = create(client, app, world.outsider_partner, new_body(world))
    assert_error(response, 403, "forbidden")


def test_an_unverified_organisation_cannot_create(app, client, make_user, make_org):
    owner = make_user()
    org = make_org(verified=False, members=[(owner, "owner")])
    body = new_body(SimpleNamespace(org=org))
    assert_error(create(client, app, owner, body), 403, "forbidden")


def test_an_unknown_organisation_is_422(app, client, world):
    response = client.post(
        "/api/v1/projects", json=new_body(world, organisation="no-such-org"), headers=bearer(app, world.owner)
    )
    error = assert_error(response, 422, "invalid")
    assert [d["field"] for d in error["details"]] == ["organisation"]


def test_each_wrong_field_has_its_own_details_entry(app, client, world):
    body = new_body(
        world,
        title="  ",
        summary="x" * 301,
        country="FR",
        themes=["football"],
        start_date="2026-01-01",
        end_date="2025-01-01",
        language="de",
        target_groups=["everyone"],
    )
    error = assert_error(create(client, app, world.owner, body), 422, "invalid")
    fields = {d["field"]: d["message"] for d in error["details"]}
    assert set(fields) == {"title", "summary", "country", "themes", "end_date", "language", "target_groups"}
    assert fields["summary"] == "The summary is too long (at most 300 characters)."
    assert count_projects(app) == 0


def test_values_of_the_wrong_type_are_422_per_field(app, client, world):
    body = new_body(
        world,
        title=5,
        girls_focused="yes",
        children={"girls_0_5": "many"},
        start_date="01/09/2025",
        budget_amount="lots",
        themes="child_protection",
        stage="active",
    )
    error = assert_error(create(client, app, world.owner, body), 422, "invalid")
    fields = {d["field"] for d in error["details"]}
    assert fields == {"title", "girls_focused", "girls_0_5", "start_date", "budget_amount", "themes", "stage"}


def test_children_are_counted_only_in_the_known_age_bands(app, client, world):
    """No other column can be written through `children` (stage, organisation...)."""
    body = new_body(world, children={"stage": 0, "organisation_id": world.other_org.id, "girls_0_5": 3})
    error = assert_error(create(client, app, world.owner, body), 422, "invalid")
    assert {d["field"] for d in error["details"]} == {"stage", "organisation_id"}
    assert count_projects(app) == 0


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("[1, 2]", "application/json"),
        ("not json", "application/json"),
        ('"a string"', "application/json"),
        ('{"title": "a\\u0000b", "answers": {}}', "application/json"),
        ("title=x", "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_400(app, client, world, data, content_type):
    headers = bearer(app, world.owner)
    response = client.post("/api/v1/projects", data=data, content_type=content_type, headers=headers)
    assert_error(response, 400, "bad_request")


# Editing ----------------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT, budget_amount=None)
    headers = bearer(app, world.owner)
    before = client.get(f"/api/v1/projects/{project_id}", headers=headers).get_json()
    response = client.patch(
        f"/api/v1/projects/{project_id}",
        json={"version": before["version"], "title": "A clearer title", "children": {"boys_6_11": 25}},
        headers=headers,
    )
    assert response.status_code == 200, response.get_json()
    after = response.get_json()
    assert after["title"] == "A clearer title"
    assert after["version"] == before["version"] + 1
    assert after["children"] == {**before["children"], "boys_6_11": 25}
    for key in ("summary", "description", "themes", "country", "language", "target_groups", "girls_focused"):
        assert after[key] == before[key], key


def test_patch_with_a_stale_version_is_409_and_nothing_is_written(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    first = patch(client, app, world.owner, project_id, {"version": 1, "title": "First"})
    assert first.status_code == 200
    stale = patch(client, app, world.member, project_id, {"version": 1, "title": "Second"})
    assert_error(stale, 409, "conflict")
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.title, project.version) == ("First", 2)


def test_patch_needs_the_version(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    response = patch(client, app, world.owner, project_id, {"title": "x"})
    error = assert_error(response, 422, "invalid")
    assert [d["field"] for d in error["details"]] == ["version"]


def test_patch_cannot_write_the_stage_or_the_organisation(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    body = {"version": 1, "stage": "active", "organisation": world.other_org.slug}
    error = assert_error(patch(client, app, world.owner, project_id, body), 422, "invalid")
    assert {d["field"] for d in error["details"]} == {"stage", "organisation"}
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.stage, project.organisation_id, project.version) == (Stage.DRAFT, world.org.id, 1)


def test_an_invalid_patch_writes_nothing(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    body = {"version": 1, "title": "A new title", "country": "FR"}
    response = patch(client, app, world.owner, project_id, body)
    assert [d["field"] for d in assert_error(response, 422, "invalid")["details"]] == ["country"]
    with app.app_context():
        assert db.session.get(Project, project_id).title != "A new title"


@pytest.mark.parametrize(
    ("stage", "role"),
    [
        (Stage.INCUBATING, "community"),
        (Stage.INCUBATING, "outsider_partner"),
        (Stage.INCUBATING, "reviewer"),
        (Stage.INCUBATING, "admin"),
        (Stage.SUBMITTED, "owner"),
        (Stage.COMPLETED, "owner"),
    ],
)
def test_patch_by_someone_who_may_not_edit_is_403(app, client, world, stage, role):
    project_id = project_at(app, world, stage)
    with app.app_context():
        version = db.session.get(Project, project_id).version
    body = {"version": version, "title": "Taken over"}
    response = patch(client, app, getattr(world, role), project_id, body)
    assert_error(response, 403, "forbidden")
    with app.app_context():
        assert db.session.get(Project, project_id).title != "Taken over"


FLAGGED = "Nous accueillons Aminata, 12 ans, chaque mercredi."


@pytest.mark.parametrize("field", ["title", "summary", "description"])
def test_project_text_that_may_identify_a_child_is_refused_until_the_author_checked_it(app, client, world, field):
    """The web form warns before saving; the API, which cannot ask, refuses with the screen's advice
    unless `safeguarding_checked` says the author checked the text."""
    body = {"title": "Safe spaces", "summary": "Weekly sessions.", "organisation": world.org.slug, "country": "SN",
            "themes": ["child_protection"], field: FLAGGED}
    refused = client.post("/api/v1/projects", json=body, headers=bearer(app, world.owner))
    error = assert_error(refused, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == [field]
    assert "identify or contact a child" in error["details"][0]["message"]
    checked = client.post("/api/v1/projects", json={**body, "safeguarding_checked": True},
                          headers=bearer(app, world.owner))
    assert checked.status_code == 201, checked.get_json()
    assert checked.get_json()[field] == FLAGGED


def test_an_edit_of_project_text_is_screened_too(app, client, world):
    created = client.post("/api/v1/projects", json={
        "title": "Safe spaces", "summary": "Weekly sessions.", "organisation": world.org.slug, "country": "SN",
        "themes": ["child_protection"]}, headers=bearer(app, world.owner)).get_json()
    path = f"/api/v1/projects/{created['id']}"
    refused = client.patch(path, json={"description": FLAGGED, "version": created["version"]},
                           headers=bearer(app, world.owner))
    assert [d["field"] for d in assert_error(refused, 422, "invalid")["details"]] == ["description"]
    other = client.patch(path, json={"title": "Safe spaces for girls", "version": created["version"]},
                         headers=bearer(app, world.owner))
    assert other.status_code == 200
