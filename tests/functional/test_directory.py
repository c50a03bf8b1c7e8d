"""The organisation directory and the organisation page: country, focus, partners' roles (counts, never
names or e-mail addresses to strangers), public initiatives — in a fixed number of queries."""

import re

import pytest

from app.core.columns import utcnow
from app.core.extensions import db
from app.organisations.models import Membership, Organisation, organisation_themes
from tests.support.discovery import bulk_projects, insert_rows
from tests.support.queries import counted_queries
from tests.support.web import text


@pytest.fixture
def partners(app, make_user, make_org):
    """Two verified organisations (one with two owners, a member and a pending request) and an unverified one."""
    owner, co_owner, member, asking = (make_user(email=f"{n}@partner.example.org", name=n.title())
                                       for n in ("awa", "binta", "moussa", "pending"))
    sn = make_org("enfance-sn", country="SN", members=[(owner, "owner"), (co_owner, "owner"), (member, "member")])
    pe = make_org("ninas-pe", country="PE")
    hidden = make_org("not-yet", country="MA", verified=False)
    with app.app_context():
        db.session.add(Membership(user_id=asking.id, organisation_id=sn.id, role="member", status="pending"))
        insert_rows(organisation_themes, [{"organisation_id": sn.id, "theme_key": "child_protection"},
                                          {"organisation_id": sn.id, "theme_key": "girls_empowerment"}])
        old = bulk_projects(sn.id, 3, start=0, title="Older initiative")
        newest = bulk_projects(sn.id, 3, start=10, title="Newer initiative")
        draft = bulk_projects(sn.id, 1, start=20, stage="draft", title="Draft initiative")
        rejected = bulk_projects(sn.id, 1, start=21, stage="rejected", title="Rejected initiative")
        bulk_projects(hidden.id, 1, start=30, title="Initiative of an unverified organisation")
        db.session.commit()
    return {"owner": owner, "sn": sn, "pe": pe, "hidden": hidden, "old": old, "newest": newest, "draft": draft,
            "rejected": rejected}


def test_the_directory_says_who_is_who(client, partners):
    response = client.get("/organisations/")
    page, html = text(response), response.get_data(as_text=True)
    assert "2 organisations" in page
    assert "Not yet" not in page and "Organisation 3" not in page  # unverified
    sn = text_of(html, "Organisation 1")
    assert "Senegal · Sub-Saharan Africa" in sn
    assert "Child protection Girls' empowerment" in sn
    assert "Partners: 2 owners, 1 member" in sn  # the pending request is not a partner
    assert "6 public initiatives" in sn  # the draft and the rejected one are not public
    links = re.findall(r'href="/projects/(\d+)"', section_of(html, "Organisation 1"))
    assert [int(pid) for pid in links] == list(reversed(partners["newest"]))  # the three newest
    assert "All initiatives of Organisation 1" in sn
    pe = text_of(html, "Organisation 2")
    assert "Partners: 0 owners, 0 members" in pe and "No public initiative yet." in pe
    for private in ("@partner.example.org", "Awa", "Binta", "Moussa", "Draft initiative", "Rejected initiative"):
        assert private not in page


def section_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a></h3>")
    end = html.find('<li class="card">', start)
    return html[start:end if end != -1 else None]


def text_of(html: str, name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section_of(html, name))).replace("&#39;", "'")


def test_the_link_to_all_initiatives_filters_the_list(client, partners):
    html = client.get("/organisations/").get_data(as_text=True)
    assert 'href="/projects?organisation=enfance-sn"' in html
    listed = client.get("/projects", query_string={"organisation": "enfance-sn"}).get_data(as_text=True)
    assert len(re.findall(r"<h3><a href=", listed)) == 6


def test_the_api_directory_counts_partners_and_public_projects(client, partners):
    items = {o["slug"]: o for o in client.get("/api/v1/organisations").get_json()["items"]}
    assert set(items) == {"enfance-sn", "ninas-pe"}
    assert (items["enfance-sn"]["owners"], items["enfance-sn"]["members"]) == (2, 1)
    assert items["enfance-sn"]["public_projects"] == 6
    assert items["ninas-pe"]["public_projects"] == 0
    assert "@" not in str(items)


def test_the_organisation_page_lists_its_initiatives_and_roles(app, client, login_as, partners):
    page = text(client.get("/organisations/enfance-sn"))
    assert "Partners 2 owners, 1 member" in page
    assert "Initiatives" in page and "Newer initiative" in page and "Older initiative" in page
    assert "Draft initiative" not in page and "Rejected initiative" not in page
    assert "awa@partner.example.org" not in page

    owner = login_as(partners["owner"], app.test_client())
    own_view = text(owner.get("/organisations/enfance-sn"))
    assert "Draft initiative" in own_view and "Rejected initiative" in own_view  # their own, marked by stage
    assert "Draft" in own_view and "Not selected" in own_view


def test_an_organisation_without_public_initiatives_says_so(client, partners):
    assert "This organisation has no public initiative yet." in text(client.get("/organisations/ninas-pe"))


def test_a_long_list_links_to_the_filtered_list(app, client, partners):
    with app.app_context():
        bulk_projects(partners["sn"].id, 30, start=100)
        db.session.commit()
    html = client.get("/organisations/enfance-sn").get_data(as_text=True)
    assert len(re.findall(r'<li>\s*<a href="/projects/\d+"', html)) == 20
    assert "See all 36 initiatives" in text(client.get("/organisations/enfance-sn"))
    assert 'href="/projects?organisation=enfance-sn"' in html


def add_organisations(app, count: int, start: int, projects_each: int) -> None:
    with app.app_context():
        now = utcnow()
        ids = insert_rows(
            Organisation.__table__,
            [{"slug": f"bulk-{start + n}", "name": f"Bulk organisation {start + n}", "country_code": "TG",
              "description": "", "website": "", "verified": True, "verified_at": now, "created_at": now}
             for n in range(count)],
            Organisation.__table__.c.id,
        )
        insert_rows(organisation_themes, [{"organisation_id": oid, "theme_key": "social_wellbeing"} for oid in ids])
        for n, oid in enumerate(ids):
            bulk_projects(oid, projects_each, start=1000 * (start + n))
        db.session.commit()


def test_the_directory_and_an_organisation_page_take_a_fixed_number_of_queries(app, client, partners):
    def counts() -> dict[str, int]:
        found = {}
        for url in ("/organisations/", "/organisations/enfance-sn", "/api/v1/organisations"):
            with counted_queries(app) as statements:
                assert client.get(url).status_code == 200
            found[url] = len(statements)
        return found

    add_organisations(app, 20, start=0, projects_each=1)
    small = counts()
    add_organisations(app, 20, start=100, projects_each=100)
    with app.app_context():
        bulk_projects(partners["sn"].id, 1_000, start=5000)
        db.session.commit()
    assert counts() == small
    assert small["/organisations/"] <= 7, small
