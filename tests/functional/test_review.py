"""The reviewers' side through the web: the queue, the review page, validation and decisions."""

import re
from html import unescape

import pytest

from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.support.projects import GOOD_TEXT, full_answers, load
from tests.support.queries import counted_queries
from tests.support.review import project_in


def submitted(app, world, **kwargs) -> int:
    return project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer, **kwargs)


def titles_in_order(html: str, titles: list[str]) -> list[str]:
    """The given titles in the order they appear on the page (absent ones left out)."""
    html = unescape(html)
    found = [(html.index(t), t) for t in titles if t in html]
    return [t for _, t in sorted(found)]


# The queue ----------------------------------------------------------------------------------------


@pytest.fixture
def queue_world(app, world, make_user, make_org):
    """Waiting projects in two regions, of two organisations, plus projects that wait for nobody."""
    partner_co = make_user(name="Camila Partner")
    org_co = make_org(country="CO", members=[(partner_co, "owner")])
    other = (world.other_org, world.outsider_partner, world.admin)
    own = (world.org, world.owner, world.admin)
    project_in(app, Stage.SUBMITTED, *other, title="Submitted five days ago", waiting_days=5)
    project_in(app, Stage.LAUNCH_REVIEW, *other, title="Launch review ten days ago", waiting_days=10)
    project_in(app, Stage.COMPLETION_REVIEW, *own, title="Completion review, Cora's own", waiting_days=1)
    project_in(app, Stage.SUBMITTED, org_co, partner_co, world.admin, title="Colombian project", country="CO",
               waiting_days=3)
    project_in(app, Stage.DRAFT, *other, title="A draft nobody reviews")
    project_in(app, Stage.INCUBATING, *other, title="Incubating, nothing to decide")
    return world


ALL_TITLES = ["Submitted five days ago", "Launch review ten days ago", "Completion review, Cora's own",
              "Colombian project", "A draft nobody reviews", "Incubating, nothing to decide"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("reviewer", ["Launch review ten days ago", "Submitted five days ago",
                      "Completion review, Cora's own"]),
        ("conflicted", ["Launch review ten days ago", "Submitted five days ago"]),
        ("far_reviewer", ["Colombian project"]),
        ("admin", ["Launch review ten days ago", "Submitted five days ago", "Colombian project",
                   "Completion review, Cora's own"]),
    ],
)
def test_the_queue_lists_what_waits_in_the_reviewers_regions_oldest_first(client, login_as, queue_world, who,
                                                                          expected):
    login_as(getattr(queue_world, who))
    response = client.get("/review/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert titles_in_order(html, ALL_TITLES) == expected


def test_each_queue_row_says_what_waits_where_and_since_when(app, client, login_as, world):
    project_id = project_in(app, Stage.LAUNCH_REVIEW, world.other_org, world.outsider_partner, world.admin,
                            title="Girls' radio club", waiting_days=0)
    login_as(world.reviewer)
    html = client.get("/review/").get_data(as_text=True)
    row = re.search(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, re.S).group(1)
    assert f'href="/review/projects/{project_id}"' in row
    with app.app_context():
        since = db.session.get(Project, project_id).stage_changed_at.date().isoformat()
    for text in (world.other_org.name, "Senegal", "Launch review", f'datetime="{since}'):
        assert text in row


@pytest.mark.parametrize("who", ["community", "owner", "outsider_partner"])
def test_the_queue_is_for_reviewers_and_admins_only(client, login_as, world, who):
    login_as(getattr(world, who))
    assert client.get("/review/").status_code == 403


def test_the_queue_asks_visitors_to_log_in(client):
    response = client.get("/review/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_navigation_links_to_the_queue_for_reviewers_only(client, login_as, world):
    login_as(world.reviewer)
    assert "Review queue" in client.get("/").get_data(as_text=True)
    login_as(world.community)
    assert "Review queue" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(("who", "links"), [
    ("community", set()), ("owner", set()), ("conflicted", {"/review/"}), ("reviewer", {"/review/"}),
    ("admin", {"/review/", "/admin/users"}),
])
def test_the_menu_offers_the_queue_and_the_admin_pages_by_role(client, login_as, world, who, links):
    login_as(getattr(world, who))
    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', client.get("/").get_data(as_text=True), re.S).group(1)
    assert {link for link in ("/review/", "/admin/users") if f'href="{link}"' in menu} == links


def test_the_menu_offers_neither_to_visitors(client):
    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', client.get("/").get_data(as_text=True), re.S).group(1)
    assert 'href="/review/"' not in menu and 'href="/admin/users"' not in menu and 'href="/login' in menu


@pytest.mark.parametrize(("who", "every_region"), [("reviewer", False), ("admin", True)])
def test_the_queue_says_whose_regions_it_covers_and_links_admins_to_the_gate_settings(client, login_as, world, who,
                                                                                   every_region):
    login_as(getattr(world, who))
    html = unescape(client.get("/review/").get_data(as_text=True))
    assert ("in every region, oldest first" in html) is every_region
    assert ("in your regions, oldest first" in html) is not every_region
    assert ('href="/admin/settings"' in html) is every_region


@pytest.mark.parametrize("who", ["reviewer", "admin"])
def test_the_queue_takes_a_fixed_number_of_queries(app, client, login_as, world, who):
    login_as(getattr(world, who))
    for n in range(2):
        submitted(app, world, title=f"Early project {n}")
    with counted_queries(app) as few:
        assert client.get("/review/").status_code == 200
    for n in range(5):
        submitted(app, world, title=f"Later project {n}")
    with counted_queries(app) as many:
        html = client.get("/review/").get_data(as_text=True)
    assert "Later project 4" in html
    assert len(many) == len(few)


# The review page ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [
    ("reviewer", 200), ("admin", 200), ("far_reviewer", 404), ("conflicted", 404), ("owner", 404),
    ("community", 404), ("outsider_partner", 404),
])
def test_the_review_page_is_for_those_who_may_review_the_project(app, client, login_as, world, who, status):
    project_id = submitted(app, world)
    login_as(getattr(world, who))
    assert client.get(f"/review/projects/{project_id}").status_code == status


def test_the_review_page_shows_the_project_and_the_version_awaiting_review(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    response = client.get(f"/review/projects/{project_id}")
    html = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Safe spaces for girls in Thiès" in html and "Adolescent girls" in html
    assert "Gender analysis" in html and "Child participation" in html and GOOD_TEXT in html
    assert "Waiting for review" in html and "This is the first version" in html
    assert f'action="/review/projects/{project_id}/assessments/design"' in html
    assert "GE-2: fully integrated: gender equality is a significant, deliberate objective" in html
    # One decision form with one note box; a button per move, each with what its gate still needs.
    assert html.count(f'action="/review/projects/{project_id}/decide"') == 1
    assert len(re.findall(r'<textarea[^>]*name="note"', html)) == 1  # one note box for every decision
    assert "The design assessment has not been reviewed yet." in html
    assert re.search(r'<button[^>]*name="to" value="incubating"[^>]*disabled', html)  # its gate is unmet
    for open_move in ("changes_requested", "rejected"):
        assert re.search(rf'<button type="submit" name="to" value="{open_move}" class="[^"]*"\s+aria-', html)
    assert "Required for: Request changes, Do not select." in html
    assert not re.search(r'<textarea[^>]*id="note"[^>]*required', html)  # accepting needs no note
    assert "A note explaining this decision is required." not in html  # the note rule waits for the press


def dt_badge(html: str, label: str) -> str | None:
    """The change badge next to a question's label on the review page."""
    for dt in re.findall(r"<dt>(.*?)</dt>", html, re.S):
        if dt.strip().startswith(label):
            badge = re.search(r'class="badge[^"]*">(\w+)</span>', dt)
            return badge.group(1) if badge else None
    raise AssertionError(f"no question {label!r}")


def test_the_review_page_shows_what_changed_since_the_previous_version(app, client, login_as, world):
    with app.app_context():
        from tests.support.projects import new_project

        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = new_project(world.org.id, world.owner.id)
        first = {k: v for k, v in full_answers(Phase.DESIGN).items() if k != "transparency"}
        assessments.save_assessment(project, Phase.DESIGN, owner, first, "GE-2", "A deliberate objective.")
        workflow.transition(project, Stage.SUBMITTED, owner)
        assessments.review_assessment(project, Phase.DESIGN, reviewer, "needs_work", "GE-1", "More on risks.")
        workflow.transition(project, Stage.CHANGES_REQUESTED, reviewer, note="See the review.")
        changed = {"protection_do_no_harm": GOOD_TEXT + " Travel is escorted.", "transparency": GOOD_TEXT}
        assessments.save_assessment(project, Phase.DESIGN, owner, changed, None, None)
        workflow.transition(project, Stage.SUBMITTED, owner)
        db.session.commit()
        project_id = project.id
    login_as(world.reviewer)
    html = client.get(f"/review/projects/{project_id}").get_data(as_text=True)
    assert "version 2" in html and "Review of version 1" in html and "More on risks." in html
    assert dt_badge(html, "Protection and do no harm") == "changed"
    assert dt_badge(html, "Transparency") == "new"
    assert dt_badge(html, "Gender analysis") == "unchanged"
    assert "Previous answer (version 1)" in html and "Travel is escorted." in html
