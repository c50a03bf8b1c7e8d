"""Indicators and measurements through app.results: who may record them, when, and what is refused
with which message; and the gate of the move to completion review (DESIGN.md, "Results that count")."""

from datetime import timedelta
from decimal import Decimal

import pytest

from app.core.errors import NotPermitted
from app.core.extensions import db
from app.gate import workflow
from app.gate.integrity import project_violations
from app.gate.models import Phase
from app.gate.workflow import GateBlocked
from app.projects.models import Stage
from app.results import indicators
from app.results.refusals import ResultsClosed, ResultsInvalid
from tests.support.projects import advance, fill, load, measurement_day, new_project, record_results, review

RESULTS_MISSING = "indicator_measurement_missing"
BY_SEX_MISSING = "indicator_by_sex_missing"


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def at(world, stage, **changes):
    owner, reviewer = load(world.owner.id), load(world.reviewer.id)
    project = new_project(world.org.id, world.owner.id, **changes)
    advance(project, stage, owner, reviewer)
    return project


def add(project, actor, **changes):
    values = dict(name="Girls enrolled in secondary school", unit="girls", baseline=10, target=80)
    values.update(changes)
    return indicators.add_indicator(project, actor, **values)


def test_partners_add_an_indicator_from_incubating_on(ctx, world):
    project = at(world, Stage.INCUBATING)
    indicator = add(project, load(world.member.id), by_sex=True, by_age=True, baseline="1 500,5", locale="fr")
    assert indicator.baseline == Decimal("1500.50") and indicator.by_age and indicator.by_sex
    assert indicators.indicators_of(project) == [indicator]


@pytest.mark.parametrize("role", ["outsider_partner", "community", "reviewer", "admin"])
def test_only_the_organisations_partners_record_results(ctx, world, role):
    project = at(world, Stage.INCUBATING)
    with pytest.raises(NotPermitted):
        add(project, load(getattr(world, role).id))


@pytest.mark.parametrize(("stage", "words"), [
    (Stage.DRAFT, "not incubating yet"), (Stage.SUBMITTED, "not incubating yet"),
    (Stage.COMPLETION_REVIEW, "completion review"), (Stage.COMPLETED, "has ended"),
])
def test_too_early_or_too_late_says_why(ctx, world, stage, words):
    project = at(world, stage)
    with pytest.raises(ResultsClosed) as refused:
        add(project, load(world.owner.id))
    assert words in refused.value.message


def test_bad_indicator_fields_are_all_named(ctx, world):
    project = at(world, Stage.INCUBATING)
    with pytest.raises(ResultsInvalid) as refused:
        add(project, load(world.owner.id), name=" ", unit="", baseline="-3", target="lots", by_age=True)
    errors = refused.value.errors
    assert set(errors) == {"name", "unit", "baseline", "target", "by_age"}
    assert "negative" in errors["baseline"] and "number" in errors["target"]
    assert "by sex" in errors["by_age"]


def test_absurd_values_and_too_many_decimals_are_refused(ctx, world):
    project = at(world, Stage.INCUBATING)
    with pytest.raises(ResultsInvalid) as refused:
        add(project, load(world.owner.id), baseline="99999999999", target="1.234")
    assert "more than the lab can record" in refused.value.errors["baseline"]
    assert "decimals" in refused.value.errors["target"]


def test_a_measurement_by_sex_and_age_must_add_up_and_says_which_part_does_not(ctx, world):
    project = at(world, Stage.INCUBATING)
    owner = load(world.owner.id)
    indicator = add(project, owner, by_sex=True, by_age=True)
    bands = {"girls_0_5": 0, "girls_6_11": 10, "girls_12_17": 20, "boys_0_5": 0, "boys_6_11": 5, "boys_12_17": 5}
    day = measurement_day(project)
    with pytest.raises(ResultsInvalid) as refused:
        indicators.add_measurement(indicator, owner, measured_on=day, source="Register",
                                   values={"total": 45, "girls": 31, "boys": 10, **bands})
    assert refused.value.errors == {"girls": "The age bands of girls add up to 30, not 31."}
    with pytest.raises(ResultsInvalid) as refused:
        indicators.add_measurement(indicator, owner, measured_on=day, source="Register",
                                   values={"total": 45, "girls": 30, "boys": 10, **bands})
    assert refused.value.errors == {
        "total": "Girls, boys and other add up to 40, not to the total 45: correct the figures."}
    measurement = indicators.add_measurement(indicator, owner, measured_on=day, source="Register",
                                             values={"total": 45, "girls": 30, "boys": 10, "other": 5, **bands})
    assert indicators.measurement_values(measurement)["girls_6_11"] == "10"
    assert measurement.other == Decimal("5.00")


def test_a_measurement_in_the_future_or_before_the_start_is_refused(ctx, world):
    project = at(world, Stage.INCUBATING)
    owner = load(world.owner.id)
    indicator = add(project, owner)
    tomorrow = measurement_day(project) + timedelta(days=2)
    with pytest.raises(ResultsInvalid) as refused:
        indicators.add_measurement(indicator, owner, measured_on=tomorrow, values={"total": "x"}, source="")
    assert set(refused.value.errors) == {"measured_on", "total", "source"}
    assert "future" in refused.value.errors["measured_on"]
    project.start_date = measurement_day(project)
    db.session.flush()
    with pytest.raises(ResultsInvalid) as refused:
        indicators.add_measurement(indicator, owner, measured_on=project.start_date - timedelta(days=1),
                                   values={"total": 3}, source="Register")
    assert "before the initiative starts" in refused.value.errors["measured_on"]


def test_values_by_sex_on_an_indicator_not_counted_by_sex_are_refused(ctx, world):
    project = at(world, Stage.INCUBATING)
    owner = load(world.owner.id)
    indicator = add(project, owner)
    with pytest.raises(ResultsInvalid) as refused:
        indicators.add_measurement(indicator, owner, measured_on=measurement_day(project),
                                   values={"total": 3, "girls": 2}, source="Register")
    assert list(refused.value.errors) == ["girls"]


def test_the_counting_of_a_measured_indicator_no_longer_changes(ctx, world):
    project = at(world, Stage.INCUBATING)
    owner = load(world.owner.id)
    indicator = add(project, owner, by_sex=True)
    indicators.add_measurement(indicator, owner, measured_on=measurement_day(project),
                               values={"total": 3, "girls": 2, "boys": 1}, source="Register")
    with pytest.raises(ResultsInvalid) as refused:
        indicators.edit_indicator(indicator, owner, name="Renamed", unit="girls", baseline=1, target=2,
                                  by_sex=False)
    assert "by_sex" in refused.value.errors
    indicators.edit_indicator(indicator, owner, name="Renamed", unit="girls", baseline=1, target=2, by_sex=True)
    assert indicator.name == "Renamed"


# The gate of the move to completion review --------------------------------------------------------


def active_without_results(world, **changes):
    """An active initiative with its results assessment filled in and no indicator at all."""
    owner, reviewer = load(world.owner.id), load(world.reviewer.id)
    project = new_project(world.org.id, world.owner.id, **changes)
    advance(project, Stage.LAUNCH_REVIEW, owner, reviewer)
    review(project, Phase.IMPLEMENTATION, reviewer, ge_code="GE-1")
    workflow.transition(project, Stage.ACTIVE, reviewer)
    fill(project, Phase.RESULTS, owner)
    return project, owner


def unmet_keys(project, owner):
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    return [rule.key for rule in refused.value.rules]


def test_no_measured_indicator_blocks_completion_review(ctx, world):
    project, owner = active_without_results(world, girls_focused=False)
    assert unmet_keys(project, owner) == [RESULTS_MISSING]
    add(project, owner)  # an indicator without a measurement is not enough
    assert unmet_keys(project, owner) == [RESULTS_MISSING]
    record_results(project, owner, by_sex=False)
    workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    assert project.stage == Stage.COMPLETION_REVIEW and project_violations(project) == []


def test_a_girls_focused_initiative_needs_results_counted_by_sex(ctx, world):
    project, owner = active_without_results(world, girls_focused=True)
    assert unmet_keys(project, owner) == [RESULTS_MISSING, BY_SEX_MISSING]
    record_results(project, owner, by_sex=False)
    assert unmet_keys(project, owner) == [BY_SEX_MISSING]
    record_results(project, owner, by_sex=True)
    workflow.transition(project, Stage.COMPLETION_REVIEW, owner)


@pytest.mark.parametrize(("code", "needs_by_sex"), [("GE-1", False), ("GE-2", True), ("GE-3", True)])
def test_a_validated_ge2_or_ge3_initiative_needs_results_counted_by_sex(ctx, world, code, needs_by_sex):
    owner, reviewer = load(world.owner.id), load(world.reviewer.id)
    project = new_project(world.org.id, world.owner.id, girls_focused=False)
    advance(project, Stage.LAUNCH_REVIEW, owner, reviewer)
    review(project, Phase.IMPLEMENTATION, reviewer, ge_code=code)
    workflow.transition(project, Stage.ACTIVE, reviewer)
    fill(project, Phase.RESULTS, owner)
    record_results(project, owner, by_sex=False)
    if needs_by_sex:
        assert unmet_keys(project, owner) == [BY_SEX_MISSING]
    else:
        workflow.transition(project, Stage.COMPLETION_REVIEW, owner)


def test_check_gates_finds_an_initiative_past_the_gate_without_results(ctx, world):
    project, owner = active_without_results(world, girls_focused=False)
    record_results(project, owner, by_sex=False)
    workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    db.session.execute(db.delete(indicators.Measurement))
    db.session.expire_all()
    assert project_violations(project) == ["results_recorded: indicator_measurement_missing"]


def test_a_ge2_code_given_in_the_results_review_does_not_flag_a_completed_initiative(ctx, world):
    """The gate asks the code validated before it (design, implementation); the audit asks the same."""
    project, owner = active_without_results(world, girls_focused=False)
    record_results(project, owner, by_sex=False)
    workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    reviewer = load(world.reviewer.id)
    review(project, Phase.RESULTS, reviewer, ge_code="GE-3")
    workflow.transition(project, Stage.COMPLETED, reviewer)
    assert project_violations(project) == []
