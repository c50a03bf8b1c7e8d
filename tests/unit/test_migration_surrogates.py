"""Migration 0008_hostile_input repairs the lone UTF-16 surrogates that assessment answers (and
notifications) stored before the API refused them: each becomes U+FFFD, on SQLite and PostgreSQL."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, update

from app.accounts.models import User
from app.core.columns import utcnow
from app.core.extensions import db
from app.gate.models import Assessment, Phase
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from tests.support.projects import GOOD_TEXT, fill, new_project

BROKEN = "Girls are consulted \ud800 apart from boys, and \udc00 their views shape the plan."


@pytest.mark.committed  # the scratch database's own session
def test_the_migration_replaces_stored_lone_surrogates(scratch_app):
    with scratch_app.app_context():
        upgrade()
        owner = User(email="owner@example.org", name="Awa Owner", role="community", email_verified_at=utcnow())
        owner.set_password("a long enough password")
        org = Organisation(slug="org", name="Org", country_code="SN", description="", verified=True)
        db.session.add_all([owner, org])
        db.session.flush()
        db.session.add(Membership(user_id=owner.id, organisation_id=org.id, role=MembershipRole.OWNER,
                                  status=MembershipStatus.ACTIVE, decided_at=utcnow()))
        project = new_project(org.id, owner.id)
        fill(project, Phase.DESIGN, owner)
        db.session.flush()
        stored = {"gender_analysis": BROKEN, "targeting": GOOD_TEXT, "child\udfffparticipation": GOOD_TEXT}
        db.session.execute(update(Assessment).values(answers=stored))
        db.session.commit()
        db.session.remove()

        downgrade(revision="0007_accounts_abuse")
        upgrade()

        answers = db.session.scalars(select(Assessment.answers)).one()
        assert answers == {
            "gender_analysis": BROKEN.replace("\ud800", "\ufffd").replace("\udc00", "\ufffd"),
            "targeting": GOOD_TEXT,
            "child\ufffdparticipation": GOOD_TEXT,
        }
