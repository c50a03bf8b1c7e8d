"""JSON API: the project list, its filters, its pages and who sees what."""

import pytest
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.core.extensions import db
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.support.api import assert_error, bearer
from tests.support.projects import advance, load, new_project, review
from tests.support.queries import counted_queries

ROLES = ("owner", "community", "outsider_partner", "reviewer", "far_reviewer", "admin")


@pytest.fixture
def catalogue(app, world, make_user, make_org):
    """One project per stage for world.org (SN), plus a Peruvian one reviewed GE-3 and a Moroccan draft."""
    pe_owner = make_user(name="Paola Partner")
    pe_org = make_org(slug="ninas-del-sur", country="PE", members=[(pe_owner, "owner")])
    pe_reviewer = make_user(role="reviewer", regions=("latin_america",))
    ma_owner = make_user()
    ma_org = make_org(country="MA", members=[(ma_owner, "owner")])
    ids = {}
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        for stage in Stage:
            project = new_project(
                world.org.id, world.owner.id, title=f"Initiative {stage.value}", themes=["child_protection"]
            )
            advance(project, stage, owner, reviewer)
            ids[stage.value] = project.id
        peru = new_project(
            pe_org.id,
            pe_owner.id,
            title="Escuelas seguras para niñas",
            country="PE",
            language="es",
            summary="Rutas seguras a la escuela para niñas de Ayacucho.",
            themes=["girls_empowerment"],
        )
        advance(peru, Stage.SUBMITTED, load(pe_owner.id), load(pe_reviewer.id))
        review(peru, Phase.DESIGN, load(pe_reviewer.id), ge_code="GE-3")
        ids["peru"] = peru.id
        morocco = new_project(ma_org.id, ma_owner.id, title="Draft in Morocco", country="MA")
        ids["morocco_draft"] = morocco.id
        db.session.commit()
    return ids


def listed(client, headers=None, **params) -> dict:
    response = client.get("/api/v1/projects", query_string=params, headers=headers or {})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids_of(page: dict) -> set[int]:
    return {item["id"] for item in page["items"]}


def test_anonymous_callers_see_public_stages_only(client, catalogue):
    page = listed(client, per_page=100)
    public = {catalogue[s.value] for s in Stage if s not in (Stage.DRAFT, Stage.REJECTED, Stage.WITHDRAWN)}
    assert ids_of(page) == public | {catalogue["peru"]}
    assert page["total"] == len(public) + 1


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_exactly_what_can_view_project_allows(app, client, world, catalogue, role):
    page = listed(client, bearer(app, getattr(world, role)), per_page=100)
    with app.app_context():
        user = db.session.get(User, getattr(world, role).id)
        everything = db.session.scalars(select(Project))
        expected = {p.id for p in everything if permissions.can_view_project(user, p)}
    assert ids_of(page) == expected
    assert page["total"] == len(expected)
    drafts = {catalogue["draft"], catalogue["morocco_draft"]}
    if role in ("community", "outsider_partner", "reviewer", "far_reviewer"):
        assert not drafts & ids_of(page)  # invisible drafts are never listed


def test_pages_count_only_visible_projects(client, catalogue):
    first = listed(client, per_page=3, page=1)
    second = listed(client, per_page=3, page=2)
    last = listed(client, per_page=3, page=3)
    assert first["total"] == second["total"] == last["total"] == 8
    assert (first["page"], first["per_page"]) == (1, 3)
    assert len(first["items"]) == len(second["items"]) == 3 and len(last["items"]) == 2
    assert not ids_of(first) & ids_of(second)
    assert [i["id"] for i in first["items"]] == sorted((i["id"] for i in first["items"]), reverse=True)
    assert listed(client, per_page=3, page=4)["items"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "ESCUELAS"}, {"peru"}),
        ({"q": "ayacucho"}, {"peru"}),  # the summary too
        ({"country": "pe"}, {"peru"}),
        ({"region": "latin_america"}, {"peru"}),
        ({"theme": "girls_empowerment"}, {"peru"}),
        ({"ge_code": "GE-3"}, {"peru"}),
        ({"organisation": "ninas-del-sur"}, {"peru"}),
        ({"organisation": "no-such-organisation"}, set()),
        ({"stage": "submitted"}, {"submitted", "peru"}),
        ({"stage": ["active", "completed"]}, {"active", "completed"}),
        ({"q": "initiative", "stage": "incubating"}, {"incubating"}),
        (  # reviewed GE-2, and (submitted, changes_requested) self-assessed GE-2 with no review yet
            {"ge_code": "GE-2", "region": "sub_saharan_africa"},
            {"submitted", "changes_requested", "incubating", "launch_review", "active", "completion_review",
             "completed"},
        ),
        ({"q": "100%"}, set()),  # % is a character, not a wildcard
    ],
)
def test_filters(client, catalogue, params, expected):
    page = listed(client, per_page=100, **params)
    assert ids_of(page) == {catalogue[key] for key in expected}
    assert page["total"] == len(expected)


def test_the_ge_code_is_the_reviewers_on_the_latest_reviewed_version(client, catalogue):
    items = {i["id"]: i for i in listed(client, per_page=100)["items"]}
    assert items[catalogue["peru"]]["ge_code"] == "GE-3"
    assert items[catalogue["submitted"]]["ge_code"] is None
    assert items[catalogue["active"]]["ge_code"] == "GE-2"


def test_a_filter_never_reveals_a_draft(app, client, world, catalogue):
    assert listed(client, stage="draft")["total"] == 0
    assert listed(client, bearer(app, world.reviewer), stage="draft")["total"] == 0
    owner_view = listed(client, bearer(app, world.owner), stage="draft")
    assert ids_of(owner_view) == {catalogue["draft"]}


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"stage": "flying"}, {"stage"}),
        ({"country": "FR"}, {"country"}),
        ({"region": "europe"}, {"region"}),
        ({"theme": "football"}, {"theme"}),
        ({"ge_code": "GE-9"}, {"ge_code"}),
        ({"per_page": "101"}, {"per_page"}),
        ({"per_page": "0"}, {"per_page"}),
        ({"page": "-1"}, {"page"}),
        ({"page": "two"}, {"page"}),
        ({"stage": "draft", "country": "XX", "per_page": "500"}, {"country", "per_page"}),
    ],
)
def test_bad_filter_values_are_422_with_details(client, params, fields):
    error = assert_error(client.get("/api/v1/projects", query_string=params), 422, "invalid")
    assert {d["field"] for d in error["details"]} == fields
    assert all(d["message"] for d in error["details"])


def test_a_nul_character_in_a_filter_is_a_json_400(client):
    # PostgreSQL refuses NUL characters: every route refuses them before the view runs
    assert_error(client.get("/api/v1/projects", query_string={"q": "girls\x00"}), 400, "bad_request")


def test_the_list_takes_the_same_number_of_queries_whatever_the_page_size(app, client, world, catalogue):
    headers = bearer(app, world.owner)
    counts = []
    for per_page in (1, 4, 11):  # the owner sees their ten projects and the Peruvian one
        with counted_queries(app) as statements:
            page = listed(client, headers, per_page=per_page)
        assert len(page["items"]) == per_page
        counts.append(len(statements))
    assert counts[0] == counts[1] == counts[2] <= 8, counts
