"""What every web form shares: the domain's refusal messages put next to their fields."""


def attach_errors(form, errors: dict) -> None:
    """Put the domain's messages next to their fields; any other key goes to the top of the form."""
    for key, message in errors.items():
        field = form._fields.get(key)
        if field is None:
            form.form_errors.append(str(message))
        else:
            field.errors = [*field.errors, str(message)]
