"""A reviewer's comments on single questions of an assessment version: checked like every user text
(app.core.text), blank ones left out, each tied to a question of the phase."""

from flask_babel import gettext as _

from app.core.text import COMMENT_MAX, is_blank, text_problem
from app.gate.models import Phase
from app.gate.questions import QUESTIONS

FIELD_PREFIX = "comment_on_"  # a form field `comment_on_<question key>`; the API takes {key: comment}


def clean(phase: Phase, raw: dict | None) -> tuple[dict[str, str], dict[str, str]]:
    """(comments, errors): the non-blank comments trimmed, keyed by question; errors keyed by form field
    for an unknown question, a comment that is not text, or one that breaks the text rules."""
    keys = {q.key for q in QUESTIONS[phase]}
    comments, errors = {}, {}
    for key, value in (raw or {}).items():
        field = FIELD_PREFIX + str(key)
        if key not in keys:
            errors[field] = _("There is no question '%(key)s' in this assessment.", key=key)
        elif value is not None and not isinstance(value, str):
            errors[field] = _("This answer must be text.")
        elif not is_blank(value):
            if problem := text_problem(value, COMMENT_MAX, multiline=True):
                errors[field] = problem
            else:
                comments[key] = value.strip()
    return comments, errors
