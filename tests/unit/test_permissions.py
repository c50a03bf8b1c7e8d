"""The permission rules of app/permissions/, person by person, organisation by organisation."""

import ast
import importlib
import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app import permissions
from app.accounts.models import User, UserRole
from app.core.columns import utcnow
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation

VERIFIED, UNVERIFIED, OTHER = "verified", "unverified", "other"


def organisation(org_id: int, verified: bool) -> Organisation:
    return Organisation(
        id=org_id, slug=f"org-{org_id}", name=f"Org {org_id}", country_code="SN", verified=verified
    )


def person(role=UserRole.COMMUNITY, *, active=True, verified=True, memberships=()) -> User:
    user = User(
        email="someone@example.org",
        name="Someone",
        role=role,
        active=active,
        email_verified_at=utcnow() if verified else None,
    )
    user.memberships = [
        Membership(organisation_id=org.id, role=MembershipRole(m_role), status=MembershipStatus(status))
        for org, m_role, status in memberships
    ]
    return user


@pytest.fixture(scope="module")
def world():
    orgs = {VERIFIED: organisation(1, True), UNVERIFIED: organisation(2, False), OTHER: organisation(3, True)}
    v, u, o = orgs[VERIFIED], orgs[UNVERIFIED], orgs[OTHER]
    people = {
        "none": None,
        "anonymous": AnonymousUserMixin(),
        "community": person(),
        "unconfirmed": person(verified=False),
        "pending": person(memberships=[(v, "member", "pending"), (u, "member", "pending")]),
        "member": person(memberships=[(v, "member", "active"), (u, "member", "active")]),
        "owner": person(memberships=[(v, "owner", "active"), (u, "owner", "active")]),
        "deactivated_owner": person(
            active=False, memberships=[(v, "owner", "active"), (u, "owner", "active")]
        ),
        "other_owner": person(memberships=[(o, "owner", "active")]),
        "reviewer": person(UserRole.REVIEWER),
        "deactivated_reviewer": person(UserRole.REVIEWER, active=False),
        "admin": person(UserRole.ADMIN),
        "deactivated_admin": person(UserRole.ADMIN, active=False),
    }
    return SimpleNamespace(orgs=orgs, people=people)


EVERYONE = (
    "none", "anonymous", "community", "unconfirmed", "pending", "member", "owner",
    "deactivated_owner", "other_owner", "reviewer", "deactivated_reviewer", "admin", "deactivated_admin",
)


def matrix(rule: str, org: str | None, allowed: set[str]):
    """One case per person: `allowed` pass the rule, everyone else is refused."""
    return [pytest.param(rule, org, who, who in allowed, id=f"{rule}-{org}-{who}") for who in EVERYONE]


CASES = [
    *matrix("is_admin", None, {"admin"}),
    *matrix("can_manage_users", None, {"admin"}),
    *matrix("is_reviewer", None, {"reviewer"}),
    *matrix("can_create_organisation", None, {
        "community", "pending", "member", "owner", "other_owner", "reviewer", "admin",
    }),
    *matrix("is_partner_of", VERIFIED, {"member", "owner"}),
    *matrix("is_partner_of", UNVERIFIED, set()),
    *matrix("is_member_of", VERIFIED, {"pending", "member", "owner"}),
    *matrix("can_view_organisation", VERIFIED, set(EVERYONE)),
    *matrix("can_view_organisation", UNVERIFIED, {"member", "owner", "admin"}),
    *matrix("can_manage_organisation", VERIFIED, {"owner", "admin"}),
    *matrix("can_manage_organisation", UNVERIFIED, {"owner", "admin"}),
    *matrix("can_manage_organisation", OTHER, {"other_owner", "admin"}),
    *matrix("can_view_members", VERIFIED, {"member", "owner", "admin"}),
    *matrix("can_view_members", UNVERIFIED, {"member", "owner", "admin"}),
    *matrix("can_request_to_join", VERIFIED, {"community", "other_owner", "reviewer", "admin"}),
    *matrix("can_request_to_join", UNVERIFIED, set()),
    *matrix("can_verify_organisation", UNVERIFIED, {"admin"}),
    *matrix("must_confirm_address_to_join", VERIFIED, {"unconfirmed"}),
    *matrix("must_confirm_address_to_join", UNVERIFIED, set()),
    # The review pages
    *matrix("can_use_review_queue", None, {"reviewer", "admin"}),
    *matrix("reviews_every_region", None, {"admin"}),
    *matrix("can_change_gate_settings", None, {"admin"}),
    # Community
    *matrix("can_see_held_updates", None, {"reviewer", "admin"}),
]


@pytest.mark.parametrize(("rule", "org", "who", "expected"), CASES)
def test_permission_matrix(world, rule, org, who, expected):
    check = getattr(permissions, rule)
    user = world.people[who]
    answer = check(user) if org is None else check(user, world.orgs[org])
    assert answer is expected


@pytest.mark.parametrize(
    "rule",
    ["is_partner_of", "is_member_of", "can_view_organisation", "can_manage_organisation", "can_view_members",
     "can_request_to_join", "can_verify_organisation"],
)
def test_no_organisation_is_always_refused(world, rule):
    assert getattr(permissions, rule)(world.people["admin"], None) is False


def test_no_organisation_needs_a_confirmed_address_to_join(world):
    assert permissions.must_confirm_address_to_join(world.people["unconfirmed"], None) is False


@pytest.mark.parametrize(("active", "memberships", "expected"), [
    (True, (), True),
    (True, ((VERIFIED, "member", "pending"),), False),
    (True, ((VERIFIED, "member", "active"),), False),
    (True, ((OTHER, "owner", "active"),), True),
    (False, (), False),
], ids=["no-membership", "asked-already", "belongs", "belongs-elsewhere", "deactivated"])
def test_an_unconfirmed_address_keeps_only_outsiders_from_asking_to_join(world, active, memberships, expected):
    user = person(active=active, verified=False,
                  memberships=[(world.orgs[org], role, status) for org, role, status in memberships])
    assert permissions.must_confirm_address_to_join(user, world.orgs[VERIFIED]) is expected


# Memberships: what a manager may change about an active member -----------------------------------------
# The member changed belongs to the verified organisation, which has `owners` active owners.

MEMBERSHIPS = {
    "member": ("member", "active", 1),
    "owner_among_two": ("owner", "active", 2),
    "only_owner": ("owner", "active", 1),
    "pending": ("member", "pending", 1),
}
MANAGERS = {"owner", "admin"}


def membership_matrix(rule: str, target: str, allowed: set[str]):
    return [pytest.param(rule, target, who, who in allowed, id=f"{rule}-{target}-{who}") for who in EVERYONE]


MEMBERSHIP_CASES = [
    *membership_matrix("can_make_owner", "member", MANAGERS),
    *membership_matrix("can_make_owner", "owner_among_two", set()),
    *membership_matrix("can_make_owner", "pending", set()),
    *membership_matrix("can_make_member", "owner_among_two", MANAGERS),
    *membership_matrix("can_make_member", "only_owner", set()),
    *membership_matrix("can_make_member", "member", set()),
    *membership_matrix("can_make_member", "pending", set()),
    *membership_matrix("can_remove_member", "member", MANAGERS),
    *membership_matrix("can_remove_member", "owner_among_two", MANAGERS),
    *membership_matrix("can_remove_member", "only_owner", set()),
    *membership_matrix("can_remove_member", "pending", set()),
]


def target_membership(world, target: str) -> tuple[Membership, int]:
    role, status, owners = MEMBERSHIPS[target]
    org = world.orgs[VERIFIED]
    # A fresh organisation object with the same id: the shared one's member list stays as it is.
    own_org = organisation(org.id, org.verified)
    membership = Membership(
        organisation=own_org, organisation_id=org.id, role=MembershipRole(role), status=MembershipStatus(status)
    )
    return membership, owners


@pytest.mark.parametrize(("rule", "target", "who", "expected"), MEMBERSHIP_CASES)
def test_membership_change_matrix(world, rule, target, who, expected):
    membership, owners = target_membership(world, target)
    check = getattr(permissions, rule)
    user = world.people[who]
    answer = check(user, membership) if rule == "can_make_owner" else check(user, membership, owners)
    assert answer is expected


@pytest.mark.parametrize(("target", "expected"), [
    ("only_owner", True), ("owner_among_two", False), ("member", False), ("pending", False),
])
def test_only_the_one_active_owner_is_the_only_owner(world, target, expected):
    membership, owners = target_membership(world, target)
    assert permissions.is_only_owner(membership, owners) is expected


@pytest.mark.parametrize("area", ["accounts", "projects", "community", "resources"])
def test_every_rule_of_an_area_is_reachable_from_the_package(area):
    """`permissions.rule(...)` works for every rule, whichever module of the package holds it."""
    module = importlib.import_module(f"app.permissions.{area}")
    rules = {
        name for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
    }
    assert rules
    assert rules <= set(permissions.__all__)
    assert all(getattr(permissions, name) is getattr(module, name) for name in rules)


def app_imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported from app, whether the import stands at the top of the module) for each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "app":
            found += [(f"app.{alias.name}", node in tree.body) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app."):
            found.append((node.module, node in tree.body))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node in tree.body) for alias in node.names if alias.name.startswith("app")]
    return found


@pytest.mark.parametrize("module", sorted(Path(permissions.__file__).parent.glob("*.py")), ids=lambda p: p.name)
def test_the_rules_import_models_and_reference_names_only_at_the_top(module):
    for imported, at_the_top in app_imports(module):
        assert at_the_top, f"{imported} is imported inside a function"
        assert (
            imported == "app.permissions" or imported.startswith("app.permissions.")
            or re.fullmatch(r"app\.\w+\.models", imported) or imported == "app.reference.names"
        ), f"{module.name} imports {imported}"
