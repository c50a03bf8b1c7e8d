"""The rules every user text follows, the same for the web forms, the API and the domain.

- Lone UTF-16 surrogates (which a JSON string can carry as "\\ud800", but no UTF-8 text can) are
  refused everywhere: they cannot be stored, e-mailed or drawn on a page.
- A length is what a reader sees (`visible`): the text in NFC, without format or control
  characters (zero-width spaces, direction marks...), its whitespace collapsed. A required text
  made of invisible characters is empty.
- A single-line text (a title, a name) holds no control character and no line or paragraph
  separator: it goes into e-mail subjects and headers. A longer text may hold any (Markdown and
  the sanitizer make them harmless).
- Every text has a maximum length, counted in characters after trimming.
- A person's display name is a plain name (`name_problem`): letters, marks, spaces, apostrophes,
  hyphens and full stops, so that it cannot carry a link or a sentence into an e-mail.

`text_problem` and `name_problem` answer a message (or None) that the domain raises as a field's
refusal, the API as a 422 and the forms next to the field.
"""

import re
import unicodedata

from flask_babel import gettext as _

NAME_MAX = 80  # a person's display name
TITLE_MAX = 200  # titles and other one-line texts
LONG_TEXT_MAX = 20_000  # descriptions, update bodies and other long texts
COMMENT_MAX = 5_000  # comments, notes, messages

_SPACES = re.compile(r"\s+")
# Control characters (Unicode category Cc), and the line and paragraph separators (Zl, Zp).
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_RUNS_OF_SPACES = re.compile(r" {2,}")
_DOTTED_WORD = re.compile(r"\.\w")
_NAME_PUNCTUATION = frozenset(" '’-.")
_NAME_LETTER_CATEGORIES = ("L", "M")


def has_lone_surrogate(text: str) -> bool:
    """Whether `text` holds a UTF-16 surrogate code point (only a JSON escape can put one there)."""
    return any("\ud800" <= char <= "\udfff" for char in text)


def repair_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, the replacement character."""
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


def visible(text: str | None) -> str:
    """What a reader sees of `text`: NFC, format and control characters dropped, whitespace collapsed,
    trimmed."""
    text = unicodedata.normalize("NFC", repair_surrogates(text or ""))
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs")
    )
    return _SPACES.sub(" ", kept).strip()


def visible_length(text: str | None) -> int:
    """How many characters a reader sees in `text` (see `visible`)."""
    return len(visible(text))


def is_blank(text: str | None) -> bool:
    """Whether a reader sees nothing in `text` (empty, spaces, zero-width or control characters)."""
    return not visible(text)


def has_control(text: str) -> bool:
    """Whether `text` holds a control character, a line break or a line or paragraph separator: what a
    single-line text may not hold."""
    return _NOT_ONE_LINE.search(text) is not None


def one_line(text: str) -> str:
    """`text` for a header: each run of line breaks and other control characters becomes one space."""
    return _NOT_ONE_LINE.sub(" ", text).strip()


def text_problem(text: str | None, max_length: int, multiline: bool = False) -> str | None:
    """Why `text` cannot be stored (a message), or None: a lone surrogate, a control character in a
    single-line text, or more than `max_length` characters once trimmed. Says nothing of an empty text
    (the caller's rule)."""
    text = text or ""
    if has_lone_surrogate(text):
        return _("This text holds an invalid character (a lone UTF-16 surrogate). Please remove it.")
    if not multiline and has_control(text):
        return _("Please write this on one line, without line breaks or control characters.")
    if len(text.strip()) > max_length:
        return _("This text is too long (at most %(max)d characters).", max=max_length)
    return None


def name_problem(name: str | None) -> str | None:
    """Why `name` is not a plain display name (a message), or None. Says nothing of an empty name.

    A name holds letters (of any script, with their accents), spaces, apostrophes, hyphens and full
    stops (after an initial: "J. R.", never within a word like a web address), at most NAME_MAX characters:
    no digits, links, punctuation of sentences or line breaks.
    """
    name = unicodedata.normalize("NFC", name or "").strip()
    if problem := text_problem(name, NAME_MAX):
        return problem
    if _DOTTED_WORD.search(name) or any(
        char not in _NAME_PUNCTUATION and not unicodedata.category(char).startswith(_NAME_LETTER_CATEGORIES)
        for char in name
    ):
        return _("A name may hold only letters, spaces, apostrophes, hyphens, and full stops after an initial.")
    return None


def clean_name(name: str | None) -> str:
    """A display name as stored: NFC, its runs of spaces collapsed, trimmed."""
    return _RUNS_OF_SPACES.sub(" ", unicodedata.normalize("NFC", name or "")).strip()


def check_text(errors: dict, field: str, text: str | None, max_length: int, multiline: bool = False) -> None:
    """Add `text_problem`'s message to `errors` under `field` (unless the field already has one)."""
    if field not in errors and (problem := text_problem(text, max_length, multiline)):
        errors[field] = problem
