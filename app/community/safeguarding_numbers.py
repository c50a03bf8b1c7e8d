"""Number words written as digits, for the child-safeguarding screen: "Brayan tiene doce años" is read
as "Brayan tiene 12 años", "she is fourteen" as "she is 14", "dix-sept ans" as "17 ans".

text2num (`text_to_num.find_numbers`) recognises the number words of English, French and Spanish,
compounds included ("dix-sept", "diecisiete", "twenty-one"). Which language a text is in is guessed
from its commonest short words; a text with none of them is read in all three. The screen reads the
digits and reports its findings in the text as written: `Numbered.original()` maps a span back.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from text_to_num import find_numbers

LANGUAGES = ("en", "fr", "es")
# Words only one of the three languages uses often.
_COMMON = {
    "en": frozenset("the and of is are was with for to in she he her his who years old has".split()),
    "fr": frozenset("le les et des est une du au avec pour dans elle il qui ans sont sa ses".split()),
    "es": frozenset("el los las y es una del con para en ella él que años tiene su sus".split()),
}
_WORD = re.compile(r"[^\W\d_]+")
_JOINING = re.compile(r"[ \t\u00a0-]{1,3}")  # what may stand between two words of one number
# Isolated numbers up to this value stay words ("one of the girls"); the patterns read "two", "trois".
_THRESHOLD = 3.0
_MAX_WORDS = 20_000  # a longer text is screened on its first words' numbers only


@dataclass(frozen=True)
class _Token:
    """One word of the text, as text2num reads tokens."""

    word: str
    start: int
    end: int
    joined_to_previous: bool

    def text(self) -> str:
        return self.word

    def text_lowercase(self) -> str:
        return self.word.lower()

    def nt_separated(self, previous: "_Token") -> bool:
        return not self.joined_to_previous

    def not_a_number_part(self) -> bool:
        return False


class Numbered:
    """`text` with its number words written as digits, and the way back to the text as written."""

    def __init__(self, original: str, text: str, replaced: list[tuple[int, int, int, int]]):
        self.source = original
        self.text = text
        # (start, end) in `text`, (start, end) in the original, for each number written as digits.
        self._replaced = replaced
        self._starts = [r[0] for r in replaced]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `text[start:end]` stands for."""
        return self._back(start, is_end=False), self._back(end, is_end=True)

    def _back(self, position: int, is_end: bool) -> int:
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        new_start, new_end, old_start, old_end = self._replaced[index]
        if position < new_end or (is_end and position == new_end):
            return old_end if is_end else old_start
        return position - new_end + old_end


def guess_languages(tokens: list[_Token]) -> tuple[str, ...]:
    """The language whose common words the text uses most, or all three when none stands out."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for token in tokens[:400]:
        word = token.word.lower()
        for language in LANGUAGES:
            counts[language] += word in _COMMON[language]
    best = max(counts.values())
    if best == 0:
        return LANGUAGES
    return tuple(language for language in LANGUAGES if counts[language] == best)


def _tokens(text: str) -> list[_Token]:
    tokens = []
    previous_end = None
    for match in _WORD.finditer(text):
        if len(tokens) >= _MAX_WORDS:
            break
        joined = previous_end is not None and _JOINING.fullmatch(text, previous_end, match.start()) is not None
        tokens.append(_Token(match.group(), match.start(), match.end(), joined))
        previous_end = match.end()
    return tokens


def with_digits(text: str) -> Numbered:
    """The text with the number words of its language(s) written as digits."""
    tokens = _tokens(text)
    spans: dict[int, tuple[int, str]] = {}  # first token → (end token, digits)
    taken = set()
    for language in guess_languages(tokens) if tokens else ():
        for found in find_numbers(tokens, language, _THRESHOLD):
            if found.is_ordinal or not found.text.isdigit():
                continue
            covered = range(found.start, found.end)
            if taken.intersection(covered):
                continue
            taken.update(covered)
            spans[found.start] = (found.end, found.text)
    if not spans:
        return Numbered(text, text, [])
    parts, replaced, position, length = [], [], 0, 0
    for first in sorted(spans):
        last, digits = spans[first]
        old_start, old_end = tokens[first].start, tokens[last - 1].end
        parts.append(text[position:old_start])
        length += old_start - position
        replaced.append((length, length + len(digits), old_start, old_end))
        parts.append(digits)
        length += len(digits)
        position = old_end
    parts.append(text[position:])
    return Numbered(text, "".join(parts), replaced)
