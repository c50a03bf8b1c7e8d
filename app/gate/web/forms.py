"""Reviewers' forms. The rules (what a review needs, what a gate needs) live in the services:
these forms only carry the input, so the web and the API give the same answers."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import Length

from app.core.forms import PlainText
from app.gate.models import Verdict
from app.gate.questions import GE_CODE_MEANINGS
from app.gate.reviewing import NOTE_MAX

VERDICT_NAMES = {
    Verdict.SATISFACTORY.value: _l("Satisfactory"),
    Verdict.NEEDS_WORK.value: _l("Needs work"),
}
TOO_LONG = _l("Please use at most %(max)d characters.")


def choices(names: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in names.items()]


class ValidationForm(FlaskForm):
    verdict = RadioField(_l("Verdict"), choices=choices(VERDICT_NAMES), validate_choice=False)
    ge_code = RadioField(
        _l("Your gender-equality code"),
        choices=choices(GE_CODE_MEANINGS),
        validate_choice=False,
        description=_l("Your own judgement of how far the initiative makes gender equality an objective."),
    )
    comment = TextAreaField(
        _l("Comment for the organisation"),
        validators=[Length(max=NOTE_MAX, message=TOO_LONG), PlainText(NOTE_MAX, multiline=True)],
        description=_l("The organisation sees this comment: say what is good and what needs work."),
        render_kw={"required": True},
    )


class DecisionForm(FlaskForm):
    to = HiddenField()
    version = HiddenField()
    note = TextAreaField(
        _l("Note"),
        validators=[Length(max=NOTE_MAX, message=TOO_LONG), PlainText(NOTE_MAX, multiline=True)],
        description=_l("Explain this decision: the organisation and the reviewers will read it."),
    )


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Private note"),
        validators=[Length(max=NOTE_MAX, message=TOO_LONG), PlainText(NOTE_MAX, multiline=True)],
        description=_l("Only reviewers and admins read these notes; the organisation never sees them."),
        render_kw={"required": True},
    )


def decision_form(version: int, note: str = "", errors: list[str] | None = None) -> DecisionForm:
    """The one form of the review page's decisions: each decision is a button naming its target (`to`)."""
    form = DecisionForm(formdata=None, version=version, note=note)
    form.note.errors = list(errors or [])
    return form
