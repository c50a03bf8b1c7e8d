"""The dashboards and GET /api/v1/stats: what each figure counts, who sees what, and a fixed number of
queries whether there are 10 projects or 2,000."""

import re
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from app.community.models import Comment, Follow, Support
from app.core.columns import utcnow
from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview, GECode
from app.projects.models import ProjectEvent, Stage
from app.reports import stats
from app.resources import money
from app.resources.models import Need, NeedKind, Pledge
from tests.support.api import bearer
from tests.support.discovery import bulk_activity, bulk_projects, insert_rows
from tests.support.projects import world_records
from tests.support.queries import counted_queries

DAY = timedelta(days=1)


@pytest.fixture
def world(make_user, make_org):
    world = world_records(make_user, make_org)
    world.co_org = make_org(country="CO")
    world.ma_org = make_org(country="MA")
    return world


def one(org_id: int, stage: str, country: str, n: int, **fields) -> int:
    [pid] = bulk_projects(org_id, 1, start=n, stage=stage, country_code=country, **fields)
    return pid


def review_rows(pid: int, at, *codes: str) -> None:
    """One reviewed design assessment version per code, oldest first."""
    table = Assessment.__table__
    ids = insert_rows(
        table,
        [{"project_id": pid, "phase": "design", "version": v, "answers": {}, "ge_code": "GE-1", "justification": "",
          "created_at": at, "updated_at": at, "submitted_at": at} for v in range(1, len(codes) + 1)],
        table.c.id,
    )
    insert_rows(AssessmentReview.__table__, [
        {"assessment_id": aid, "verdict": "satisfactory", "ge_code": code, "comment": "", "created_at": at}
        for aid, code in zip(ids, codes, strict=True)
    ])


def events(pid: int, start, moves: list[tuple[str | None, str, float]]) -> None:
    """Stage events (from, to, days after `start`) in order."""
    insert_rows(ProjectEvent.__table__, [
        {"project_id": pid, "from_stage": source, "to_stage": target, "note": "", "created_at": start + days * DAY}
        for source, target, days in moves
    ])


def need(pid: int, kind: str, unit: str, quantity: str, at) -> int:
    table = Need.__table__
    [nid] = insert_rows(table, [{"project_id": pid, "kind": kind, "title": "A need", "description": "",
                                 "quantity": Decimal(quantity), "unit": unit, "required": True, "status": "open",
                                 "created_at": at, "updated_at": at}], table.c.id)
    return nid


def pledges(nid: int, pid: int, pledger_id: int, at, *lines: tuple[str, str]) -> None:
    insert_rows(Pledge.__table__, [
        {"need_id": nid, "project_id": pid, "pledger_id": pledger_id, "quantity": Decimal(quantity), "status": status,
         "message": "", "created_at": at, "updated_at": at}
        for quantity, status in lines
    ])


@pytest.fixture
def planted(app, world):
    """Projects in every kind of stage and three countries, with reviews, stage histories, needs and
    pledges in three units, comments, supports and follows; the expected figures are in the tests."""
    now = utcnow()
    start = now - 60 * DAY
    w = world
    with app.app_context():
        p = SimpleNamespace(
            active_girls=one(w.org.id, "active", "SN", 1, girls_focused=True),
            active=one(w.org.id, "active", "SN", 2),
            submitted=one(w.org.id, "submitted", "SN", 3, stage_changed_at=now - 10 * DAY),
            draft=one(w.org.id, "draft", "SN", 4),
            rejected=one(w.org.id, "rejected", "SN", 5),
            completed=one(w.co_org.id, "completed", "CO", 6),
            withdrawn=one(w.co_org.id, "withdrawn", "CO", 7),
            launch=one(w.co_org.id, "launch_review", "CO", 8, girls_focused=True, stage_changed_at=now - 4 * DAY),
            incubating=one(w.ma_org.id, "incubating", "MA", 9),
        )
        review_rows(p.active_girls, start, "GE-1", "GE-3")  # the newest review counts: GE-3
        review_rows(p.active, start, "GE-2")
        review_rows(p.completed, start, "GE-2")
        review_rows(p.draft, start, "GE-0")  # a draft: never counted
        events(p.active_girls, start, [(None, "draft", 0), ("draft", "submitted", 0), ("submitted", "incubating", 3),
                                       ("incubating", "launch_review", 10), ("launch_review", "active", 12)])
        events(p.completed, start, [("draft", "submitted", 0), ("submitted", "incubating", 5),
                                    ("incubating", "launch_review", 8), ("launch_review", "active", 9),
                                    ("active", "completion_review", 20), ("completion_review", "completed", 21)])
        events(p.submitted, now - 10 * DAY, [("draft", "submitted", 0)])  # still waiting: not a finished review
        events(p.draft, start, [("draft", "submitted", 0), ("submitted", "rejected", 7), ("rejected", "draft", 8)])
        xof = need(p.active_girls, "funding", "XOF", "100000", now)
        pledges(xof, p.active_girls, w.outsider_partner.id, now, ("30000", "fulfilled"), ("20000", "accepted"),
                ("10000", "pledged"), ("5000", "declined"), ("7000", "withdrawn"))
        eur = need(p.launch, "funding", "EUR", "500", now)
        pledges(eur, p.launch, w.outsider_partner.id, now, ("100", "fulfilled"))
        hours = need(p.active, "volunteer_time", "hours", "40", now)
        pledges(hours, p.active, w.outsider_partner.id, now, ("10", "accepted"))
        hidden_need = need(p.draft, "funding", "XOF", "99999", now)
        pledges(hidden_need, p.draft, w.outsider_partner.id, now, ("99999", "fulfilled"))
        insert_rows(Comment.__table__, [
            {"project_id": p.active_girls, "author_id": author, "depth": 1, "body": "Bravo",
             "body_html": "<p>Bravo</p>", "status": status, "moderation_reason": "", "flag_count": 0, "created_at": now}
            for author, status in ((w.community.id, "published"), (w.member.id, "published"),
                                   (w.community.id, "held"))
        ])
        insert_rows(Support.__table__, [
            {"user_id": w.community.id, "project_id": p.active_girls, "created_at": now},
            {"user_id": w.member.id, "project_id": p.active_girls, "created_at": now},
            {"user_id": w.community.id, "project_id": p.active, "created_at": now},
            {"user_id": w.admin.id, "project_id": p.active, "created_at": now - 200 * DAY},  # not active lately
        ])
        insert_rows(Follow.__table__, [{"user_id": w.community.id, "project_id": p.active_girls, "created_at": now}])
        db.session.commit()
    return p


# Public figures -----------------------------------------------------------------------------------

PUBLIC_BY_STAGE = {"submitted": 1, "changes_requested": 0, "incubating": 1, "launch_review": 1, "active": 2,
                   "completion_review": 0, "completed": 1}


def test_the_public_figures_count_only_projects_in_public_stages(client, planted):
    body = client.get("/api/v1/stats").get_json()
    assert set(body) == {"projects"}  # nothing for reviewers without a reviewer's token
    projects = body["projects"]
    assert projects["total"] == 6
    assert projects["by_stage"] == PUBLIC_BY_STAGE
    assert projects["by_region"] == {"sub_saharan_africa": 3, "north_africa": 1, "latin_america": 2}
    assert projects["by_country"] == {"BF": 0, "CI": 0, "MG": 0, "SN": 3, "TG": 0, "MA": 1, "TN": 0, "CO": 2,
                                      "CR": 0, "HN": 0, "PE": 0}


def test_a_community_members_token_gets_the_public_figures_only(app, client, world, planted):
    body = client.get("/api/v1/stats", headers=bearer(app, world.community)).get_json()
    assert set(body) == {"projects"} and body["projects"]["total"] == 6


def section(html: str, key: str) -> str:
    """The HTML of the figure whose heading has the id `{key}-heading`."""
    start = html.index(f'id="{key}-heading"')
    return html[start: html.index("</section>", start)]


def row(html: str, header: str) -> list[str]:
    """The cells of the first table row headed `header`."""
    match = re.search(rf'<th scope="row">{re.escape(header)}</th>(.*?)</tr>', html, re.S)
    assert match, header
    return re.findall(r'<td class="num">(.*?)</td>', match.group(1))


def test_the_public_page_shows_each_chart_beside_a_table_of_the_same_numbers(client, planted):
    response = client.get("/stats")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "6 initiatives in all." in html
    assert row(html, "Active") == ["2"] and row(html, "Submitted for review") == ["1"]
    assert row(html, '<a href="/projects?country=SN">Senegal</a>') == ["3"] and row(html, "Latin America") == ["2"]
    assert '<th scope="row">Not selected</th>' not in html and '<th scope="row">Withdrawn</th>' not in html
    # two charts (stage, region), the map of the countries and two charts of the children consulted (by sex
    # and age, by country), each beside its table
    assert html.count('role="img"') == 4 and html.count('class="map-panel map-') == 2
    assert html.count("<table") == 5 and html.count("<caption") == 5
    assert "Active: 2" in html  # the chart's description
    assert "<script" not in html and "style=" not in html
    assert 'href="/stats.csv"' in html and 'href="/api/v1/stats"' in html
    assert "/stats/review" not in html  # no link for a visitor


def test_the_public_figures_as_csv(client, planted):
    response = client.get("/stats.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="sociallab-stats-')
    text = response.get_data(as_text=True)
    assert text.startswith("\ufefffigure,key,count\r\n")
    lines = text[1:].splitlines()
    assert "projects_total,,6" in lines and "projects_by_stage,active,2" in lines
    assert "projects_by_country,SN,3" in lines and "projects_by_region,north_africa,1" in lines
    assert not any(line.startswith("projects_by_stage,draft") or "rejected" in line for line in lines)


# Reviewers' figures -------------------------------------------------------------------------------


def test_the_reviewers_figures_count_every_project_but_drafts(app, client, world, planted):
    body = client.get("/api/v1/stats", headers=bearer(app, world.reviewer)).get_json()
    assert body["projects"]["total"] == 6  # the public figures stay as they are
    review = body["review"]
    projects = review["projects"]
    assert projects["total"] == 8
    assert projects["by_stage"] == {**PUBLIC_BY_STAGE, "rejected": 1, "withdrawn": 1}
    assert projects["by_region"] == {"sub_saharan_africa": 4, "north_africa": 1, "latin_america": 3}
    assert projects["girls_focused"] == 2 and projects["girls_focused_share"] == 0.25
    assert review["ge_codes"] == {"by_code": {"GE-0": 0, "GE-1": 0, "GE-2": 2, "GE-3": 1}, "not_reviewed": 5}


def test_time_in_review_waiting_now_and_finished_reviews(app, client, world, planted):
    review = client.get("/api/v1/stats", headers=bearer(app, world.admin)).get_json()["review"]
    times = review["review_time"]
    assert times["by_stage"]["submitted"] == {"waiting": 1, "median_days_waiting": 10.0, "longest_days_waiting": 10.0,
                                              "finished": 2, "median_days_finished": 4.0}
    assert times["by_stage"]["launch_review"] == {"waiting": 1, "median_days_waiting": 4.0,
                                                  "longest_days_waiting": 4.0, "finished": 2,
                                                  "median_days_finished": 1.5}
    assert times["by_stage"]["completion_review"] == {"waiting": 0, "median_days_waiting": None,
                                                      "longest_days_waiting": None, "finished": 1,
                                                      "median_days_finished": 1.0}
    # 3 and 5 days (submitted), 2 and 1 (launch review), 1 (completion review); the draft's review is left out
    assert times["finished"] == 5 and times["median_days_finished"] == 2.0


def test_resources_per_kind_and_currency_never_added_together(app, client, world, planted):
    review = client.get("/api/v1/stats", headers=bearer(app, world.reviewer)).get_json()["review"]
    assert review["resources"] == [
        {"kind": "funding", "unit": "EUR", "needs": 1, "target": "500.00", "pledged": "100.00", "fulfilled": "100.00",
         "pledges": 1},
        {"kind": "funding", "unit": "XOF", "needs": 1, "target": "100000", "pledged": "60000", "fulfilled": "30000",
         "pledges": 3},
        {"kind": "volunteer_time", "unit": "hours", "needs": 1, "target": "40.00", "pledged": "10.00",
         "fulfilled": "0.00", "pledges": 1},
    ]


def test_participation(app, client, world, planted):
    review = client.get("/api/v1/stats", headers=bearer(app, world.reviewer)).get_json()["review"]
    # 2 published comments (the held one is not counted); 4 supports, one of them 200 days old; 7 pledges of any
    # status (the draft's is left out); active lately: the community member, the member and the pledger.
    assert review["participation"] == {"comments": 2, "supports": 4, "follows": 1, "pledges": 7,
                                       "active_people": 3, "active_days": 90}


def test_the_reviewers_page_shows_every_figure_with_its_table(app, client, login_as, world, planted):
    login_as(world.reviewer)
    response = client.get("/stats/review")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "8 initiatives in all." in html
    assert row(html, "Not selected") == ["1"] and row(html, "Withdrawn") == ["1"]
    assert row(html, "GE-3: targeted: gender equality is the principal objective") == ["1"]
    assert row(html, "Not reviewed yet") == ["5"]
    assert row(html, "Girls-focused") == ["2", "25%"]
    assert row(section(html, "review-time"), "Submitted for review") == ["1", "10.0", "10.0", "2", "4.0"]
    with app.test_request_context():
        xof = [money.format_quantity(Decimal(v), NeedKind.FUNDING, "XOF") for v in ("100000", "60000", "30000")]
    assert row(html, "Funding · XOF") == ["1", *xof, "30%"]
    assert row(html, "Active people (last 90 days)") == ["3"]
    figures = html.count('role="img"')
    assert figures == html.count("<table") == html.count('<caption class="visually-hidden">') == 8
    headings = re.findall(r"<h(\d)", html)
    assert headings[0] == "1" and set(headings[1:]) == {"2"}  # headings in order
    for name in ("projects", "assessments", "needs", "pledges", "comments"):
        assert f'href="/exports/{name}.csv"' in html
    assert "style=" not in html and "<script" not in html


def test_the_public_page_links_reviewers_to_their_dashboard(client, login_as, world):
    login_as(world.reviewer)
    assert 'href="/stats/review"' in client.get("/stats").get_data(as_text=True)


@pytest.mark.parametrize(
    ("who", "status"),
    [("community", 403), ("owner", 403), ("outsider_partner", 403), ("reviewer", 200), ("far_reviewer", 200),
     ("conflicted", 200), ("admin", 200)],
)
def test_only_reviewers_and_admins_see_the_reviewers_dashboard(client, login_as, world, who, status):
    login_as(getattr(world, who))
    assert client.get("/stats/review").status_code == status


def test_a_visitor_is_sent_to_log_in_for_the_reviewers_dashboard(client):
    response = client.get("/stats/review")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_empty_lab_shows_zeros_and_no_division_by_zero(app, client, login_as, world):
    login_as(world.admin)
    html = client.get("/stats/review").get_data(as_text=True)
    assert "0 initiatives in all." in html
    assert row(html, "Girls-focused") == ["0", "—"]
    with app.test_request_context():
        figures = stats.review_figures()
    assert figures.resources == [] and figures.finished_median_days is None
    assert figures.ge_codes == dict.fromkeys(GECode, 0)


# A fixed number of queries -------------------------------------------------------------------------


def add_projects(app, world, count: int, start: int) -> None:
    """`count` projects in every stage but a few, each with supports, a need, an event, an update, a comment
    and a reviewed assessment."""
    stages = [s.value for s in Stage]
    with app.app_context():
        ids = []
        for i, stage in enumerate(stages):
            share = count // len(stages) + (1 if i < count % len(stages) else 0)
            if share:
                ids += bulk_projects(world.org.id, share, start=start + len(ids), stage=stage,
                                     stage_changed_at=utcnow() - (i + 1) * DAY, girls_focused=i % 2 == 0)
        bulk_activity(ids, [world.community.id, world.member.id])
        db.session.commit()


def query_counts(app, client, reviewer_headers) -> dict[str, int]:
    requests = {
        "public page": ("/stats", {}),
        "public CSV": ("/stats.csv", {}),
        "reviewers' page": ("/stats/review", {}),
        "API, public": ("/api/v1/stats", {}),
        "API, reviewer": ("/api/v1/stats", reviewer_headers),
    }
    counts = {}
    for name, (url, headers) in requests.items():
        with counted_queries(app) as statements:
            response = client.get(url, headers=headers)
            response.get_data()
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(statements)
    return counts


def test_the_same_number_of_queries_for_10_and_for_2000_projects(app, client, login_as, world):
    login_as(world.reviewer)
    headers = bearer(app, world.reviewer)
    add_projects(app, world, 10, start=0)
    small = query_counts(app, client, headers)
    add_projects(app, world, 1_990, start=10)
    large = query_counts(app, client, headers)
    assert large == small
    assert small["API, reviewer"] - small["API, public"] == 5 + 2  # five more figures; the token and user, the regions
    # the figures (and on the page the children consulted), the session, the user
    assert small["public CSV"] <= 1 + 2 and small["public page"] <= 2 + 4, small


def test_the_figures_of_2000_projects_add_up(app, client, world):
    add_projects(app, world, 2_000, start=0)
    projects = client.get("/api/v1/stats").get_json()["projects"]
    assert projects["total"] == sum(projects["by_stage"].values()) == sum(projects["by_country"].values())
    assert projects["total"] == 2_000 * 7 // 10  # seven of the ten stages are public
