"""The project list, the project page and the API list answer in the same number of queries with 10 projects
or with 2,000 (counted), whatever the filters, the search and the sort."""

import pytest

from app.core.extensions import db
from app.projects.models import Stage
from tests.support.api import bearer
from tests.support.discovery import bulk_activity, bulk_projects
from tests.support.queries import counted_queries
from tests.support.web import make_project

REQUESTS = {
    "web list": ("/projects", {}),
    "web list, filtered": ("/projects", {"country": "SN", "theme": "child_protection", "ge_code": "GE-2",
                                         "need_kind": "funding", "stage": "active", "organisation": "org-1"}),
    "web search": ("/projects", {"q": "initiative number"}),
    "web, most supported": ("/projects", {"sort": "most_supported"}),
    "web, most in need": ("/projects", {"sort": "most_in_need"}),
    "web, recently active": ("/projects", {"sort": "recently_active"}),
    "API list": ("/api/v1/projects", {"per_page": 50}),
    "API search and filters": ("/api/v1/projects", {"q": "number", "region": "sub_saharan_africa",
                                                    "ge_code": "GE-2", "sort": "most_in_need"}),
}


def add_projects(app, world, count: int, start: int) -> None:
    """`count` active projects of world.org, each with supports, a need, an update, a comment and a review."""
    with app.app_context():
        ids = bulk_projects(world.org.id, count, start=start)
        bulk_activity(ids, [world.community.id, world.member.id])
        db.session.commit()


def query_counts(app, client, headers, detail_id: int) -> dict[str, int]:
    counts = {}
    for name, (url, params) in {**REQUESTS, "project page": (f"/projects/{detail_id}", {})}.items():
        with counted_queries(app) as statements:
            response = client.get(url, query_string=params, headers=headers if url.startswith("/api") else {})
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(statements)
    return counts


@pytest.mark.parametrize("reader", ["anonymous", "owner"])
def test_the_same_number_of_queries_for_10_and_for_2000_projects(app, client, login_as, world, reader):
    detail = make_project(app, world, Stage.ACTIVE)  # the project page's project, through the real gates
    headers = {}
    if reader == "owner":
        login_as(world.owner)
        headers = bearer(app, world.owner)
    add_projects(app, world, 9, start=0)
    small = query_counts(app, client, headers, detail)

    add_projects(app, world, 1_990, start=10)
    large = query_counts(app, client, headers, detail)

    assert large == small
    assert small["web list"] <= 8 and small["API list"] <= 10, small  # a handful (signing in included), not one per row
    assert small["web list, filtered"] == small["web list"] == small["web search"]
    with counted_queries(app) as statements:
        assert client.get("/projects", query_string={"page": 50}).status_code == 200  # a page in the middle
    assert len(statements) == large["web list"]


def test_the_lists_show_the_rows_they_counted(app, client, world):
    add_projects(app, world, 30, start=0)
    page = client.get("/api/v1/projects", query_string={"per_page": 5, "sort": "most_supported"}).get_json()
    assert page["total"] == 30 and len(page["items"]) == 5
    assert all(item["supports"] == 2 and item["open_needs"] == 1 for item in page["items"])
    assert all(item["ge_code"] == "GE-2" and item["self_assessed_ge_code"] == "GE-1" for item in page["items"])
