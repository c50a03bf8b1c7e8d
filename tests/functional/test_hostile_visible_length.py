"""Invisible answers do not count: a required text is measured as a reader sees it (NFC, without format
or control characters, whitespace collapsed), in the assessment's gate and wherever a text is required."""

import pytest

from app.core.text import is_blank, visible, visible_length
from app.gate.models import Phase
from app.gate.questions import QUESTIONS
from app.projects.models import Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import GOOD_TEXT, full_answers

ZERO_WIDTH = "\u200b" * 60
INVISIBLE = [
    ZERO_WIDTH,
    "\u200b\u200c\u200d\u2060\ufeff" * 12,  # zero-width space, (non-)joiners, word joiner, BOM
    "\u202e\u2066\u200e" * 20,  # direction marks and overrides
    "\x01\x02\x7f\x1b" * 15,  # control characters
    " \u00a0\u3000\t" * 15,  # spaces of every width
]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_text_has_no_visible_length(text):
    assert len(text) >= 60
    assert visible_length(text) == 0 and is_blank(text)


def test_visible_length_counts_what_a_reader_sees():
    assert visible("  Une\u200b fille\n\n\t de\u00a0 douze\u2060 ans ") == "Une fille de douze ans"
    assert visible_length("e\u0301" * 10) == 10  # NFC: one letter with its accent
    assert visible_length("👩🏽‍🏫") == 3  # the joiner between the emoji is not counted, the emoji are
    assert visible_length("مدرسة") == 5


def put_design(client, app, world, project_id, answers, justification="A deliberate objective, explained."):
    return client.put(
        f"/api/v1/projects/{project_id}/assessments/design",
        json={"answers": answers, "ge_code": "GE-2", "justification": justification},
        headers=bearer(app, world.owner),
    )


def test_sixty_zero_width_spaces_do_not_answer_a_question(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    answers = {**full_answers(Phase.DESIGN), "gender_analysis": ZERO_WIDTH + "ok"}
    saved = put_design(client, app, world, project_id, answers)
    assert saved.status_code == 200, saved.get_json()
    completeness = saved.get_json()["completeness"]
    required = len([q for q in QUESTIONS[Phase.DESIGN] if q.required])
    assert completeness["answered"] == required - 1
    assert any("Gender analysis" in problem and "too short" in problem for problem in completeness["problems"])

    moved = client.post(
        f"/api/v1/projects/{project_id}/transitions", json={"to": "submitted"}, headers=bearer(app, world.owner)
    )
    assert_error(moved, 409, "gate_blocked")


def test_an_invisible_justification_does_not_count(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    saved = put_design(client, app, world, project_id, full_answers(Phase.DESIGN), justification=ZERO_WIDTH)
    assert saved.status_code == 200, saved.get_json()
    assert any("justification" in problem for problem in saved.get_json()["completeness"]["problems"])


def test_the_same_answer_with_visible_text_counts(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    answers = {**full_answers(Phase.DESIGN), "gender_analysis": ZERO_WIDTH + GOOD_TEXT}
    saved = put_design(client, app, world, project_id, answers)
    assert saved.get_json()["completeness"]["problems"] == []


def test_an_invisible_title_is_no_title(app, client, world):
    response = client.post(
        "/api/v1/projects",
        json={"title": ZERO_WIDTH, "summary": "Weekly sessions.", "organisation": world.org.slug,
              "country": "SN", "themes": ["child_protection"]},
        headers=bearer(app, world.owner),
    )
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["title"]


def test_an_invisible_note_does_not_explain_a_decision(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    moved = client.post(
        f"/api/v1/projects/{project_id}/transitions",
        json={"to": "withdrawn", "note": ZERO_WIDTH},
        headers=bearer(app, world.owner),
    )
    assert_error(moved, 409, "gate_blocked")


def test_an_invisible_comment_is_refused(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    posted = client.post(
        f"/api/v1/projects/{project_id}/comments", json={"body": ZERO_WIDTH}, headers=bearer(app, world.community)
    )
    assert_error(posted, 422, "invalid")
