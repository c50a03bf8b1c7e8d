"""The public list of initiatives (/projects) and the API list: every filter, their combinations, the sorts,
pages that keep the filters, who sees what, and an accessible form that works without JavaScript."""

import re
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from app.community.models import Comment, Support
from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview
from app.resources.models import Need
from tests.support.discovery import BASE_TIME, bulk_projects, insert_rows
from tests.support.web import text

# key: (organisation, stage, themes, self-assessed code, reviewer's code)
PROJECTS = {
    "a": ("sn", "active", ("child_protection",), "GE-1", "GE-2"),
    "b": ("sn", "incubating", ("girls_empowerment",), "GE-3", None),
    "c": ("pe", "active", ("girls_empowerment", "child_participation"), "GE-2", "GE-3"),
    "d": ("pe", "submitted", ("rights_advocacy",), "GE-2", None),
    "e": ("ma", "completed", ("social_wellbeing",), "GE-1", "GE-1"),
    "f": ("ma", "draft", ("social_wellbeing",), None, None),
    "g": ("sn", "rejected", ("child_protection",), "GE-2", None),
    "h": ("sn", "launch_review", ("social_wellbeing",), None, None),
}
PUBLIC = {"a", "b", "c", "d", "e", "h"}
COUNTRY = {"sn": "SN", "pe": "PE", "ma": "MA"}


@pytest.fixture
def catalogue(app, make_user, make_org):
    """Eight projects of three organisations, with supports, needs, a comment and assessments."""
    owner = make_user(name="Awa Owner")
    supporters = [make_user() for _ in range(3)]
    orgs = {
        "sn": make_org("enfance-sn", country="SN", members=[(owner, "owner")]),
        "pe": make_org("ninas-pe", country="PE"),
        "ma": make_org("atfal-ma", country="MA"),
    }
    ids = {}
    with app.app_context():
        for n, (key, (org, stage, themes, _own, _reviewed)) in enumerate(PROJECTS.items()):
            [ids[key]] = bulk_projects(
                orgs[org].id, 1, start=n, themes=themes, stage=stage, country_code=COUNTRY[org],
                title=f"Project {key.upper()}", summary=f"Summary of project {key}.",
            )
        for key, (_org, _stage, _themes, own, reviewed) in PROJECTS.items():
            if own is None:
                continue
            [assessment] = insert_rows(
                Assessment.__table__,
                [{"project_id": ids[key], "phase": "design", "version": 1, "answers": {}, "ge_code": own,
                  "justification": "", "created_at": BASE_TIME, "updated_at": BASE_TIME}],
                Assessment.__table__.c.id,
            )
            if reviewed:
                insert_rows(AssessmentReview.__table__, [{"assessment_id": assessment, "verdict": "satisfactory",
                                                          "ge_code": reviewed, "comment": "", "created_at": BASE_TIME}])
        supports = {"a": 1, "b": 3, "c": 2}
        insert_rows(Support.__table__, [{"user_id": supporters[i].id, "project_id": ids[key], "created_at": BASE_TIME}
                                        for key, n in supports.items() for i in range(n)])
        needs = [("a", "funding", True, "open"), ("b", "volunteer_time", False, "open"),
                 ("c", "expertise", True, "closed"), ("e", "materials", True, "open"), ("h", "venue", True, "open"),
                 ("h", "funding", True, "open")]
        insert_rows(Need.__table__, [
            {"project_id": ids[key], "kind": kind, "title": f"Need {kind}", "description": "", "quantity": Decimal(5),
             "unit": "XOF" if kind == "funding" else ("hours" if kind == "volunteer_time" else "items"),
             "required": required, "status": status, "created_at": BASE_TIME, "updated_at": BASE_TIME}
            for key, kind, required, status in needs
        ])
        insert_rows(Comment.__table__, [
            {"project_id": ids["d"], "author_id": supporters[0].id, "depth": 1, "body": "Hello", "body_html": "Hello",
             "status": "published", "moderation_reason": "", "flag_count": 0,
             "created_at": BASE_TIME + timedelta(days=60)},
            {"project_id": ids["e"], "author_id": supporters[0].id, "depth": 1, "body": "Held", "body_html": "Held",
             "status": "held", "moderation_reason": "", "flag_count": 0, "created_at": BASE_TIME + timedelta(days=90)},
        ])
        db.session.commit()
    return SimpleNamespace(ids=ids, owner=owner, orgs=orgs)


def web_ids(client, catalogue, **params) -> list[str]:
    """The keys of the projects the web list shows, in its order."""
    response = client.get("/projects", query_string=params)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    names = {f"/projects/{pid}\"": key for key, pid in catalogue.ids.items()}
    order = re.findall(r'<h3><a href="(/projects/\d+")', html)
    return [names[link] for link in order]


def api_ids(client, catalogue, **params) -> list[str]:
    response = client.get("/api/v1/projects", query_string={"per_page": 100, **params})
    assert response.status_code == 200, response.get_json()
    names = {pid: key for key, pid in catalogue.ids.items()}
    return [names[item["id"]] for item in response.get_json()["items"]]


FILTERS = [
    ({}, PUBLIC),
    ({"country": "PE"}, {"c", "d"}),
    ({"country": "MA"}, {"e"}),
    ({"region": "sub_saharan_africa"}, {"a", "b", "h"}),
    ({"region": "north_africa"}, {"e"}),
    ({"stage": "active"}, {"a", "c"}),
    ({"stage": "draft"}, set()),  # never seen by an anonymous reader
    ({"stage": "rejected"}, set()),
    ({"theme": "girls_empowerment"}, {"b", "c"}),
    ({"theme": "social_wellbeing"}, {"e", "h"}),
    ({"ge_code": "GE-2"}, {"a", "d"}),  # a: reviewed GE-2 (self GE-1); d: self-assessed GE-2, no review yet
    ({"ge_code": "GE-1"}, {"e"}),  # a's own GE-1 gave way to the reviewer's code
    ({"ge_code": "GE-3"}, {"b", "c"}),
    ({"ge_code": "GE-0"}, set()),
    ({"organisation": "ninas-pe"}, {"c", "d"}),
    ({"organisation": "atfal-ma"}, {"e"}),  # its draft stays unseen
    ({"need_kind": "funding"}, {"a", "h"}),
    ({"need_kind": "volunteer_time"}, {"b"}),
    ({"need_kind": "expertise"}, set()),  # closed
    ({"need_kind": "materials"}, set()),  # e is completed: it takes no pledges any more
    ({"need_kind": "venue"}, {"h"}),
    # combinations: every filter must hold
    ({"country": "SN", "stage": "active"}, {"a"}),
    ({"region": "latin_america", "theme": "girls_empowerment"}, {"c"}),
    ({"theme": "girls_empowerment", "ge_code": "GE-3"}, {"b", "c"}),
    ({"theme": "girls_empowerment", "ge_code": "GE-3", "stage": "incubating"}, {"b"}),
    ({"organisation": "enfance-sn", "need_kind": "funding"}, {"a", "h"}),
    ({"organisation": "enfance-sn", "need_kind": "funding", "theme": "child_protection"}, {"a"}),
    ({"region": "north_africa", "stage": "active"}, set()),
    ({"country": "PE", "ge_code": "GE-2", "stage": "submitted", "theme": "rights_advocacy"}, {"d"}),
    ({"q": "project", "country": "PE"}, {"c", "d"}),
    ({"q": "summary project b"}, {"b"}),
    ({"q": "project", "need_kind": "funding", "region": "sub_saharan_africa", "stage": "launch_review"}, {"h"}),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_filters_and_their_combinations_on_the_web_page(client, catalogue, params, expected):
    assert set(web_ids(client, catalogue, **params)) == expected


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_the_api_applies_the_same_filters(client, catalogue, params, expected):
    assert set(api_ids(client, catalogue, **params)) == expected


def test_the_api_takes_several_values_of_a_filter(client, catalogue):
    assert set(api_ids(client, catalogue, need_kind=["venue", "volunteer_time"])) == {"b", "h"}
    assert set(api_ids(client, catalogue, ge_code=["GE-1", "GE-3"], country="SN")) == {"b"}


def test_the_api_refuses_unknown_need_kinds_and_sorts(client):
    response = client.get("/api/v1/projects", query_string={"need_kind": "money", "sort": "cheapest"})
    assert response.status_code == 422
    assert {d["field"] for d in response.get_json()["error"]["details"]} == {"need_kind", "sort"}


def test_the_web_page_ignores_unknown_values(client, catalogue):
    assert set(web_ids(client, catalogue, stage="flying", country="FR", sort="cheapest")) == PUBLIC


def test_the_api_items_carry_both_codes_supports_and_open_needs(client, catalogue):
    items = {item["id"]: item for item in client.get("/api/v1/projects").get_json()["items"]}
    a, b = items[catalogue.ids["a"]], items[catalogue.ids["b"]]
    assert (a["ge_code"], a["self_assessed_ge_code"], a["supports"], a["open_needs"]) == ("GE-2", "GE-1", 1, 1)
    assert (b["ge_code"], b["self_assessed_ge_code"], b["supports"], b["open_needs"]) == (None, "GE-3", 3, 1)
    assert items[catalogue.ids["e"]]["open_needs"] == 0  # completed: its leftover need is not open to pledges


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["h", "e", "d", "c", "b", "a"]),
        ("most_supported", ["b", "c", "a", "h", "e", "d"]),  # then the newest
        ("most_in_need", ["h", "a", "b", "e", "d", "c"]),  # h: 2 required; a: 1 required; b: 1 optional
        ("recently_active", ["d", "h", "e", "c", "b", "a"]),  # d's comment; e's held comment does not count
        ("relevance", ["h", "e", "d", "c", "b", "a"]),  # without a search: the newest
    ],
)
def test_sorts(client, catalogue, sort, expected):
    assert web_ids(client, catalogue, sort=sort) == expected
    assert api_ids(client, catalogue, sort=sort) == expected


def test_the_default_order_is_the_newest_and_relevance_with_a_search(client, catalogue):
    assert web_ids(client, catalogue) == ["h", "e", "d", "c", "b", "a"]
    assert web_ids(client, catalogue, q="project b")[0] == "b"


def test_the_list_shows_what_each_project_is(client, catalogue):
    page = text(client.get("/projects", query_string={"country": "PE"}))
    assert "2 initiatives" in page
    assert "Project C Summary of project c. Organisation 2 · Peru · Active" in page
    assert "Girls' empowerment Child participation" in page
    assert "2 supporters" in page and "GE-3 (reviewed)" in page
    assert "GE-2 (self-assessed)" in page


# --- pages that keep the filters -----------------------------------------------------------------


@pytest.fixture
def many(app, make_org, catalogue):
    """45 more active Senegalese projects about child protection, and 5 Peruvian ones."""
    with app.app_context():
        sn = bulk_projects(catalogue.orgs["sn"].id, 45, start=100, themes=("child_protection",), title="Clubs")
        bulk_projects(catalogue.orgs["pe"].id, 5, start=200, themes=("child_protection",), country_code="PE")
        db.session.commit()
    return sn


def pager_links(html: str) -> dict[str, dict]:
    """rel → the query string of the previous / next links."""
    links = {}
    for rel_first, href, rel_last in re.findall(r'<a (?:rel="(\w+)" )?href="([^"]+)"(?: rel="(\w+)")?', html):
        rel = rel_first or rel_last
        if rel in ("prev", "next"):
            links[rel] = {k: v for k, v in parse_qs(urlsplit(href.replace("&amp;", "&")).query).items()}
    return links


def test_pages_keep_every_filter_the_search_and_the_sort(client, catalogue, many):
    params = {"q": "clubs", "country": "SN", "region": "sub_saharan_africa", "stage": "active",
              "theme": "child_protection", "ge_code": "", "organisation": "enfance-sn", "sort": "newest"}
    first = client.get("/projects", query_string=params)
    html = first.get_data(as_text=True)
    assert "45 initiatives match “clubs”" in text(first)
    assert "Page 1 of 3" in text(first)
    links = pager_links(html)
    assert set(links) == {"next"}
    kept = {k: v for k, v in params.items() if v}
    assert links["next"] == {**{k: [v] for k, v in kept.items()}, "page": ["2"]}

    second = client.get("/projects", query_string={**kept, "page": 2})
    links = pager_links(second.get_data(as_text=True))
    assert links["prev"]["page"] == ["1"] and links["next"]["page"] == ["3"]
    assert links["next"]["q"] == ["clubs"] and links["next"]["organisation"] == ["enfance-sn"]
    third = client.get("/projects", query_string={**kept, "page": 3})
    assert len(re.findall(r"<h3><a href=", third.get_data(as_text=True))) == 5
    all_three = [web_ids_on(client, {**kept, "page": n}) for n in (1, 2, 3)]
    assert sum(len(ids) for ids in all_three) == 45
    assert len({pid for ids in all_three for pid in ids}) == 45  # no project twice, none left out


def web_ids_on(client, params) -> list[str]:
    html = client.get("/projects", query_string=params).get_data(as_text=True)
    return re.findall(r'<h3><a href="/projects/(\d+)"', html)


def test_a_page_past_the_end_says_so(client, catalogue):
    response = client.get("/projects", query_string={"page": 50})
    assert response.status_code == 200
    assert "There is no page 50." in text(response)


# --- who sees what --------------------------------------------------------------------------------


def test_members_see_their_own_drafts_and_others_never(app, client, login_as, catalogue, make_user):
    assert "f" not in web_ids(client, catalogue)
    outsider = login_as(make_user(), app.test_client())
    assert set(web_ids(outsider, catalogue)) == PUBLIC
    owner = login_as(catalogue.owner, app.test_client())
    assert set(web_ids(owner, catalogue, stage="rejected")) == {"g"}  # its own organisation's
    assert set(web_ids(owner, catalogue, organisation="atfal-ma")) == {"e"}  # another's draft stays unseen


def test_the_stage_filter_offers_private_stages_only_to_signed_in_people(app, client, login_as, make_user):
    anonymous = client.get("/projects").get_data(as_text=True)
    assert 'value="draft"' not in anonymous and 'value="active"' in anonymous
    signed_in = login_as(make_user(), app.test_client()).get("/projects").get_data(as_text=True)
    assert 'value="draft"' in signed_in


# --- the form ------------------------------------------------------------------------------------


class Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.labels, self.controls, self.forms = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label":
            self.labels.add(attrs.get("for"))
        if tag in ("select", "input") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs.get("id"))
        if tag == "form":
            self.forms.append(attrs)


def test_the_form_is_a_labelled_get_form_and_headings_are_in_order(client, catalogue):
    structure = Structure()
    structure.feed(client.get("/projects").get_data(as_text=True))
    search_form = next(f for f in structure.forms if f.get("role") == "search")
    assert search_form["method"] == "get"
    assert all(control in structure.labels for control in structure.controls), structure.controls
    for name in ("q", "country", "region", "stage", "theme", "ge_code", "organisation", "need_kind", "sort"):
        assert name in structure.controls
    assert structure.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(structure.headings, structure.headings[1:], strict=False))


def test_the_ge_code_filter_explains_which_code_it_uses(client):
    page = text(client.get("/projects"))
    assert "The code a reviewer gave when validating the assessment; before any review, the code the " \
           "organisation gave itself." in page


def test_the_form_shows_the_choices_made(client, catalogue):
    html = client.get("/projects", query_string={"q": "café <b>", "country": "PE", "sort": "most_supported"})
    page = html.get_data(as_text=True)
    assert 'value="café &lt;b&gt;"' in page
    assert '<option selected value="PE">' in page
    assert '<option selected value="most_supported">' in page
    assert "café <b>" not in page
