"""The reviewer's decision panel: one note box, a button per decision, unavailable decisions greyed with
what their gate misses (read from the gate objects transition() checks), the minimum code beside the
reviewer's choice."""

import re
from html import unescape

from app.core.extensions import db
from app.gate import settings
from app.gate.workflow import STAGE_NAMES
from app.projects.models import Stage
from tests.support.review import project_in
from tests.support.review import validate as validate_form


def review_html(client, project_id: int) -> str:
    return unescape(client.get(f"/review/projects/{project_id}").get_data(as_text=True))


def decision(html: str, target: str) -> str:
    start = html.index(f'id="decision-{target}"')
    ends = [i for i in (html.find('<li class="decision', start), html.find("<textarea", start)) if i != -1]
    return html[start:min(ends)]


def button_disabled(html: str, target: str) -> bool:
    button = re.search(rf'<button type="submit" name="to" value="{target}"[^>]*>', html)
    assert button, f"no button for {target}"
    return "disabled" in button.group(0)


def submitted(app, world) -> int:
    return project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer)


def test_an_unmet_gate_makes_its_decision_unavailable_with_what_is_missing(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    html = review_html(client, project_id)
    accept = decision(html, "incubating")
    assert "Unavailable" in accept and "The design assessment has not been reviewed yet." in accept
    assert button_disabled(html, "incubating")
    assert not button_disabled(html, "changes_requested") and not button_disabled(html, "rejected")
    assert "button-danger" in re.search(r'<button[^>]*value="rejected"[^>]*>', html).group(0)


def test_a_review_below_the_minimum_is_named_as_what_is_missing(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    assert validate_form(client, project_id, verdict="satisfactory", ge_code="GE-0", comment="Fine.").status_code == 302
    html = review_html(client, project_id)
    assert "(GE-0) is below the minimum for 'Incubating' (GE-1)" in decision(html, "incubating")
    assert button_disabled(html, "incubating")


def test_a_met_gate_makes_its_decision_available(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    validate_form(client, project_id, verdict="satisfactory", ge_code="GE-2", comment="A solid analysis.")
    html = review_html(client, project_id)
    assert "All requirements to move on are met." in decision(html, "incubating")
    assert not button_disabled(html, "incubating")


def test_the_minimum_code_is_shown_beside_the_reviewers_choice_and_follows_the_setting(app, client, login_as,
                                                                                       world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    html = review_html(client, project_id)
    fieldset = re.search(r"<legend>Your gender-equality code</legend>.*?</fieldset>", html, re.S).group(0)
    assert "The minimum to move on to 'Incubating' is GE-1: limited integration" in fieldset
    with app.app_context():
        settings.set_setting("min_ge_incubating", "GE-3")
        db.session.commit()
    html = review_html(client, project_id)
    assert f"The minimum to move on to '{STAGE_NAMES[Stage.INCUBATING]}' is GE-3: targeted" in html


def test_completion_sets_no_minimum_code(app, client, login_as, world):
    project_id = project_in(app, Stage.COMPLETION_REVIEW, world.org, world.owner, world.reviewer)
    login_as(world.reviewer)
    assert "The minimum to move on" not in review_html(client, project_id)


def test_one_note_box_serves_every_decision(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    html = review_html(client, project_id)
    panel = re.search(r'<form[^>]*class="decision-panel.*?</form>', html, re.S).group(0)
    assert panel.count("<textarea") == 1 and 'name="note"' in panel
    assert panel.count('name="to"') == 3
