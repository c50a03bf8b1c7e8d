"""An unmet rule of a gate: the sentence a person reads, with a stable key and the field it is about.

It is a `str` (the sentence, in the reader's language), so pages show it as they show any text; the
API writes its `key` (stable, English) and its `field` (the question's key, when the rule is about
one) beside the sentence (DESIGN.md, "JSON API": `{"rule", "message", "field"}`).
"""


class Unmet(str):
    key: str
    field: str | None

    def __new__(cls, message: str, key: str, field: str | None = None) -> "Unmet":
        rule = super().__new__(cls, message)
        rule.key, rule.field = key, field
        return rule

    def __reduce__(self):  # copies and pickles keep the key and the field
        return (Unmet, (str(self), self.key, self.field))


# The stable keys, one per kind of rule (DESIGN.md's contract: never renamed).
ASSESSMENT_NOT_STARTED = "assessment_not_started"
ANSWER_MISSING = "answer_missing"
ANSWER_TOO_SHORT = "answer_too_short"
GE_CODE_MISSING = "ge_code_missing"
JUSTIFICATION_TOO_SHORT = "justification_too_short"
NEEDS_WORK = "assessment_needs_work"
NOT_REVIEWED = "assessment_not_reviewed"
NOT_SATISFACTORY = "review_not_satisfactory"
GE_CODE_BELOW_MINIMUM = "ge_code_below_minimum"
NOTE_REQUIRED = "note_required"
CALL_NOT_OPEN_FOR_PROPOSALS = "call_not_open_for_proposals"
CONSULTATION_NOT_ANSWERED = "consultation_without_answer_back"
# Results that count (app.results.gate_rules), asked by the move to completion review.
MEASUREMENT_MISSING = "indicator_measurement_missing"
BY_SEX_MISSING = "indicator_by_sex_missing"
RULE_KEYS = (ASSESSMENT_NOT_STARTED, ANSWER_MISSING, ANSWER_TOO_SHORT, GE_CODE_MISSING, JUSTIFICATION_TOO_SHORT,
             NEEDS_WORK, NOT_REVIEWED, NOT_SATISFACTORY, GE_CODE_BELOW_MINIMUM, NOTE_REQUIRED,
             CALL_NOT_OPEN_FOR_PROPOSALS, CONSULTATION_NOT_ANSWERED, MEASUREMENT_MISSING, BY_SEX_MISSING)
