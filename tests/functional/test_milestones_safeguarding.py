"""A milestone's title is public as soon as it is saved and has no moderation queue: a title that may
identify or let someone contact a child is refused with the safeguarding screen's advice."""

import pytest

from app.projects.models import Stage
from tests.support.engagement import add_milestone, milestones
from tests.support.web import client_for, make_project, text


@pytest.fixture
def project_id(app, world):
    return make_project(app, world, Stage.ACTIVE)


def test_a_milestone_title_with_a_child_s_name_and_age_is_refused(app, world, login_as, project_id):
    owner = client_for(app, login_as, world, "owner")
    response = add_milestone(owner, project_id, "Scholarship for Fatoumata, 13yo")
    assert response.status_code == 422
    page = text(response)
    assert "This text may let someone identify or contact a child." in page
    assert milestones(app, project_id) == []
    assert add_milestone(owner, project_id, "Scholarships for six girls").status_code == 302
    assert [m.title for m in milestones(app, project_id)] == ["Scholarships for six girls"]
