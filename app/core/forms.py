"""What every web form shares: the domain's refusal messages put next to their fields, and the text rules
(app.core.text) as field validators."""

from wtforms.validators import ValidationError

from app.core.text import name_problem, text_problem


def attach_errors(form, errors: dict) -> None:
    """Put the domain's messages next to their fields; any other key goes to the top of the form."""
    for key, message in errors.items():
        field = form._fields.get(key)
        if field is None:
            form.form_errors.append(str(message))
        else:
            field.errors = [*field.errors, str(message)]


class PlainText:
    """A field validator applying app.core.text's rules: no lone surrogate, no control character (none
    at all on one line), at most `max_length` characters. The domain checks the same rules again."""

    def __init__(self, max_length: int, multiline: bool = False):
        self.max_length, self.multiline = max_length, multiline

    def __call__(self, form, field) -> None:
        if field.errors:  # one message at a time: a field already refused (too long) says so once
            return
        if isinstance(field.data, str) and (problem := text_problem(field.data, self.max_length, self.multiline)):
            raise ValidationError(problem)


class PlainName:
    """A field validator: a person's display name is a plain name (app.core.text.name_problem)."""

    def __call__(self, form, field) -> None:
        if field.errors:
            return
        if isinstance(field.data, str) and (problem := name_problem(field.data)):
            raise ValidationError(problem)
