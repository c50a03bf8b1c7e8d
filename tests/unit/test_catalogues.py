"""Every string of the interface is translated into French and Spanish.

The strings are extracted from the sources exactly as `make messages` does; a
string missing from a catalogue, an empty translation, a fuzzy one, or one whose
placeholders differ from the English fails here.
"""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def source_messages() -> set[str]:
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={**KEYWORDS, "ngettext": (1, 2)}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def messages():
    return source_messages()


def catalogue(locale: str):
    with open(ROOT / "app" / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_every_string_is_translated(messages, locale):
    translations = catalogue(locale)
    problems = []
    for msgid in sorted(messages):
        entry = translations.get(msgid)
        if entry is None:
            problems.append(f"missing: {msgid!r}")
            continue
        texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        if not all(t and t.strip() for t in texts):
            problems.append(f"empty: {msgid!r}")
        wanted = set(PLACEHOLDER.findall(msgid))
        if any(set(PLACEHOLDER.findall(t or "")) != wanted for t in texts):
            problems.append(f"placeholders differ: {msgid!r}")
    assert not problems, f"{len(problems)} problems in {locale}:\n" + "\n".join(problems[:40])


def test_the_check_finds_a_missing_string(messages):
    """The check itself works: a string that no catalogue has is reported."""
    assert "gender-equality assessment" in " ".join(messages)
    assert catalogue("fr").get("A sentence no catalogue has, for this test.") is None
