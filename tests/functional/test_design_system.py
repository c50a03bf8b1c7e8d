"""The design system (static/css/site.css) and its use in the pages: one colour per stage, danger
buttons for the moves that end an initiative, logical properties for right-to-left languages, and
the header's menu folded into a <details> with the reviewers' and admins' links."""

import re
from pathlib import Path

import pytest

from app.projects.models import Stage
from tests.support.web import client_for, make_project

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("stage", list(Stage), ids=lambda stage: stage.value)
def test_every_stage_has_its_colour_and_badge_style(stage):
    assert f"--stage-{stage.value}:" in CSS
    assert f"--stage-{stage.value}-bg:" in CSS
    assert f".stage-{stage.value} {{" in CSS


def test_the_stylesheet_uses_logical_properties_only():
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)\b|text-align:\s*(?:left|right)\b|float:\s*(?:left|right)", CSS
    )
    assert physical == []


def test_stage_badges_carry_their_stage(app, world, login_as):
    active = make_project(app, world, Stage.ACTIVE)
    html = client_for(app, login_as, world, "anonymous").get("/projects").get_data(as_text=True)
    assert 'class="badge stage-active"' in html
    html = client_for(app, login_as, world, "anonymous").get(f"/projects/{active}").get_data(as_text=True)
    assert 'class="badge stage-active"' in html


def test_withdrawing_looks_like_a_danger(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    html = client_for(app, login_as, world, "owner").get(f"/projects/{project_id}").get_data(as_text=True)
    withdraw = re.search(r'<details class="([^"]*)" id="move-withdrawn">(.*?)</form>', html, re.S)
    assert withdraw, "the partner has no withdraw form (folded in a <details> that asks twice)"
    assert "danger-zone" in withdraw.group(1)
    assert 'class="button button-danger"' in withdraw.group(2)
    launch = re.search(r'<div class="card([^"]*)" id="move-launch_review">(.*?)</form>', html, re.S)
    assert "button-danger" not in launch.group(0)


MENU = re.compile(r'<details class="menu">(.*?)</details>\s*</div>\s*</header>', re.S)


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("anonymous", ["/login"], ["/review/", "/moderation", "/admin/settings", "/admin/users"]),
        ("community", ["/account"], ["/review/", "/moderation", "/admin/settings", "/admin/users"]),
        ("reviewer", ["/review/", "/moderation", "/updates/held"], ["/admin/settings", "/admin/users"]),
        ("admin", ["/moderation", "/admin/users", "/admin/organisations", "/admin/settings"], []),
    ],
)
def test_the_menu_is_folded_and_shows_each_role_its_links(app, world, login_as, role, present, absent):
    html = client_for(app, login_as, world, role).get("/").get_data(as_text=True)
    menu = MENU.search(html)
    assert menu, "the header's menu is not in a <details>"
    assert "<summary>Menu" in menu.group(1)
    links = set(re.findall(r'href="([^"?#]+)', menu.group(1)))
    assert set(present) <= links
    assert not set(absent) & links
