"""Every string of the interface is translated into French, Spanish and Arabic.

The strings are extracted exactly as `make messages` does: the test reads the extraction options
from the Makefile and runs `pybabel extract` with them into a temporary .pot (it never updates the
catalogues). A string missing from a catalogue (with its context: stage names are "stage"), an empty
translation, a fuzzy one, or one whose placeholders differ from the English fails here.
"""

import re
import shlex
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
OPTIONS = re.compile(r"^EXTRACT_OPTIONS\s*:=\s*((?:.*\\\n)*.*)$", re.M)


def extract_options() -> list[str]:
    """The Makefile's EXTRACT_OPTIONS, as pybabel's arguments."""
    found = OPTIONS.search((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert found, "the Makefile names its extraction options EXTRACT_OPTIONS"
    options = shlex.split(found.group(1).replace("\\\n", " "))
    assert "$(EXTRACT_OPTIONS)" in (ROOT / "Makefile").read_text(encoding="utf-8").split("messages:", 1)[1]
    return options


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue template `make messages` would write, from the sources as they are."""
    pot = tmp_path_factory.mktemp("extract") / "messages.pot"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", *extract_options(),
                                    "-o", str(pot), "."])
    with pot.open("rb") as source:
        return read_po(source)


def catalogue(locale: str):
    with open(ROOT / "app" / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def test_extraction_reads_the_macros_and_the_lazy_plural_and_context_forms(extracted):
    where = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): {path for path, _ in m.locations}
             for m in extracted if m.id}
    assert "templates/_macros/forms.html" in where[(None, "Please correct the fields marked below.")]
    assert "templates/_macros/pagination.html" in where[(None, "Next page")]
    assert "templates/_macros/pagination.html" in where[(None, "Previous page")]
    assert "app/community/notification_mail.py" in where[(None, "Your Social Lab digest: %(num)d notification")]
    assert "app/gate/workflow.py" in where[("stage", "Submitted for review")]
    assert not [key for key in where if any(part in path for path in where[key] for part in ("node_modules", ".venv"))]


@pytest.mark.parametrize("locale", ["fr", "es", "ar"])
def test_every_string_is_translated(extracted, locale):
    translations = catalogue(locale)
    problems = []
    for message in extracted:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        shown = f"{message.context}|{msgid}" if message.context else msgid
        entry = translations.get(message.id, context=message.context)
        if entry is None:
            problems.append(f"missing: {shown!r}")
            continue
        texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"fuzzy: {shown!r}")
        if message.pluralizable and not isinstance(entry.string, tuple):
            problems.append(f"no plural forms: {shown!r}")
        if not all(t and t.strip() for t in texts):
            problems.append(f"empty: {shown!r}")
        wanted = set(PLACEHOLDER.findall(msgid))
        if any(set(PLACEHOLDER.findall(t or "")) != wanted for t in texts):
            problems.append(f"placeholders differ: {shown!r}")
    assert not problems, f"{len(problems)} problems in {locale}:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("locale, submitted, completed", [("fr", "Soumise pour examen", "Terminée"),
                                                           ("es", "Enviada a revisión", "Finalizada"),
                                                           ("ar", "مُرسَلة للمراجعة", "مكتملة")])
def test_stage_names_agree_with_initiative(locale, submitted, completed):
    """A stage qualifies an initiative, feminine in French, Spanish and Arabic (مبادرة)."""
    translations = catalogue(locale)
    assert translations.get("Submitted for review", context="stage").string == submitted
    assert translations.get("Completed", context="stage").string == completed


def test_the_check_finds_a_missing_string(extracted):
    """The check itself works: a string that no catalogue has is reported, a context counts."""
    assert "gender-equality assessment" in " ".join(m.id for m in extracted if isinstance(m.id, str))
    assert catalogue("fr").get("A sentence no catalogue has, for this test.") is None
    assert catalogue("fr").get("Submitted for review", context="a context no catalogue has") is None


def test_arabic_has_its_six_plural_forms():
    """Arabic counts zero, one, two, a few (3-10), many (11-99) and others: every plural has six forms,
    and each keeps the number."""
    translations = catalogue("ar")
    assert translations.num_plurals == 6
    entry = translations.get(("%(num)d report", "%(num)d reports"))
    assert len(entry.string) == 6 and all("%(num)d" in form for form in entry.string)
    assert entry.string[3] != entry.string[4], "3-10 take a plural noun, 11-99 a singular one"
