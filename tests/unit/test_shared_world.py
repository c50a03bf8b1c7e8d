"""The world a module shares (tests/conftest.py `shared_database`): built once, and what a test
changes in it is gone for the next test."""

from app.accounts.models import User
from app.core.extensions import db

SEEN: list[int] = []


def test_a_test_may_change_the_shared_world(app, world):
    with app.app_context():
        owner = db.session.get(User, world.owner.id)
        owner.name = "Changed by a test"
        db.session.commit()
        assert db.session.get(User, world.owner.id).name == "Changed by a test"
    SEEN.append(world.owner.id)


def test_the_next_test_finds_it_as_it_was_built(app, world):
    with app.app_context():
        assert db.session.get(User, world.owner.id).name == "Awa Owner"
    assert SEEN in ([], [world.owner.id])  # the same world, when the first test ran in this process


def test_what_a_test_adds_is_gone_for_the_next(app, world, make_user):
    with app.app_context():
        before = db.session.query(User).count()
    make_user(name="Passing through")
    with app.app_context():
        assert db.session.query(User).count() == before + 1
        assert db.session.query(User).filter_by(name="Passing through").count() == 1


def test_and_is_not_there_afterwards(app, world):
    with app.app_context():
        assert db.session.query(User).filter_by(name="Passing through").count() == 0
