"""The home page: the newest active initiatives, open needs and recent public activity — only what an anonymous
visitor may see, whoever reads it — in a fixed number of queries."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from app.community import updates
from app.core.columns import utcnow
from app.core.extensions import db
from app.projects.discovery import Activity, group_by_initiative
from app.projects.models import Project, ReviewerNote, Stage
from app.resources.models import Need
from tests.support.comments import HELD_PHONE, add_comment
from tests.support.discovery import bulk_activity, bulk_projects, insert_rows
from tests.support.projects import load
from tests.support.queries import counted_queries
from tests.support.web import make_project, text


def add_need(app, project_id: int, kind: str, quantity: str, unit: str, title: str, **fields) -> None:
    with app.app_context():
        now = utcnow()
        row = {"project_id": project_id, "kind": kind, "title": title, "description": "", "unit": unit,
               "quantity": Decimal(quantity), "required": True, "status": "open", "created_at": now, "updated_at": now}
        insert_rows(Need.__table__, [{**row, **fields}])
        db.session.commit()


def post_update(app, world, project_id: int, title: str, body: str) -> int:
    with app.app_context():
        post, _advice = updates.post_update(db.session.get(Project, project_id), load(world.owner.id), title, body)
        db.session.commit()
        return post.id


@pytest.fixture
def lab(app, world):
    """Public projects with needs, updates and comments; a draft and a rejected project with theirs."""
    active = make_project(app, world, Stage.ACTIVE, title="Clubs de lecture à Thiès")
    incubating = make_project(app, world, Stage.INCUBATING, title="Safe routes to school")
    draft = make_project(app, world, Stage.DRAFT, title="Secret draft plan")
    rejected = make_project(app, world, Stage.REJECTED, title="Rejected idea")
    add_need(app, active, "funding", "150000", "XOF", "School fees for 30 girls")
    add_need(app, incubating, "volunteer_time", "12.5", "hours", "Volunteers to walk with the children",
             required=False)
    add_need(app, active, "materials", "40", "books", "Closed need", status="closed")
    add_need(app, draft, "venue", "1", "room", "Need of a draft")
    post_update(app, world, active, "Twelve clubs meet now", "Twelve clubs meet every Saturday.")
    post_update(app, world, active, "Held news", f"Our coordinator: {HELD_PHONE}")
    add_comment(app, active, world.community, "Which schools take part this year?")
    add_comment(app, active, world.community, HELD_PHONE)  # held by the safeguarding screen
    with app.app_context():
        db.session.add(ReviewerNote(project_id=active, author_id=world.reviewer.id, body="Private reviewer remark"))
        db.session.commit()
    return {"active": active, "incubating": incubating, "draft": draft, "rejected": rejected}


@pytest.mark.parametrize("reader", ["anonymous", "owner", "admin"])
def test_the_home_page_shows_public_initiatives_needs_and_activity(app, client, login_as, world, lab, reader):
    if reader != "anonymous":
        login_as(getattr(world, reader))
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    html = response.get_data(as_text=True)

    assert "Active initiatives" in page and "Clubs de lecture à Thiès" in page
    assert f'href="/projects/{lab["active"]}"' in html
    assert "School fees for 30 girls (Funding: F CFA" in page and "150,000" in page
    assert "Volunteers to walk with the children (Volunteer time: 12.5 hours, optional)" in page
    assert "Closed need" not in page
    groups = activity_groups(html)
    assert "News: Twelve clubs meet now" in groups["Clubs de lecture à Thiès"]
    assert "A comment by Carla Community." in groups["Clubs de lecture à Thiès"]
    assert "Moved to “Incubating”." in groups["Safe routes to school"]

    # what an anonymous visitor may not see never appears, whoever reads the page
    for hidden in ("Secret draft plan", "Rejected idea", "Need of a draft", "Held news", "+221",
                   "Private reviewer remark", "Outside the programme's scope", "Not selected"):
        assert hidden not in page, hidden
    assert page.count("A comment by") == 1  # the held comment is not announced


def activity_groups(html: str) -> dict[str, str]:
    """The home page's recent activity: each initiative's heading and the text of what happened to it."""
    section = html.split('id="home-activity"', 1)[1].split("</section>", 1)[0]
    groups = {}
    for part in section.split('<li class="activity-group">')[1:]:
        heading, rest = part.split("</h3>", 1)
        title = re.sub(r"<[^>]+>", "", heading).strip()
        assert title not in groups, f"{title} has two groups"
        groups[title] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rest)).strip()
    return groups


def test_the_activity_is_grouped_by_initiative_newest_first(app, client, world, lab):
    """Each initiative heads one group holding everything that happened to it; the initiative with the
    newest happening comes first."""
    html = client.get("/").get_data(as_text=True)
    groups = activity_groups(html)
    assert list(groups)[0] == "Clubs de lecture à Thiès"  # its comment is the newest happening
    active = groups["Clubs de lecture à Thiès"]
    assert "Moved to “Active”." in active and "News: Twelve clubs meet now" in active
    assert "Moved to “Active”." not in groups["Safe routes to school"]
    assert f'<h3><a href="/projects/{lab["incubating"]}">Safe routes to school</a></h3>' in html


def test_each_group_shows_three_happenings_and_counts_the_others(app, client, world, lab):
    groups = activity_groups(client.get("/").get_data(as_text=True))
    active = groups["Clubs de lecture à Thiès"]
    # a comment, an update, and four stage changes (submitted to active): the three newest, and 3 more
    assert active.count("A comment by") + active.count("News:") + active.count("Moved to") == 3
    assert active.endswith("and 3 more")


def test_grouping_keeps_the_newest_initiatives_and_happenings_first():
    at = utcnow()
    happenings = [Activity("stage", at - timedelta(minutes=n), pid, f"P{pid}", stage=Stage.ACTIVE)
                  for n, pid in enumerate([1, 2, 1, 1, 1, 3, 4, 5, 6, 2])]
    grouped = group_by_initiative(happenings, groups=4, per_group=2)
    assert [(g.project_id, len(g.items), g.more) for g in grouped] == [(1, 2, 2), (2, 2, 0), (3, 1, 0), (4, 1, 0)]
    assert grouped[0].items == [happenings[0], happenings[2]]


def test_each_activity_links_to_what_happened(app, client, world, lab):
    html = client.get("/").get_data(as_text=True)
    assert f'href="/projects/{lab["active"]}#comment-' in html
    assert f'href="/projects/{lab["active"]}/updates/' in html


def test_an_empty_lab_says_so(client):
    page = text(client.get("/"))
    assert "No initiative is active yet." in page
    assert "No initiative has an open need at the moment." in page
    assert "Nothing has happened yet." in page


def test_the_newest_come_first_and_only_a_few(app, client, world):
    with app.app_context():
        ids = bulk_projects(world.org.id, 6, title="Club")
        db.session.execute(
            Project.__table__.update().where(Project.id == ids[0]).values(stage_changed_at=utcnow() + timedelta(days=1))
        )
        db.session.commit()
    html = client.get("/").get_data(as_text=True)
    active = html.split('id="home-active"', 1)[1].split('id="home-needs"', 1)[0]
    shown = [int(part.split('"', 1)[0]) for part in active.split('<h3><a href="/projects/')[1:]]
    assert shown == [ids[0], ids[5], ids[4], ids[3]]  # became active last first; four of them


def test_the_home_page_takes_the_same_number_of_queries_for_10_and_2000_projects(app, client, world, lab):
    def count() -> int:
        with counted_queries(app) as statements:
            assert client.get("/").status_code == 200
        return len(statements)

    with app.app_context():
        bulk_activity(bulk_projects(world.org.id, 6), [world.community.id])
        db.session.commit()
    small = count()
    with app.app_context():
        bulk_activity(bulk_projects(world.org.id, 1_990, start=10), [world.community.id, world.member.id])
        db.session.commit()
    assert count() == small
    assert small <= 8, small
