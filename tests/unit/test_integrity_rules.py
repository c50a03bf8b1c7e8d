"""`flask check-gates` reads its rules from the stage table: each gated move's requirement holds for
every stage on its forward path, as DESIGN.md's table says."""

from dataclasses import replace

import pytest

from app.gate import integrity, workflow
from app.gate.models import Phase
from app.projects.models import Stage as S

FORWARD_AFTER_SUBMISSION = {S.SUBMITTED, S.INCUBATING, S.LAUNCH_REVIEW, S.ACTIVE, S.COMPLETION_REVIEW, S.COMPLETED}


def test_the_audit_asks_what_each_gate_asks_for_every_stage_past_it():
    expected = {
        (frozenset(FORWARD_AFTER_SUBMISSION), Phase.DESIGN, "complete"),
        (frozenset(FORWARD_AFTER_SUBMISSION - {S.SUBMITTED}), Phase.DESIGN, "satisfactory"),
        (frozenset({S.LAUNCH_REVIEW, S.ACTIVE, S.COMPLETION_REVIEW, S.COMPLETED}), Phase.IMPLEMENTATION, "complete"),
        (frozenset({S.ACTIVE, S.COMPLETION_REVIEW, S.COMPLETED}), Phase.IMPLEMENTATION, "satisfactory"),
        (frozenset({S.COMPLETION_REVIEW, S.COMPLETED}), Phase.RESULTS, "complete"),
        # DESIGN.md, "Results that count": indicators with measurements (by sex when asked) for completion_review
        (frozenset({S.COMPLETION_REVIEW, S.COMPLETED}), None, "results_recorded"),
        (frozenset({S.COMPLETED}), Phase.RESULTS, "satisfactory"),
        (frozenset(FORWARD_AFTER_SUBMISSION), None, "within_call_deadline"),
        # DESIGN.md, "Children's voice": no completion review while a consultation has no answer back
        (frozenset({S.COMPLETION_REVIEW, S.COMPLETED}), None, "answered_back"),
    }
    assert set(integrity.REQUIREMENTS) == expected


@pytest.mark.parametrize("stage", [S.DRAFT, S.CHANGES_REQUESTED, S.REJECTED, S.WITHDRAWN])
def test_stages_off_the_forward_path_stand_past_no_gate(stage):
    assert all(stage not in stages for stages, _phase, _need in integrity.REQUIREMENTS)


def test_the_results_rule_is_audited_as_the_gate_asks_it():
    part = integrity.OTHER_PARTS["results_recorded"]
    move = workflow.find_move(S.ACTIVE, S.COMPLETION_REVIEW)
    assert part in workflow.gates_of(move.gate)


def test_a_new_gate_in_the_table_is_audited_without_another_line(monkeypatch):
    """Gating the move back from launch review (as an example) makes the audit check it too."""
    back = workflow.find_move(S.LAUNCH_REVIEW, S.INCUBATING)
    gated = replace(back, gate=workflow.AssessmentComplete(Phase.IMPLEMENTATION), note_required=False)
    table = tuple(gated if move is back else move for move in workflow.TRANSITIONS)
    monkeypatch.setattr(integrity, "TRANSITIONS", table)
    assert integrity.stages_past(gated) == frozenset(FORWARD_AFTER_SUBMISSION - {S.SUBMITTED})
