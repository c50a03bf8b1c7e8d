"""The child-safeguarding screen: text that may identify or let someone contact a child.

`screen(text)` answers a list of findings, each with its kind, where it is and a
reason in plain words; `advice(findings)` tells the author why the text is held
and how to rewrite it. Nothing here needs a request: every path that publishes
text (comments, updates, needs, offers, project texts) calls it first.

Four kinds are found, in English, French and Spanish:

- ``phone``: international numbers (``+226 70 12 34 56``, ``00 221 77 123 45 67``)
  and the numbers of the programme's eleven countries in their national format,
  written with spaces, dots, dashes or nothing between the groups;
- ``email``: e-mail addresses, also written as "name at domain dot org";
- ``messaging_link``: a link that opens a private chat or a group (``wa.me/…``,
  ``chat.whatsapp.com/…``, ``t.me/…``, ``m.me/…``, ``tel:``);
- ``child_name_age``: a capitalised first name next to an age ("Aminata, 12 years
  old", "Moussa a 10 ans", "Camila tiene 12 años", "Awa (8)", "Fatoumata, 13yo"),
  one child singled out with an exact age ("a 12-year-old girl", "une fille de
  12 ans", "la niña de 9 años"), or a child named and given an age in the same
  sentence ("Ella se llama Sofía y tiene 13 años"). Ages in words count ("elle a
  treize ans"). Groups and age ranges are ordinary text: "girls aged 12-17",
  "les enfants de 6 à 11 ans", "niñas de 12 a 17 años".

Numbers are first cut into runs of digit groups in linear time, then judged in
Python, so no input makes the regular expressions backtrack without bound; every
repetition in the patterns (app.community.safeguarding_patterns) is bounded or
unambiguous.

What well-kept libraries do here, and what they do not:

- whether a run of digits is a phone number of one of the programme's eleven countries (or, written
  with + or 00, of any country) is decided by libphonenumber's metadata (`phonenumbers`, in its
  "lite" build, 0.5 MB, without the geocoding and carrier data the screen does not need). Cutting the
  text into runs and telling phone numbers from amounts, dates, codes and references stays here: the
  library's own text matcher accepts amounts such as "1 500 000" as numbers of some country.
- number words ("treize", "doce", "fourteen", "dix-sept") become digits with `text2num` (app.community.
  safeguarding_numbers) before the name-and-age patterns read the text, so an age in words is an age.
- person names are *not* found by a trained model. spaCy's French, Spanish and English pipelines are
  not published on the package index by their authors (only unofficial re-uploads, some years old and
  built for older spaCy versions), and spaCy with three pipelines adds about 150 MB of packages and
  some 100 MB of memory per worker, and costs milliseconds per comment, on the small servers the lab
  runs on. Its small models also miss many of the names the programme's children carry (Fatoumata,
  Kodjo, Yuliana). A name here is a capitalised word next to an age, or after "se llama", "s'appelle",
  "her name is": what makes a text identify a child is a person *with an age*, and that is what the
  patterns look for.

Loading costs nothing at request time: the patterns compile when the module is imported (once per
process) and the libraries keep their data in memory from their first use.
"""

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.community import safeguarding_patterns as patterns
from app.community.safeguarding_numbers import with_digits

PHONE = "phone"
EMAIL = "email"
MESSAGING_LINK = "messaging_link"
CHILD_NAME_AGE = "child_name_age"
KINDS = (PHONE, EMAIL, MESSAGING_LINK, CHILD_NAME_AGE)
# The programme's eleven countries (app.reference.names.COUNTRIES), for numbers written without + or 00.
REGIONS = ("BF", "CI", "MG", "SN", "TG", "MA", "TN", "CO", "CR", "HN", "PE")

REASONS = {
    PHONE: _l("It looks like a phone number."),
    EMAIL: _l("It looks like an e-mail address."),
    MESSAGING_LINK: _l("It looks like a link to a private chat or a messaging group."),
    CHILD_NAME_AGE: _l("It names a child, or describes one child, together with an exact age."),
}


@dataclass(frozen=True)
class Finding:
    """Something in the text that may identify a child: its kind and where it is."""

    kind: str
    start: int
    end: int
    excerpt: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def reason(self) -> str:
        """Why it was found, in the current language."""
        return str(REASONS[self.kind])


def screen(text: str) -> list[Finding]:
    """Everything in `text` that may identify or let someone contact a child, in text order."""
    if not text:
        return []
    links = _links(text)
    spans = [*_drop_inside(links, [*_phones(text), *_emails(text)]), *links, *_children(text)]
    findings = []
    for kind, start, end in _merge(spans):
        start, end = _close_brackets(text, start, end)
        findings.append(Finding(kind, start, end, text[start:end]))
    return findings


def advice(findings: Iterable[Finding]) -> str:
    """Why the text is held and how to rewrite it, in plain words ("" when there is nothing)."""
    kinds = {finding.kind for finding in findings}
    if not kinds:
        return ""
    parts = [_("This text may let someone identify or contact a child.")]
    if PHONE in kinds:
        parts.append(_("Remove the phone number: never publish anyone's number. Share it privately if needed."))
    if EMAIL in kinds:
        parts.append(_("Remove the e-mail address: never publish anyone's address. Share it privately if needed."))
    if MESSAGING_LINK in kinds:
        parts.append(
            _(
                "Remove the link to a private chat or group (WhatsApp, Telegram, Messenger…): it lets strangers "
                "write to people directly. Share it privately if needed."
            )
        )
    if CHILD_NAME_AGE in kinds:
        parts.append(
            _(
                "Do not give a child's name or exact age. For example, write “a girl aged 10 to 14” "
                "instead of “Aminata, 12 years old”."
            )
        )
    return " ".join(parts)


def _close_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an excerpt by the one bracket it opens or closes: "(+504) 9912-3456", "Ibrahim (13 ans)"."""
    excerpt = text[start:end]
    if excerpt.count("(") > excerpt.count(")") and text[end : end + 1] == ")":
        end += 1
    elif excerpt.count(")") > excerpt.count("(") and start > 0 and text[start - 1] == "(":
        start -= 1
    return start, end


def _drop_inside(outer: list[tuple[str, int, int]], spans: list[tuple[str, int, int]]) -> list:
    """The spans that no span of `outer` contains (the number inside "wa.me/22670123456")."""
    return [span for span in spans if not any(o[1] <= span[1] and span[2] <= o[2] for o in outer)]


def _merge(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping findings of the same kind become one."""
    merged: list[list] = []
    last: dict[str, list] = {}
    for kind, start, end in sorted(spans, key=lambda s: (s[1], -s[2])):
        same = last.get(kind)
        if same is not None and start <= same[2]:
            same[2] = max(same[2], end)
        else:
            last[kind] = [kind, start, end]
            merged.append(last[kind])
    return [(kind, start, end) for kind, start, end in merged]


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------

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


def _phones(text: str) -> list[tuple[str, int, int]]:
    """Each run is read from left to right; at each group the longest window of groups that makes a
    phone number wins. A window has 6 to 17 digits and at most one single-digit group ("+212 6 ...")."""
    found: list[tuple[str, int, int]] = []
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
                    found.append((PHONE, start, end))
                    i = j
                    break
            else:
                i += 1
    return found


# --------------------------------------------------------------------------------------------
# E-mail addresses
# --------------------------------------------------------------------------------------------



def _emails(text: str) -> list[tuple[str, int, int]]:
    found = [(EMAIL, *m.span()) for m in patterns.EMAIL_ADDRESS.finditer(text)]
    found += [(EMAIL, *m.span()) for m in patterns.OBFUSCATED_EMAIL.finditer(text)]
    return found


# --------------------------------------------------------------------------------------------
# Links to a private chat or a group
# --------------------------------------------------------------------------------------------


def _links(text: str) -> list[tuple[str, int, int]]:
    found = []
    for m in patterns.MESSAGING_LINK.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        found.append((MESSAGING_LINK, m.start(), end))
    return found


# --------------------------------------------------------------------------------------------
# A child's name or description with an exact age
# --------------------------------------------------------------------------------------------



def _one_age(text: str, end: int) -> bool:
    """The age that ends at `end` is one exact age, not a range, a threshold or a duration."""
    return patterns.NOT_ONE_AGE.match(text, end) is None


def _name_ok(match: re.Match) -> bool:
    name = match.group("name")
    return name not in patterns.NOT_A_NAME and name.split("-")[0] not in patterns.NOT_A_NAME


def _children(original: str) -> list[tuple[str, int, int]]:
    """Read with number words as digits; the spans found are mapped back to the text as written."""
    numbered = with_digits(original)
    return [(kind, *numbered.original(start, end)) for kind, start, end in _children_in(numbered.text)]


def _children_in(text: str) -> list[tuple[str, int, int]]:
    found = []
    for m in patterns.NAMED_THEN_AGE.finditer(text):
        if _one_age(text, m.end("age")) and _one_age(text, m.end()):
            found.append((CHILD_NAME_AGE, *m.span()))
    for pattern in (patterns.NAME_AGE, patterns.NAME_BARE_AGE):
        for m in pattern.finditer(text):
            age_end = max(m.end(group) for group in ("age", "age2", "age3", "age4") if group in pattern.groupindex)
            if _name_ok(m) and _one_age(text, age_end) and _one_age(text, m.end()):
                found.append((CHILD_NAME_AGE, *m.span()))
    for m in patterns.YEAR_OLD.finditer(text):
        det = (m.group("det") or "").lower()
        following = (m.group("next") or "").lower()
        if det in {"every", "each", "any", "no", "two", "three", "several", "many", "some", "all"}:
            continue
        if following in patterns.PLURAL_PEOPLE or following in patterns.NOT_A_PERSON:
            continue
        named = following and (m.group("next")[0].isupper() or patterns.EN_NOUN.fullmatch(following))
        found.append((CHILD_NAME_AGE, m.start(), m.end("next") if named else m.end("old")))
    for m in patterns.EN_CHILD_AGE.finditer(text):
        if not _one_age(text, m.end("age")) or (m.group("unit") and not _one_age(text, m.end())):
            continue
        if (m.group("link") or "").lower() == "of" and not m.group("unit"):
            following = patterns.NEXT_WORD.match(text, m.end())
            next_word = following.group(1).lower() if following else ""
            plural_next = next_word.endswith("s") and next_word not in patterns.VERBS_IN_S
            if m.group("noun").lower() in patterns.OF_IS_NOT_AGE or plural_next:
                continue
        found.append((CHILD_NAME_AGE, *m.span()))
    for m in patterns.FR_ES_CHILD_AGE.finditer(text):
        if _one_age(text, m.end("age")) and _one_age(text, m.end()):
            found.append((CHILD_NAME_AGE, *m.span()))
    return found
