"""Templates are handed the answers of the permission rules (`can_*` flags) and never work them out:
no template looks at a role, a role's name or the reader's memberships."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "app").glob("*/templates"))]
TEMPLATES = sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*") if path.suffix in {".html", ".txt"})

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # what Jinja runs; comments and HTML are left out
COMMENT = re.compile(r"\{#.*?#\}", re.S)
FORBIDDEN = {
    "a role enum": re.compile(r"\b(UserRole|MembershipRole)\b"),
    "a role property or rule": re.compile(r"\bis_(admin|reviewer)\b"),
    "a role compared": re.compile(r"\brole\s*(==|!=|(not\s+)?in\b)|(==|!=)\s*[\w.]*\brole\b"),
    "an attribute named role": re.compile(r"[\"']role[\"']"),
    "the reader's role, regions or memberships": re.compile(r"\bcurrent_user\.(role|region_keys|memberships)\b"),
}


def role_logic_in(text: str) -> list[str]:
    """What `text` (a template) decides from a role, as `what: the Jinja code`."""
    code = JINJA.findall(COMMENT.sub("", text))
    return [f"{what}: {snippet}" for snippet in code for what, pattern in FORBIDDEN.items() if pattern.search(snippet)]


def test_every_template_folder_is_searched():
    assert {folder.parent.name for folder in TEMPLATE_DIRS} >= {"accounts", "admin", "gate", "organisations"}
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_works_out_a_rule_from_a_role(template):
    assert role_logic_in(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("text", [
    "{% if current_user.is_admin %}<a>Admin</a>{% endif %}",
    "{% if current_user.is_reviewer or current_user.is_admin %}",
    "{% if permissions.is_admin(current_user) %}",
    "<td>{% if m.role == 'owner' %}Owner{% endif %}</td>",
    "{% if 'owner' == m.role %}",
    "{% if m.role != \"member\" %}",
    "{% if current_user.role in ('admin', 'reviewer') %}",
    '{% set owners = members|selectattr("role", "equalto", "owner")|list %}',
    "{{ UserRole.ADMIN }}",
    "{% if m.role == MembershipRole.OWNER %}",
    "{% for m in current_user.memberships %}{% endfor %}",
    "{% if 'africa' in current_user.region_keys %}",
])
def test_the_search_finds_role_logic(text):
    assert role_logic_in(text)


@pytest.mark.parametrize("text", [
    '<div class="flashes" role="status">',  # HTML, not Jinja
    "{{ role_names[user.role] }}",  # a role's label
    "{{ role_names.get(user.role.value, user.role.value) }}",
    "{{ forms.field(form.role) }}",
    "{% if m.is_owner %}(owner){% endif %}",  # what a membership is, not what the reader may do
    "{% if menu.can_use_review_queue %}",
    "{# current_user.is_admin decided this once #}",
])
def test_the_search_leaves_labels_flags_and_html_alone(text):
    assert role_logic_in(text) == []
