"""The child-safeguarding screen: text that may identify or let someone contact a child.

`screen(text)` answers a list of findings, each with its kind, where it is and a
reason in plain words; `advice(findings)` tells the author why the text is held
and how to rewrite it. Nothing here needs a request: the comment, update and
project-text paths call it before publishing.

Three kinds are found, in English, French and Spanish:

- ``phone``: international numbers (``+226 70 12 34 56``, ``00 221 77 123 45 67``)
  and the local formats of the programme's eleven countries, written with
  spaces, dots, dashes or nothing between the groups;
- ``email``: e-mail addresses, also written as "name at domain dot org";
- ``child_name_age``: a capitalised first name next to an age ("Aminata, 12 years
  old", "Moussa a 10 ans", "Camila tiene 12 años", "Awa (8)"), or one child
  singled out with an exact age ("a 12-year-old girl", "une fille de 12 ans",
  "la niña de 9 años"). Groups and age ranges are ordinary text: "girls aged
  12-17", "les enfants de 6 à 11 ans", "niñas de 12 a 17 años".

Numbers are first cut into runs of digit groups in linear time, then judged in
Python, so no input makes the regular expressions backtrack without bound; every
repetition in the patterns below is bounded or unambiguous.
"""

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

PHONE = "phone"
EMAIL = "email"
CHILD_NAME_AGE = "child_name_age"
KINDS = (PHONE, EMAIL, CHILD_NAME_AGE)

REASONS = {
    PHONE: _l("It looks like a phone number."),
    EMAIL: _l("It looks like an e-mail address."),
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
    spans = [*_phones(text), *_emails(text), *_children(text)]
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

_DIGITS = re.compile(r"[0-9]+")
# Groups of digits written as one number: between two groups at most two spaces, or one dot or dash
# (with a space on either side), or a bracket ("(+504) 9912-3456", "+57 (1) 234 5678").
_SP = "[ \t\u00a0\u202f]"
_RUN = re.compile(
    rf"[0-9]+(?:(?:{_SP}{{1,2}}|{_SP}?[.\-\u2010\u2011\u2013]{_SP}?|{_SP}?\){_SP}?\(?|{_SP}?\(){_SP}?[0-9]+)*"
)
_MAX_GROUPS = 8

# Local numbers by length (national format, with the trunk 0 where the country uses one).
_LOCAL = {
    # Burkina Faso, Togo, Tunisia, Costa Rica, Honduras: eight digits, never starting with 0 or 1.
    8: re.compile(r"[2-9][0-9]{7}"),
    # Senegal (7x, 33), Peru mobiles (9x), Madagascar without the trunk 0 (3x), Lima landlines (01).
    9: re.compile(r"7[0-9]{8}|3[2-9][0-9]{7}|9[0-9]{8}|01[0-9]{7}"),
    # Côte d'Ivoire (01, 05, 07, 21, 25, 27), Madagascar (03x, 020), Morocco (05-07), Colombia (3xx, 60x).
    10: re.compile(r"0[1-9][0-9]{8}|2[157][0-9]{8}|3[0-9]{9}|60[0-9]{8}"),
}

# A word just before the number that says it is a phone number: shorter numbers count too.
_PHONE_CUE = re.compile(
    r"\b(?:t[ée]l[ée]?(?:phone|[ée]fono)?s?|tel|phone|mobile|portable|cell(?:ulaire|ular)?|celular|"
    r"m[óo]vil|whats\s?app|appel(?:ez|er|le)?|call|ring|llam(?:ar|e|a|en)|marque|composez|dial|"
    r"joignable|contactez|contacte|contactar|fixe|fijo|landline|hotline)(?![\w])",
    re.IGNORECASE,
)
# A word just before the number that says it is a reference, a law, an account or an amount.
_OTHER_CUE = re.compile(
    r"(?:\b(?:n|no|nº|num)\s?[°º.]|\b(?:r[ée]f[ée]rence|referencia|reference|r[ée]f|"
    r"facture|invoice|factura|dossier|expediente|contrat|contract|contrato|d[ée]cret|decree|decreto|"
    r"loi|law|ley|arr[êe]t[ée]|resoluci[óo]n|resolution|nit|ruc|rccm|nif|ifu|ninea|rut|iban|bic|swift|"
    r"compte|account|cuenta|isbn|issn|code|c[óo]digo|r[ée]c[ée]piss[ée]|agr[ée]ment|registro|"
    r"registration|matricule|c[ée]dula|dni|cni|passport|passeport|pasaporte|bp|b\.p|cp|apartado|"
    r"xof|fcfa|cfa|cop|usd|eur|mga|mad|dh|tnd|dt|pen|crc|hnl|lps?|us\$|s/)(?![\w])|[$€₡£#])",
    re.IGNORECASE,
)
# What follows a number that makes it an amount, a share or a count.
_AFTER_AMOUNT = re.compile(
    r"\s{0,2}(?:[$€₡£%‰]|(?:xof|fcfa|f\s?cfa|cfa|francs?|cop|pesos?|usd|dollars?|d[óo]lares|eur|euros?|"
    r"mga|ariary|ar|mad|dh|dirhams?|tnd|dinars?|dt|pen|soles|crc|colones|hnl|lempiras?|km|kg|ha|hectares?|"
    r"habitants?|inhabitants|habitantes|personnes|people|personas|persons|enfants|children|ni[ñn][oa]s|"
    r"m[ée]nages|households|hogares|b[ée]n[ée]ficiaires|beneficiaries|beneficiarios|families|familles|"
    r"familias|tonnes|tons|toneladas|litres|liters|litros)(?![\w]))",
    re.IGNORECASE,
)


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Digit groups (start, end), cut into runs of groups written as one number; runs too short for a
    phone number are left out."""
    runs = []
    for run in _RUN.finditer(text):
        groups = [m.span() for m in _DIGITS.finditer(text, run.start(), run.end())]
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
        found = [(m.end(), "phone") for m in _PHONE_CUE.finditer(text)]
        found += [(m.end(), "other") for m in _OTHER_CUE.finditer(text)]
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
    if plus:
        return "yes" if 8 <= len(digits) <= 15 else None
    if digits.startswith("00"):
        return "yes" if 8 <= len(digits) - 2 <= 13 and digits[2] != "0" else None
    local = _LOCAL.get(len(digits))
    if local is not None and local.fullmatch(digits):
        return "yes"
    return "with_cue" if 6 <= len(digits) <= 12 else None


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
    return not (_glued(text, start, end) or _dateish(groups) or _amount_shape(groups) or _AFTER_AMOUNT.match(text, end))


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

_EMAIL = re.compile(
    r"\b(?<![\w.%+-])[\w.%+-]{1,64}\s?@\s?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])"
)
_AT = r"(?:\s?[\[(]\s?(?:at|arroba|arobase)\s?[\])]\s?|\s(?:at|arroba|arobase)\s)"
_DOT = r"(?:\s?[\[(]\s?(?:dot|point|punto)\s?[\])]\s?|\s(?:dot|point|punto)\s)"
_OBFUSCATED_EMAIL = re.compile(
    r"\b(?<![\w.+-])[\w.+-]{1,64}"
    + _AT
    + r"[a-z0-9-]{1,63}(?:(?:\.|"
    + _DOT
    + r")[a-z0-9-]{1,63}){0,4}"
    + _DOT
    + r"(?:com|org|net|info|edu|gov|gouv|int|fr|sn|bf|ci|mg|tg|ma|tn|co|cr|hn|pe|es|be|ch|ca|uk|us)(?![\w])",
    re.IGNORECASE,
)


def _emails(text: str) -> list[tuple[str, int, int]]:
    found = [(EMAIL, *m.span()) for m in _EMAIL.finditer(text)]
    found += [(EMAIL, *m.span()) for m in _OBFUSCATED_EMAIL.finditer(text)]
    return found


# --------------------------------------------------------------------------------------------
# A child's name or description with an exact age
# --------------------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOWER = "a-zß-öø-ÿā-ž"
# A capitalised first name ("Aminata", "Marie-Claire", "N'Deye"); case-sensitive inside (?i) patterns.
_NAME = (
    rf"\b(?<![\w'’-])(?P<name>(?-i:(?:[{_UPPER}]['’])?[{_UPPER}][{_LOWER}]{{1,20}}"
    rf"(?:-[{_UPPER}][{_LOWER}]{{1,20}})?))(?![\w'’])"
)
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "dix-sept|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|diecis[ée]is|diecisiete"
)


def _age(group: str, words: bool = True) -> str:
    """An age a child can have: 1 to 17, in digits or also in words; not a decimal, not part of a bigger number."""
    choices = r"1[0-7]|0?[1-9]" + ("|" + _NUMBER_WORDS if words else "")
    return rf"\b(?<![\d.,\w-])(?P<{group}>{choices})(?![\d\w]|[.,]\d)"


_AGE = _age("age")
_YEARS = r"(?P<unit>\s?(?:-\s?)?(?:years?|yrs?\.?)(?:[\s-]old)?|\s?(?:ans|años|anos)(?:\s(?:de\s)?edad)?)(?![\w])"
_S = r"\s{1,3}"

# "Aminata, 12 years old", "Fatou (11 ans)", "Mariam, âgée de 14 ans", "Juan, de 7 años", "Moussa a 10 ans".
_NAME_LINK = (
    r"(?:\s{0,2}[,(–—-]\s{0,3}(?:(?:aged|age|who\sis|who's|who\swas|qui\sa|qui\savait|[âa]g[ée]e?\s(?:de|d['’])|"
    r"de|que\stiene|quien\stiene|que\sten[ií]a|quien\sten[ií]a|de\sapenas|de\ss[oó]lo|de\stan\ss[oó]lo)" + _S + r")?"
    r"|" + _S + r"(?:is|was|turned|turns|has\sjust\sturned|a|avait|aura|a\seu|vient\sd['’]avoir|f[êe]te\sses|"
    r"est\s[âa]g[ée]e?\sde|tiene|ten[ií]a|cumpli[óo]|cumple|tendr[áa]|acaba\sde\scumplir)" + _S + r")"
)
_NAME_AGE = re.compile(_NAME + _NAME_LINK + _AGE + _YEARS, re.IGNORECASE)
# "Aminata (12)", "Pedro, 9, ...", "Aminata is 9.", "Mariam turned 13 and ...", "Fatima, aged 11, ...".
_NAME_BARE_AGE = re.compile(
    _NAME
    + r"(?:\s?\(\s?(?:(?:aged|age)\s{1,3})?"
    + _age("age", words=False)
    + r"\s?\)|\s?,\s?"
    + _age("age2", words=False)
    + r"\s?,|(?:\s?,)?"
    + _S
    + r"(?:is|was|turned|turns|aged|age|who\sis|who's|who\swas)"
    + _S
    + _age("age3")
    + r"(?=\s?(?:[.,;:!?)]|$)|\s(?:and|but|now|today|yesterday|last|this|in|on|when|while|so|because)\b))",
    re.IGNORECASE,
)
# "12-year-old Aminata", "a 12-year-old girl", "the 10-year-old boy".
_YEAR_OLD = re.compile(
    r"\b(?<![\w-])(?:(?P<det>a|an|the|this|that|one|every|each|any|no|two|three|several|many|some|all)\s{1,3})?"
    + _AGE
    + r"(?P<old>(?:\s?-\s?|\s)(?:year|yr)(?:\s?-\s?|\s)old)(?![\w-])(?:\s{1,3}(?P<next>[\w'’-]{1,25}))?",
    re.IGNORECASE,
)
# "a girl aged 12", "the boy, aged 10", "a girl of 13", "une fille de 12 ans", "la niña de 9 años".
_EN_NOUNS = (
    r"girl|boy|child|kid|teenager|teen|adolescent|student|pupil|schoolgirl|schoolboy|daughter|son|orphan|mother|"
    r"baby|toddler|youngster|niece|nephew|survivor|victim|apprentice|talib[ée]|young\s(?:woman|man|mother|person)"
)
_FR_NOUNS = (
    r"fille|fillette|gar[çc]on|gar[çc]onnet|enfant|adolescente?|ado|[ée]l[èe]ve|[ée]coli[èe]re?|coll[ée]gienne?|"
    r"lyc[ée]enne?|orpheline?|b[ée]b[ée]|nourrisson|petite?|gamine?|talib[ée]|apprentie?|victime|survivante?|"
    r"m[èe]re|maman|fils|ni[èe]ce|neveu|s(?:œ|oe)ur|fr[èe]re|jeune"
)
_ES_NOUNS = (
    r"ni[ñn]a|ni[ñn]o|nena|nene|chica|chico|chiquilla|chiquillo|adolescente|joven|muchacha|muchacho|estudiante|"
    r"alumna|alumno|escolar|beb[ée]|hija|hijo|hu[ée]rfana|hu[ée]rfano|nieta|nieto|hermana|hermano|peque[ñn]a|"
    r"peque[ñn]o|v[ií]ctima|sobreviviente|madre|mam[áa]"
)
_EN_NOUN = re.compile(_EN_NOUNS, re.IGNORECASE)
_EN_CHILD_AGE = re.compile(
    r"\b(?<![\w-])(?P<noun>"
    + _EN_NOUNS
    + r")(?![\w-])(?:\s{0,2},?"
    + _S
    + r"(?P<link>aged|age|of)"
    + _S
    + r"|\s?,\s{1,3}(?="
    + _age("comma_age")
    + r"(?:\s?,|"
    + _YEARS.replace("?P<unit>", "")
    + r")))"
    + _AGE
    + r"(?:"
    + _YEARS
    + r")?",
    re.IGNORECASE,
)
_FR_ES_CHILD_AGE = re.compile(
    r"\b(?<![\w-])(?P<noun>"
    + _FR_NOUNS
    + "|"
    + _ES_NOUNS
    + r")(?![\w-])(?:"
    + _S
    + _NAME.replace("?P<name>", "")
    + r")?(?:\s?,\s{0,3}|\s{0,2},?"
    + _S
    + r"(?:[âa]g[ée]e?"
    + _S
    + r")?(?:de|d['’])\s{0,3}"
    r"(?:(?:apenas|s[oó]lo|tan\ss[oó]lo|escasos|seulement|[àa]\speine|tout\sjuste)"
    + _S
    + r")?)"
    + _AGE
    + r"\s?(?P<unit>ans|años|anos)(?![\w])",
    re.IGNORECASE,
)

# After the age: a range ("12 to 17"), "or older", or a duration ("12 years later", "12 ans d'expérience").
_NOT_ONE_AGE = re.compile(
    r"\s{0,2}(?:[-–—/]\s{0,2}(?:\d|" + _NUMBER_WORDS + r")|\+"
    r"|\s(?:to|à|au|a|y|and|et|or|ou|o)\s{1,3}(?:\d{1,3}|" + _NUMBER_WORDS + r")(?![\w])"
    r"|\s(?:o\smás|ou\splus|et\splus|y\smás|and\s(?:over|older|above|up)|or\s(?:over|older|more|above)|"
    r"later|ago|after|before|plus\stard|plus\stôt|après|auparavant|después|antes|atrás|más\starde|"
    r"of\s(?:work|service|experience|existence|war|conflict|marriage|operation|activity|activities|partnership|"
    r"collaboration|engagement|history|struggle|schooling|education|research)|"
    r"d['’](?:expérience|existence|activité|activités|engagement|ancienneté|études|action|actions|histoire|"
    r"intervention|interventions|exercice|école)|"
    r"de\s(?:travail|service|vie\scommune|mariage|prison|présence|collaboration|partenariat|carrière|lutte|guerre|"
    r"conflit|fonctionnement|scolarité|experiencia|trabajo|servicio|matrimonio|cárcel|prisión|existencia|labor|"
    r"conflicto|colaboración|trayectoria|historia|carrera|lucha|escolaridad)))(?![\w])",
    re.IGNORECASE,
)
_PLURAL_PEOPLE = frozenset(
    "girls boys children kids teenagers teens adolescents students pupils schoolgirls schoolboys daughters sons "
    "orphans babies toddlers youngsters participants learners members survivors victims mothers people olds".split()
)
_NOT_A_PERSON = frozenset(
    "programme program project projet proyecto partnership partenariat organisation organization association "
    "network building school law tradition policy strategy plan campaign car vehicle tree house agreement "
    "convention committee initiative centre center fund database system".split()
)
_NOT_A_NAME = frozenset(
    # Words that start sentences or headings.
    "The A An This That These Those It He She They We You I Our Their His Her Its My Your Today Yesterday "
    "Now Then Since After Before During In On At By For From With Without About Also And But Or So Yet Here "
    "There When While Where Finally However Overall Meanwhile Moreover Every Each All Some Many Most One "
    "Le La Les L Un Une Des Du De Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Notre Nos Leur Leurs Son "
    "Sa Ses Aujourd Hier Maintenant Alors Ainsi Puis Ensuite Enfin Depuis Pendant Après Avant Dans Pour Par "
    "Avec Sans Sur Sous Chez Et Mais Ou Donc Or Ni Car Désormais Chaque Tous Toutes Plus Moins Environ "
    "El Los Las Una Unos Unas Este Esta Estos Estas Ese Esa Él Ella Ellos Ellas Nosotros Nuestro Nuestra "
    "Su Sus Hoy Ayer Ahora Luego Después Antes Desde Durante Para Por Con Sin Sobre Entre Hasta Pero Así "
    "Además Finalmente Cada Todos Todas Más Menos Cerca Casi Solo Sólo "
    # Months and days.
    "January February March April May June July August September October November December "
    "Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre "
    "Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Setiembre Octubre Noviembre Diciembre "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Lundi Mardi Mercredi Jeudi Vendredi Samedi "
    "Dimanche Lunes Martes Miércoles Jueves Viernes Sábado Domingo "
    # Words of the programme's documents.
    "Article Articles Artículo Section Sección Chapter Chapitre Capítulo Annex Annexe Anexo Table Tableau "
    "Tabla Figure Figura Phase Fase Step Étape Paso Stage Etapa Objective Objectif Objetivo Goal "
    "Indicator Indicateur Indicador Activity Activité Actividad Output Outcome Result Résultat Resultado "
    "Group Groupe Grupo Module Session Séance Sesión Workshop Atelier Taller Lot Level Niveau Nivel Grade "
    "Grado Class Classe Clase Year Année Año Week Semaine Semana Month Mois Mes Day Jour Día Page Room "
    "Salle Sala Budget Presupuesto Total Age Âge Edad Ages Âges Edades Team Équipe Equipo Code Código "
    "Law Loi Ley Decree Décret Decreto Version Round Tour Ronda Cohort Cohorte Zone Zona Region Région "
    "Región District Commune Comuna Municipio Province Provincia Department Département Departamento "
    # Countries and places of the programme.
    "Burkina Faso Côte Ivoire Madagascar Senegal Sénégal Togo Morocco Maroc Marruecos Tunisia Tunisie "
    "Túnez Colombia Colombie Costa Rica Honduras Peru Pérou Perú Africa Afrique África America Amérique "
    "América Dakar Thiès Kaolack Ziguinchor Touba Louga Kolda Ouagadougou Ouaga Bobo Dioulasso Koudougou "
    "Kaya Ziniaré Abidjan Bouaké Korhogo Yamoussoukro Daloa Antananarivo Tana Toamasina Antsirabe Mahajanga "
    "Toliara Fianarantsoa Lomé Sokodé Kpalimé Atakpamé Dapaong Rabat Casablanca Marrakech Fès Tanger "
    "Agadir Meknès Oujda Tunis Sfax Sousse Kairouan Bizerte Gabès Bogotá Medellín Cali Barranquilla "
    "Cartagena Cúcuta Soacha Limón Alajuela Heredia Cartago Puntarenas Tegucigalpa Sula Ceiba "
    "Choluteca Lima Cusco Cuzco Arequipa Piura Trujillo Iquitos Puno Ayacucho".split()
)
_NEXT_WORD = re.compile(r"\s{1,3}([\w'’-]{1,25})")
# "a girl of 13" is an age; "a mother of 3", "a son of 12 farmers" are not.
_OF_IS_NOT_AGE = frozenset({"mother", "sister", "brother", "daughter", "son", "young mother"})
_VERBS_IN_S = frozenset({"is", "was", "has", "as", "lives", "says", "goes", "works", "walks", "sells"})


def _one_age(text: str, end: int) -> bool:
    """The age that ends at `end` is one exact age, not a range, a threshold or a duration."""
    return _NOT_ONE_AGE.match(text, end) is None


def _name_ok(match: re.Match) -> bool:
    name = match.group("name")
    return name not in _NOT_A_NAME and name.split("-")[0] not in _NOT_A_NAME


def _children(text: str) -> list[tuple[str, int, int]]:
    found = []
    for pattern in (_NAME_AGE, _NAME_BARE_AGE):
        for m in pattern.finditer(text):
            age_end = max(m.end(group) for group in ("age", "age2", "age3") if group in pattern.groupindex)
            if _name_ok(m) and _one_age(text, age_end) and _one_age(text, m.end()):
                found.append((CHILD_NAME_AGE, *m.span()))
    for m in _YEAR_OLD.finditer(text):
        det = (m.group("det") or "").lower()
        following = (m.group("next") or "").lower()
        if det in {"every", "each", "any", "no", "two", "three", "several", "many", "some", "all"}:
            continue
        if following in _PLURAL_PEOPLE or following in _NOT_A_PERSON:
            continue
        named = following and (m.group("next")[0].isupper() or _EN_NOUN.fullmatch(following))
        found.append((CHILD_NAME_AGE, m.start(), m.end("next") if named else m.end("old")))
    for m in _EN_CHILD_AGE.finditer(text):
        if not _one_age(text, m.end("age")) or (m.group("unit") and not _one_age(text, m.end())):
            continue
        if (m.group("link") or "").lower() == "of" and not m.group("unit"):
            following = _NEXT_WORD.match(text, m.end())
            next_word = following.group(1).lower() if following else ""
            if m.group("noun").lower() in _OF_IS_NOT_AGE or (next_word.endswith("s") and next_word not in _VERBS_IN_S):
                continue
        found.append((CHILD_NAME_AGE, *m.span()))
    for m in _FR_ES_CHILD_AGE.finditer(text):
        if _one_age(text, m.end("age")) and _one_age(text, m.end()):
            found.append((CHILD_NAME_AGE, *m.span()))
    return found
