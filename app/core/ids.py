"""Row ids: the largest one a database INTEGER holds, for the URL rules, the API's schemas and every
lookup of an id read from a form, a query string or a JSON body."""

MAX_ID = 2**31 - 1  # larger ids are not integers to PostgreSQL: they exist nowhere


def is_valid_id(value) -> bool:
    """A whole number that a row's id can be: 1 to MAX_ID (None, 0 and larger numbers are not)."""
    return isinstance(value, int) and 0 < value <= MAX_ID


def digits_up_to(limit: int) -> str:
    """A regular expression for the numbers 0 to `limit` written in digits, by the length and then the
    first digit where a number stays below `limit`: 0 to 2147483647 is any 1 to 9 digits, or 10 digits
    starting 0 or 1, or 20 and 8 digits, or 21 then 0 to 3 and 7 digits..."""
    text = str(limit)
    choices = [f"[0-9]{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    for position, digit in enumerate(int(d) for d in text):
        prefix, rest = text[:position], len(text) - position - 1
        top = digit if rest == 0 else digit - 1  # the last digit may equal the limit's
        if top < 0:
            continue
        lower = "0" if top == 0 else f"[0-{top}]"
        tail = "" if rest == 0 else "[0-9]" if rest == 1 else f"[0-9]{{{rest}}}"
        choices.append(prefix + lower + tail)
    return "(?:" + "|".join(choices) + ")"
