"""Supporting and following initiatives from the project page."""

import re

import pytest
from sqlalchemy import func, select

from app.community.models import Follow, Milestone, ProjectUpdate, Support
from app.core.columns import utcnow
from app.core.extensions import db
from app.projects.models import Stage
from tests.support.engagement import follow
from tests.support.queries import counted_queries
from tests.support.web import client_for, make_project, post, text


@pytest.fixture(scope="module")
def project_id(app, world):
    return make_project(app, world, Stage.INCUBATING)


def count(app, model, project_id: int, user_id: int | None = None) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model).where(model.project_id == project_id)
        if user_id is not None:
            query = query.where(model.user_id == user_id)
        return db.session.scalar(query)


def test_supporting_twice_counts_once_and_the_count_is_shown(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    page = text(client.get(f"/projects/{project_id}"))
    assert "0 people support this initiative." in page
    assert "Support this initiative" in page

    first = post(client, f"/projects/{project_id}/support")
    assert first.status_code == 302
    assert first.headers["Location"].endswith(f"/projects/{project_id}#engagement")
    assert "Thank you for supporting this initiative." in text(client.get(first.headers["Location"]))
    again = post(client, f"/projects/{project_id}/support", follow_redirects=True)
    assert "You already support this initiative." in text(again)
    assert count(app, Support, project_id) == 1

    page = text(client.get(f"/projects/{project_id}"))
    assert "1 person supports this initiative." in page
    assert "You support this initiative." in page and "Withdraw my support" in page

    other = client_for(app, login_as, world, "member")
    post(other, f"/projects/{project_id}/support")
    assert "2 people support this initiative." in text(client.get(f"/projects/{project_id}"))


def test_withdrawing_a_support(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    post(client, f"/projects/{project_id}/support")
    response = post(client, f"/projects/{project_id}/support/remove", follow_redirects=True)
    assert "You no longer support this initiative." in text(response)
    assert "0 people support this initiative." in text(response)
    assert count(app, Support, project_id) == 0
    again = post(client, f"/projects/{project_id}/support/remove", follow_redirects=True)
    assert "You did not support this initiative." in text(again)


def test_following_and_unfollowing(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    assert "Follow this initiative" in text(client.get(f"/projects/{project_id}"))
    response = post(client, f"/projects/{project_id}/follow", follow_redirects=True)
    assert "You follow this initiative: you will be told about its news." in text(response)
    assert "Stop following" in text(response)
    post(client, f"/projects/{project_id}/follow")
    assert count(app, Follow, project_id, world.community.id) == 1

    response = post(client, f"/projects/{project_id}/follow/remove", follow_redirects=True)
    assert "You no longer follow this initiative." in text(response)
    assert "Follow this initiative" in text(response)
    assert count(app, Follow, project_id) == 0


def test_partners_follow_their_initiatives_implicitly(app, world, login_as, project_id):
    page = text(client_for(app, login_as, world, "owner").get(f"/projects/{project_id}"))
    assert "As a partner of this initiative, you are told about its stage changes and comments." in page
    assert "Follow this initiative" not in page


def test_visitors_are_invited_to_log_in(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "anonymous")
    page = text(client.get(f"/projects/{project_id}"))
    assert "Log in to support or follow this initiative." in page
    assert "Support this initiative" not in page
    response = client.post(f"/projects/{project_id}/support", data={"csrf_token": "x"})
    assert response.status_code in (302, 400)
    assert count(app, Support, project_id) == 0


@pytest.mark.parametrize("path", ["support", "support/remove", "follow", "follow/remove"])
def test_every_button_needs_the_csrf_token(app, world, login_as, project_id, path):
    client = client_for(app, login_as, world, "community")
    assert client.post(f"/projects/{project_id}/{path}").status_code == 400
    assert count(app, Support, project_id) == 0 and count(app, Follow, project_id) == 0


@pytest.mark.parametrize("path", ["support", "follow"])
def test_an_unconfirmed_address_cannot_support_or_follow(app, make_user, login_as, project_id, path):
    unverified = make_user(verified=False)
    client = app.test_client()
    login_as(unverified, client)
    assert "Support this initiative" not in text(client.get(f"/projects/{project_id}"))
    assert post(client, f"/projects/{project_id}/{path}").status_code == 403
    assert count(app, Support, project_id) == 0 and count(app, Follow, project_id) == 0


@pytest.mark.parametrize(("stage", "role", "status"), [
    (Stage.DRAFT, "community", 404),  # not visible at all
    (Stage.DRAFT, "owner", 403),  # visible, but not public
    (Stage.WITHDRAWN, "reviewer", 403),
    (Stage.REJECTED, "admin", 403),
])
def test_only_projects_in_public_stages_are_supported_or_followed(app, world, login_as, stage, role, status):
    project_id = make_project(app, world, stage)
    client = client_for(app, login_as, world, role)
    assert post(client, f"/projects/{project_id}/support").status_code == status
    assert post(client, f"/projects/{project_id}/follow").status_code == status
    assert count(app, Support, project_id) == 0 and count(app, Follow, project_id) == 0


def test_the_section_loads_in_a_fixed_number_of_queries(app, world, login_as, make_user, project_id):
    client = client_for(app, login_as, world, "community")
    post(client, f"/projects/{project_id}/follow")
    with counted_queries(app) as few:
        assert client.get(f"/projects/{project_id}").status_code == 200

    with app.app_context():
        for n in range(6):
            db.session.add(ProjectUpdate(project_id=project_id, author_id=world.owner.id, title=f"Update {n}",
                                         body="News.", body_html="<p>News.</p>"))
            db.session.add(Milestone(project_id=project_id, title=f"Step {n}", planned_date=utcnow().date(),
                                     done_date=utcnow().date() if n % 2 else None))
        db.session.commit()
    for _n in range(5):
        supporter = make_user()
        follow(app, supporter, project_id)
        with app.app_context():
            db.session.add(Support(user_id=supporter.id, project_id=project_id))
            db.session.commit()
    with counted_queries(app) as many:
        page = text(client.get(f"/projects/{project_id}"))
    assert "5 people support this initiative." in page
    assert "Update 5" in page and "Update 2" not in page  # the three latest
    assert "3 of 6 milestones done" in page
    assert len(many) == len(few), "\n".join(s[:150] for s in many)


def test_the_support_count_is_in_the_page_markup(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "community")
    post(client, f"/projects/{project_id}/support")
    html = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}").get_data(as_text=True)
    assert re.search(r'<section id="engagement" aria-labelledby="engagement-heading">', html)
    assert '<p class="support-count">1 person supports this initiative.</p>' in html
