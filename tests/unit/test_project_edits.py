"""services.projects: what an edit may write, and how far it moves the version."""

import pytest

from app.core.extensions import db
from app.projects import projects
from app.projects.models import Project
from tests.support.projects import load, new_project, project_data


def test_an_edit_moves_the_version_by_exactly_one(app, world):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        db.session.commit()
        assert project.version == 1
        data = project_data(title="A new title", themes=["rights_advocacy"])
        projects.update_project(project, load(world.owner.id), data, expected_version=1)
        assert project.version == 2
        assert project.theme_keys == ["rights_advocacy"]


def test_children_are_only_written_to_the_age_band_columns(app, world):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        db.session.commit()
        data = project_data(children={"girls_0_5": 4, "stage": 0, "organisation_id": world.other_org.id})
        with pytest.raises(projects.ProjectInvalid) as refused:
            projects.update_project(project, load(world.owner.id), data, expected_version=1)
        assert set(refused.value.errors) == {"stage", "organisation_id"}
        db.session.rollback()
        project = db.session.get(Project, project.id)
        assert project.organisation_id == world.org.id and project.girls_0_5 == 0
