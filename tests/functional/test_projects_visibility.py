"""Who sees a project page, its notes and the list of one's own initiatives."""

import pytest

from app.projects.models import Stage
from tests.support.projects import world_records
from tests.support.web import ROLES, client_for, make_project, text

ORGANISATION = {"owner", "member"}
REVIEWERS = {"reviewer", "far_reviewer"}
SEEN_BY = {
    Stage.DRAFT: ORGANISATION | {"admin"},
    Stage.REJECTED: ORGANISATION | REVIEWERS | {"admin"},
    Stage.WITHDRAWN: ORGANISATION | REVIEWERS | {"admin"},
}
PUBLIC = [
    Stage.SUBMITTED,
    Stage.CHANGES_REQUESTED,
    Stage.INCUBATING,
    Stage.LAUNCH_REVIEW,
    Stage.ACTIVE,
    Stage.COMPLETION_REVIEW,
    Stage.COMPLETED,
]


@pytest.mark.parametrize(("stage", "role"), [(stage, role) for stage in SEEN_BY for role in ROLES])
def test_who_sees_a_draft_a_rejected_or_a_withdrawn_project(app, world, login_as, stage, role):
    project_id = make_project(app, world, stage)
    response = client_for(app, login_as, world, role).get(f"/projects/{project_id}")
    if role in SEEN_BY[stage]:
        assert response.status_code == 200
        assert "Safe spaces for girls in Thiès" in text(response)
    else:
        assert response.status_code == 404
        assert "Safe spaces" not in text(response)


@pytest.mark.parametrize("stage", PUBLIC)
def test_everyone_sees_a_project_in_a_public_stage(app, world, login_as, stage):
    project_id = make_project(app, world, stage)
    for role in ROLES:
        response = client_for(app, login_as, world, role).get(f"/projects/{project_id}")
        assert response.status_code == 200, role
        assert "Safe spaces for girls in Thiès" in text(response)


@pytest.mark.parametrize(
    ("role", "sees_note"),
    [
        ("owner", True),
        ("member", True),
        ("reviewer", True),
        ("admin", True),
        ("far_reviewer", False),
        ("community", False),
        ("anonymous", False),
        ("outsider_partner", False),
    ],
)
def test_the_notes_of_the_timeline_are_for_the_organisation_reviewers_and_admins(
    app, world, login_as, role, sees_note
):
    project_id = make_project(
        app, world, Stage.CHANGES_REQUESTED
    )  # the reviewer noted "Please add budget details."
    page = text(client_for(app, login_as, world, role).get(f"/projects/{project_id}"))
    assert "Submitted for review → Changes requested" in page and "Rita Reviewer" in page
    assert ("Please add budget details." in page) is sees_note


def test_a_missing_project_is_404(app, world, login_as):
    assert client_for(app, login_as, world, "admin").get("/projects/999999").status_code == 404


def test_my_initiatives_lists_every_stage_of_my_organisations_only(app, world, login_as, make_user, make_org):
    draft = make_project(app, world, Stage.DRAFT, title="A draft of ours")
    withdrawn = make_project(app, world, Stage.WITHDRAWN, title="A withdrawn one of ours")
    active = make_project(app, world, Stage.INCUBATING, title="An incubating one of ours")
    stranger = make_user()
    other_world = world_records(make_user, make_org)
    make_project(app, other_world, Stage.DRAFT, title="Someone else's draft")

    client = client_for(app, login_as, world, "member")
    response = client.get("/projects/mine")
    page = text(response)
    assert response.status_code == 200
    for title, stage in [
        ("A draft of ours", "Draft"),
        ("A withdrawn one of ours", "Withdrawn"),
        ("An incubating one of ours", "Incubating"),
    ]:
        assert title in page and stage in page
    assert "Someone else's draft" not in page
    html = response.get_data(as_text=True)
    for project_id in (draft, withdrawn, active):
        assert f'href="/projects/{project_id}"' in html
    assert 'href="/projects/new"' in html

    login_as(stranger, client := client_for(app, login_as, world, "anonymous"))
    page = client.get("/projects/mine").get_data(as_text=True)
    assert "no initiatives yet" in page and 'href="/projects/new"' not in page


def test_my_initiatives_needs_an_account_and_is_in_the_menu(app, world, login_as):
    anonymous = client_for(app, login_as, world, "anonymous")
    assert anonymous.get("/projects/mine").status_code == 302
    assert "My initiatives" not in anonymous.get("/").get_data(as_text=True)
    signed_in = client_for(app, login_as, world, "community")
    assert '<a href="/projects/mine">My initiatives</a>' in signed_in.get("/").get_data(as_text=True)
