"""Phone numbers for the child-safeguarding screen (app.community.safeguarding).

The text is cut into runs of digit groups in linear time (app.community.safeguarding_patterns.RUN);
each run is read from left to right, and the longest window of groups that makes a phone number wins.
Whether digits are a number of one of the programme's eleven countries in its national format, or of
any country after + or 00, is libphonenumber's to say (`phonenumbers`, the "lite" build). What is
not a phone number whatever the digits (a date, an amount, a decree, a bank account, a measure) is
told by the shape of the groups and the words around them, here.
"""

from bisect import bisect_right
from functools import lru_cache

import phonenumbers

from app.community import safeguarding_patterns as patterns

# The programme's eleven countries (app.reference.names.COUNTRIES), for numbers written without + or 00.
REGIONS = ("BF", "CI", "MG", "SN", "TG", "MA", "TN", "CO", "CR", "HN", "PE")


_MAX_GROUPS = 8


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Digit groups (start, end), cut into runs of groups written as one number; runs too short for a
    phone number are left out."""
    runs = []
    for run in patterns.RUN.finditer(text):
        groups = [m.span() for m in patterns.DIGITS.finditer(text, run.start(), run.end())]
        if sum(end - start for start, end in groups) >= 6:
            runs.append(groups)
    return runs


def _is_year(group: str) -> bool:
    return len(group) == 4 and 1950 <= int(group) <= 2099


def _is_day_month(a: str, b: str) -> bool:
    return len(a) <= 2 and len(b) <= 2 and 1 <= int(a) <= 31 and 1 <= int(b) <= 31 and min(int(a), int(b)) <= 12


def _dateish(groups: list[str]) -> bool:
    """A date (2025-03-12, 12.03.2025, 20250312) or a span of years (2019-2024)."""
    if len(groups) == 2:
        return _is_year(groups[0]) and _is_year(groups[1])
    if len(groups) == 3:
        first, middle, last = groups
        return (_is_year(first) and _is_day_month(middle, last)) or (_is_year(last) and _is_day_month(first, middle))
    if len(groups) == 1 and len(groups[0]) == 8:
        g = groups[0]
        return (_is_year(g[:4]) and _is_day_month(g[4:6], g[6:])) or (_is_year(g[4:]) and _is_day_month(g[:2], g[2:4]))
    return False


def _thousands(groups: list[str]) -> bool:
    """Written in thousands: 1 to 3 digits, then groups of exactly 3 (1 500 000, 987 654 321)."""
    return len(groups) >= 2 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _amount_shape(groups: list[str]) -> bool:
    """Thousands that end in 000 (1 500 000, 25.000.000)."""
    return _thousands(groups) and groups[-1] == "000"


class _Cues:
    """The telling words of a text, found once, to ask which one stands shortly before a position."""

    def __init__(self, text: str):
        found = [(m.end(), "phone") for m in patterns.PHONE_CUE.finditer(text)]
        found += [(m.end(), "other") for m in patterns.OTHER_CUE.finditer(text)]
        found.sort()
        self._ends = [end for end, _kind in found]
        self._kinds = [kind for _end, kind in found]

    def before(self, start: int) -> str | None:
        """ "phone" or "other" for the nearest telling word ending at most 32 characters before `start`."""
        index = bisect_right(self._ends, start) - 1
        if index >= 0 and start - self._ends[index] <= 32:
            return self._kinds[index]
        return None


def _plus_before(text: str, start: int) -> bool:
    return text[max(0, start - 4) : start].rstrip(" \u00a0(").endswith("+")


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a code, a decimal or a measure rather than a number of its own."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalpha() or before in "/_@#°º=\\" or after.isalpha() or after in "/_@%°º\\":
        return True
    if before in ",." and start > 1 and text[start - 2].isdigit():
        return True
    return after in ",." and end + 1 < len(text) and text[end + 1].isdigit()


@lru_cache(maxsize=4096)
def _possible_phone(digits: str, plus: bool) -> str | None:
    """From the digits alone: "yes", "with_cue" (only after a word such as "tel."), or None."""
    if plus or (digits.startswith("00") and digits[2:3] != "0"):
        international = digits if plus else digits[2:]
        return "yes" if 8 <= len(international) <= 15 and _possible_international(international) else None
    if digits.startswith("00"):
        return None
    if 8 <= len(digits) <= 10 and any(_valid_in(digits, region) for region in REGIONS):
        return "yes"
    return "with_cue" if 6 <= len(digits) <= 12 else None


def _possible_international(digits: str) -> bool:
    """A country calling code libphonenumber knows, then a number of a length possible there."""
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


def _valid_in(digits: str, region: str) -> bool:
    """A valid number of `region` by libphonenumber's metadata (its national format)."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, region))
    except phonenumbers.NumberParseException:
        return False


def _not_phone_shape(groups: list[str], run_size: int, run_in_thousands: bool) -> bool:
    """A check digit ("900.123.456-7"), a decimal ("1500.50") or a piece cut out of a bigger amount
    ("999 999 999" in "999 999 999 999")."""
    if len(groups[-1]) == 1 or (len(groups) == 2 and len(groups[1]) <= 2):
        return True
    return run_in_thousands and run_size > len(groups)


def _phone_window(
    text: str,
    groups: list[str],
    run_shape: tuple[int, bool],
    digits: str,
    start: int,
    end: int,
    plus: bool,
    cues: _Cues,
) -> bool:
    possible = _possible_phone(digits, plus)
    if possible is None or _not_phone_shape(groups, *run_shape):
        return False
    cue = cues.before(start - 1 if plus else start)
    if cue == "other" or (possible == "with_cue" and (cue != "phone" or (len(groups) == 1 and _is_year(digits)))):
        return False
    return not (
        _glued(text, start, end) or _dateish(groups) or _amount_shape(groups)
        or patterns.AFTER_AMOUNT.match(text, end)
    )


def phone_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each phone number in `text`. Each run is read from left to right; at each group
    the longest window of groups that makes a phone number wins. A window has 6 to 17 digits and at most
    one single-digit group ("+212 6 ...")."""
    found: list[tuple[int, int]] = []
    runs = _runs(text)
    cues = _Cues(text) if runs else None
    for run in runs:
        groups = [text[a:b] for a, b in run]
        run_shape = (len(groups), _thousands(groups))
        sizes, singles = [0], [0]
        for group in groups:
            sizes.append(sizes[-1] + len(group))
            singles.append(singles[-1] + (len(group) == 1))
        i = 0
        while i < len(run):
            plus = i == 0 and _plus_before(text, run[0][0])
            top = min(len(run), i + _MAX_GROUPS)
            joined = "".join(groups[i:top])
            for j in range(top, i, -1):
                count = sizes[j] - sizes[i]
                if not 6 <= count <= 17 or singles[j] - singles[i] > 1:
                    continue
                start, end = run[i][0], run[j - 1][1]
                if _phone_window(text, groups[i:j], run_shape, joined[:count], start, end, plus, cues):
                    if plus:
                        start = text.rindex("+", max(0, start - 4), start)
                    found.append((start, end))
                    i = j
                    break
            else:
                i += 1
    return found
