"""My lab: where people land after signing in, listing what needs them, in a fixed number of queries."""

import re
from html import unescape

import pytest

from app.core.extensions import db
from app.lab.overview import SHOWN
from app.projects.models import Stage
from tests.support.projects import load, new_project
from tests.support.queries import page_queries
from tests.support.resources import add_need, pledge, pledge_at, project_at, resource_people
from tests.support.review import project_in


@pytest.fixture
def people(make_user, make_org):
    return resource_people(make_user, make_org)


def lab_page(client, login_as, record) -> str:
    login_as(record)
    response = client.get("/lab")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return unescape(response.get_data(as_text=True))


def section(html: str, name: str) -> str:
    """One panel of My lab (drafts, reviews, decide, pledges, news); empty when it is not shown."""
    match = re.search(rf'<section[^>]*aria-labelledby="lab-{name}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def drafts(app, people, count: int, title="Draft") -> None:
    with app.app_context():
        for n in range(count):
            new_project(people.org.id, people.partner.id, title=f"{title} {n}")
        db.session.commit()


def test_my_lab_needs_an_account(client):
    response = client.get("/lab")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/lab"


def test_signing_in_lands_on_my_lab_and_the_menu_links_to_it(client, login, people):
    response = login(people.other)
    assert response.headers["Location"] == "/lab"
    html = client.get("/lab").get_data(as_text=True)
    assert '<a href="/lab">My lab</a>' in html


def test_a_partner_sees_the_drafts_of_their_organisations_and_not_others(app, client, login_as, people):
    drafts(app, people, 2, title="Girls' council draft")
    with app.app_context():
        new_project(people.other_org.id, people.outsider.id, title="Someone else's draft")
        db.session.commit()
    project_at(app, people, Stage.INCUBATING, title="Incubating, not a draft")
    html = lab_page(client, login_as, people.member)
    shown = section(html, "drafts")
    assert "Drafts to finish" in shown
    assert "Girls' council draft 0" in shown and "Girls' council draft 1" in shown
    assert "Someone else's draft" not in html and "Incubating, not a draft" not in shown
    assert "Reviews waiting" not in html  # a partner has no review queue


def test_changes_requested_is_a_draft_to_finish(app, client, login_as, people):
    project_at(app, people, Stage.CHANGES_REQUESTED, title="Sent back for changes")
    assert "Sent back for changes" in section(lab_page(client, login_as, people.partner), "drafts")


def test_a_reviewer_sees_the_reviews_waiting_in_their_regions(app, client, login_as, people, make_user, make_org):
    project_at(app, people, Stage.SUBMITTED, title="Waiting in Senegal")
    far = make_user(name="Far Partner")
    far_org = make_org(country="CO", members=[(far, "owner")])
    project_in(app, Stage.SUBMITTED, far_org, far, people.admin, title="Waiting in Colombia", country="CO")
    html = section(lab_page(client, login_as, people.reviewer), "reviews")
    assert "Reviews waiting" in html and "Waiting in Senegal" in html
    assert "Waiting in Colombia" not in html
    assert "Drafts to finish" not in lab_page(client, login_as, people.reviewer)


def test_an_admin_sees_every_review_waiting(app, client, login_as, people, make_user, make_org):
    far = make_user(name="Far Partner")
    far_org = make_org(country="CO", members=[(far, "owner")])
    project_in(app, Stage.SUBMITTED, far_org, far, people.admin, title="Waiting in Colombia", country="CO")
    assert "Waiting in Colombia" in section(lab_page(client, login_as, people.admin), "reviews")


def test_pledges_to_decide_and_own_pledges(app, client, login_as, people):
    project_id = project_at(app, people, Stage.INCUBATING, title="Council workshops")
    need = add_need(app, project_id, people.partner, title="Facilitators for Saturdays")
    pledge(app, need, people.other, message="Two Saturdays")
    pledge_at(app, need, people.pledger, people.partner, "declined")
    partner_html = section(lab_page(client, login_as, people.partner), "decide")
    assert "Pledges to decide" in partner_html
    assert "Facilitators for Saturdays" in partner_html and "Carla Community" in partner_html
    assert "Paula Pledger" not in partner_html  # declined: nothing left to decide

    pledger_page = lab_page(client, login_as, people.other)
    assert "Facilitators for Saturdays" in section(pledger_page, "pledges")
    assert "Pledges to decide" not in pledger_page
    declined_html = section(lab_page(client, login_as, people.pledger), "pledges")
    assert "Facilitators for Saturdays" not in declined_html  # a declined pledge is no longer open


def test_unread_notifications_are_listed_with_their_count(app, client, login_as, people):
    project_at(app, people, Stage.SUBMITTED, title="Submitted for the reviewer")  # tells the region's reviewer
    html = section(lab_page(client, login_as, people.reviewer), "news")
    assert "Unread notifications" in html
    assert "“Submitted for the reviewer” entered the stage 'Submitted for review'" in html
    assert 'action="/notifications/' in html


def test_empty_states_say_what_to_do_next(client, login_as, people):
    html = lab_page(client, login_as, people.other)
    assert "You have no open pledges." in html and 'href="/projects"' in html
    assert "You are up to date" in html
    assert "Working for a partner organisation?" in html and 'href="/organisations/"' in html
    partner_html = lab_page(client, login_as, people.partner)
    assert "No draft is waiting for you." in partner_html and 'href="/projects/new"' in partner_html
    assert "Working for a partner organisation?" not in partner_html
    reviewer_html = lab_page(client, login_as, people.reviewer)
    assert "No initiative is waiting for a decision." in reviewer_html


def test_long_lists_are_cut_short_with_a_link_to_the_whole_list(app, client, login_as, people):
    drafts(app, people, SHOWN + 1)
    html = section(lab_page(client, login_as, people.partner), "drafts")
    assert len(re.findall(r'<a href="/projects/\d+"', html)) == SHOWN
    assert "All the initiatives of your organisations" in html


def fill_lab(app, people, size: int) -> None:
    """`size` of each thing My lab lists for the partner: drafts, reviews (for the reviewer), pledges
    to decide, the partner's own pledges (on another organisation's need) and notifications."""
    drafts(app, people, size)
    for n in range(size):
        project_at(app, people, Stage.SUBMITTED, title=f"Submitted {n}")
    project_id = project_at(app, people, Stage.INCUBATING, title="Incubating")
    need = add_need(app, project_id, people.partner, title="Books")
    with app.app_context():
        other = new_project(people.other_org.id, people.outsider.id, title="The other organisation's")
        from tests.support.projects import advance

        advance(other, Stage.INCUBATING, load(people.outsider.id), load(people.reviewer.id))
        db.session.commit()
        other_id = other.id
    other_need = add_need(app, other_id, people.outsider, title="Chairs")
    for _ in range(size):
        pledge(app, need, people.other)
        pledge(app, other_need, people.partner)


@pytest.mark.parametrize("role", ["partner", "reviewer", "admin", "other"])
def test_my_lab_takes_a_fixed_number_of_queries(app, client, login_as, people, make_user, make_org, role):
    fill_lab(app, people, 1)
    login_as(getattr(people, role))
    few = page_queries(app, client, "/lab")
    fill_lab(app, people, SHOWN + 3)
    many = page_queries(app, client, "/lab")
    assert few == many
    assert many <= 12
