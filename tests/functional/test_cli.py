"""The command line: flask users create, flask tokens create, flask seed-demo."""

import pytest
from sqlalchemy import func, select

from app.accounts.models import ApiToken, ReviewerRegion, User, hash_token
from app.accounts.passwords import password_problems
from app.core.extensions import db
from app.demo import accounts as demo
from app.organisations.models import Membership, Organisation
from app.reference.names import COUNTRIES

GOOD_PASSWORD = "violet-harbour-2931"


def create(runner, *args, password=GOOD_PASSWORD, stdin=True):
    extra = ["--password-stdin"] if stdin else []
    return runner.invoke(args=["users", "create", *args, *extra], input=f"{password}\n")


def load(app, email):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            return None
        return {
            "role": user.role.value,
            "name": user.name,
            "verified": user.email_verified_at is not None,
            "active": user.active,
            "regions": sorted(user.region_keys),
            "memberships": sorted(
                (m.organisation.slug, m.role.value, m.status.value) for m in user.memberships
            ),
            "password_ok": user.check_password(GOOD_PASSWORD),
        }


def counts(app):
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (User, Organisation, Membership, ReviewerRegion)
        }


# --- users create ---------------------------------------------------------------------------------------


def test_create_a_community_account(app, runner):
    result = create(runner, "New.Person@Example.org", "--name", "New Person", "--role", "community")
    assert result.exit_code == 0, result.output
    assert "new.person@example.org" in result.output
    user = load(app, "new.person@example.org")
    assert user == {
        "role": "community", "name": "New Person", "verified": True, "active": True, "regions": [],
        "memberships": [], "password_ok": True,
    }


def test_create_an_admin(app, runner):
    assert create(runner, "boss@example.org", "--name", "Boss", "--role", "admin").exit_code == 0
    assert load(app, "boss@example.org")["role"] == "admin"


def test_create_a_member_of_an_organisation(app, runner, make_org):
    make_org("org-a")
    result = create(runner, "m@example.org", "--name", "Member", "--role", "community", "--org", "org-a")
    assert result.exit_code == 0, result.output
    assert load(app, "m@example.org")["memberships"] == [("org-a", "member", "active")]


def test_create_a_reviewer_with_repeated_regions(app, runner):
    result = create(
        runner, "r@example.org", "--name", "Rev", "--role", "reviewer",
        "--region", "north_africa", "--region", "latin_america",
    )
    assert result.exit_code == 0, result.output
    assert load(app, "r@example.org")["regions"] == ["latin_america", "north_africa"]


def test_create_a_reviewer_of_all_regions(app, runner):
    result = create(runner, "all@example.org", "--name", "Rev", "--role", "reviewer", "--region", "all")
    assert result.exit_code == 0, result.output
    assert load(app, "all@example.org")["regions"] == ["latin_america", "north_africa", "sub_saharan_africa"]


def test_the_password_is_prompted_twice_without_stdin(app, runner):
    result = runner.invoke(
        args=["users", "create", "p@example.org", "--name", "Prompted", "--role", "community"],
        input=f"{GOOD_PASSWORD}\n{GOOD_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Password:" in result.output and "Repeat for confirmation:" in result.output
    assert GOOD_PASSWORD not in result.output
    assert load(app, "p@example.org")["password_ok"] is True


def test_prompted_passwords_that_differ_are_asked_again(app, runner):
    result = runner.invoke(
        args=["users", "create", "p@example.org", "--name", "Prompted", "--role", "community"],
        input=f"{GOOD_PASSWORD}\nsomething-else-1234\n",
    )
    assert result.exit_code != 0
    assert "do not match" in result.output.lower()
    assert load(app, "p@example.org") is None


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["not-an-email", "--name", "X", "--role", "community"], GOOD_PASSWORD, "not a valid e-mail"),
        (["taken@example.org", "--name", "X", "--role", "community"], GOOD_PASSWORD, "already exists"),
        (["new@example.org", "--name", "X", "--role", "community", "--org", "nope"], GOOD_PASSWORD,
         "No organisation has the slug 'nope'"),
        (["new@example.org", "--name", "X", "--role", "reviewer", "--region", "europe"], GOOD_PASSWORD,
         "Unknown region: europe"),
        (["new@example.org", "--name", "X", "--role", "community", "--region", "north_africa"], GOOD_PASSWORD,
         "Only reviewers have regions"),
        (["new@example.org", "--name", "X", "--role", "reviewer"], GOOD_PASSWORD,
         "A reviewer needs at least one region"),
        (["new@example.org", "--name", "   ", "--role", "community"], GOOD_PASSWORD, "Please enter a name"),
        (["new@example.org", "--name", "X", "--role", "community"], "short", "at least 10 characters"),
        (["new@example.org", "--name", "X", "--role", "community"], "password123", "too common"),
        (["new@example.org", "--name", "Marguerite", "--role", "community"], "marguerite-2931",
         "must not contain your name"),
        (["new@example.org", "--name", "X", "--role", "community"], "new-new@example.org-9",
         "must not contain your e-mail"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(app, runner, make_user, args, password, message):
    make_user("taken@example.org")
    before = counts(app)
    result = create(runner, *args, password=password)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert counts(app) == before


@pytest.mark.parametrize(
    "args",
    [["x@example.org", "--role", "community"],  # no --name
     ["x@example.org", "--name", "X"],  # no --role
     ["x@example.org", "--name", "X", "--role", "superuser"]],
)
def test_missing_or_unknown_options_are_usage_errors(app, runner, args):
    result = create(runner, *args)
    assert result.exit_code == 2
    assert load(app, "x@example.org") is None


# --- tokens create --------------------------------------------------------------------------------------


def test_tokens_create_prints_a_working_token_on_its_last_line(app, runner, client, make_user):
    person = make_user()
    result = runner.invoke(args=["tokens", "create", person.email, "--name", "laptop"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.strip() == token and " " not in token
    with app.app_context():
        stored = db.session.scalar(select(ApiToken).where(ApiToken.user_id == person.id))
        assert stored.name == "laptop"
        assert stored.token_hash == hash_token(token)
    accepted = client.get("/api/v1/organisations", headers={"Authorization": f"Bearer {token}"})
    assert accepted.status_code == 200
    refused = client.get("/api/v1/organisations", headers={"Authorization": f"Bearer {token}x"})
    assert refused.status_code == 401


@pytest.mark.parametrize(("email", "message"), [("ghost@example.org", "No account"), (None, "deactivated")])
def test_tokens_create_refuses(app, runner, make_user, email, message):
    sleeper = make_user(active=False)
    result = runner.invoke(args=["tokens", "create", email or sleeper.email])
    assert result.exit_code == 1
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ApiToken)) == 0


# --- seed-demo ------------------------------------------------------------------------------------------


def test_seed_demo_twice_gives_the_same_data(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    after_first = counts(app)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert counts(app) == after_first
    assert after_first["Organisation"] == len(demo.ORGANISATIONS)
    assert after_first["User"] == len(demo.ACCOUNTS)
    for account in demo.ACCOUNTS:
        assert account.email in first.output and account.password in first.output


def test_seed_demo_makes_verified_organisations_in_every_country_and_every_role(app, runner):
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        orgs = list(db.session.scalars(select(Organisation)))
        assert len(orgs) >= 28
        assert all(o.verified and o.themes and o.description for o in orgs)
        assert {o.country_code for o in orgs} == set(COUNTRIES)
        users = list(db.session.scalars(select(User)))
        assert {u.role.value for u in users} == {"community", "reviewer", "admin"}
        reviewer_regions = [u.region_keys for u in users if u.role.value == "reviewer"]
        assert {"sub_saharan_africa", "north_africa", "latin_america"} in reviewer_regions
        for region in ("sub_saharan_africa", "north_africa", "latin_america"):
            assert {region} in reviewer_regions
        roles = {m.role.value for u in users for m in u.memberships if m.is_active}
        assert roles == {"owner", "member"}
        assert all(u.active and u.email_verified_at for u in users)


def test_demo_passwords_log_in_and_pass_the_policy(app, runner):
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        for account in demo.ACCOUNTS:
            assert password_problems(account.password, email=account.email, name=account.name) == []
            user = db.session.scalar(select(User).where(User.email == account.email))
            assert user.check_password(account.password)


def test_seed_demo_restores_a_changed_demo_password(app, runner):
    runner.invoke(args=["seed-demo"])
    account = demo.ACCOUNTS[0]
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == account.email))
        user.set_password("changed-meanwhile-8812")
        db.session.commit()
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == account.email))
        assert user.check_password(account.password)


def test_seed_demo_is_refused_when_not_allowed(app, runner):
    before = counts(app)
    app.config["SEED_DEMO_ALLOWED"] = False
    try:
        result = runner.invoke(args=["seed-demo"])
    finally:
        app.config["SEED_DEMO_ALLOWED"] = True
    assert result.exit_code == 1
    assert "only for development" in result.output
    assert counts(app) == before
