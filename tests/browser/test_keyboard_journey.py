"""A partner who uses only the keyboard: signs in, creates an initiative, fills its design assessment
and submits it for review. Tab and Shift+Tab to move, typing, Enter and Space: no click, no mouse.
Every element reached on the way shows where the focus is (an outline or a shadow), links,
buttons and fields alike; a page whose focus style was removed fails that check.
"""

import re
from pathlib import Path

import pytest
from babel.support import Translations
from playwright.sync_api import expect

from tests.browser.a11y import FOCUS_INDICATOR
from tests.browser.pages import ANSWERS, JUSTIFICATION, REQUIRED

TITLE = "Girls' voices in the school councils of Thiès"
SUMMARY = "Girls aged 10 to 17 take part in school councils and bring their proposals to the mayor."
DESCRIPTION = "Workshops in six schools, then a council session where girls present their proposals."
NOTE = "Ready for review: the girls' councils start in October."
MAX_TABS = 400

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {
    tag: el.tagName.toLowerCase(), type: el.getAttribute("type") || "", id: el.id,
    label: label.replace(/\\s+/g, " ").trim(), text: (el.innerText || "").replace(/\\s+/g, " ").trim(),
    indicator: (""" + FOCUS_INDICATOR + """)(),
  };
}"""
LONG_TEXT = 20


class Keyboard:
    """Moves the focus with Tab (or Shift+Tab) until the wanted element; checks each stop shows focus."""

    def __init__(self, page):
        self.page = page
        self.seen: dict[str, int] = {}  # kinds of elements reached (link, button, field) and how often

    def _check_stop(self) -> dict | None:
        focused = self.page.evaluate(FOCUSED)
        if focused is None:
            return None
        indicator = focused["indicator"]
        what = f"{focused['tag']} {focused['label'] or focused['text']!r}"
        style = f"outline {indicator['outline']}, shadow {indicator['shadow']}"
        assert indicator["visible"], f"no visible focus on {what}: {style}"
        kind = {"a": "link", "button": "button"}.get(focused["tag"], "field")
        self.seen[kind] = self.seen.get(kind, 0) + 1
        return focused

    def tab_to(self, wanted, backwards: bool = False) -> dict:
        """Press Tab until `wanted(focused)` holds; the focused element's description."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(MAX_TABS):
            self.page.keyboard.press(key)
            focused = self._check_stop()
            if focused and wanted(focused):
                return focused
        raise AssertionError(f"{MAX_TABS} presses of {key} never reached the element wanted")

    def field(self, label: str, backwards: bool = False) -> dict:
        return self.tab_to(lambda f: f["label"] == label and f["tag"] in ("input", "textarea", "select"), backwards)

    def link(self, text: str) -> dict:
        return self.tab_to(lambda f: f["tag"] == "a" and f["text"] == text)

    def button(self, text: str) -> dict:
        return self.tab_to(lambda f: f["tag"] == "button" and f["text"] == text)

    def type_into(self, label: str, text: str) -> None:
        """Type into the field; a long text's end is sent as typed text in one go (insert_text, what
        a keyboard's input method does), to keep the test quick."""
        self.field(label)
        self.page.keyboard.type(text[:LONG_TEXT])
        if len(text) > LONG_TEXT:
            self.page.keyboard.insert_text(text[LONG_TEXT:])

    def choose(self, label: str, option_text: str) -> None:
        """A closed <select>: typing the start of an option's text selects it, as it does for a person.
        Letters no key of the keyboard writes (Arabic on this machine's layout) are pasted, not typed, and
        select nothing: for them the arrow keys go down the options until the one asked for is chosen."""
        self.field(label)
        if option_text.isascii():
            self.page.keyboard.type(option_text)
        chosen = "document.activeElement.selectedOptions?.[0]?.textContent.trim() ?? ''"
        options = self.page.evaluate("document.activeElement.options?.length ?? 0")
        assert options, f"{label!r} is not a list of options"
        for _ in range(options):
            if self.page.evaluate(chosen).startswith(option_text):
                return
            self.page.keyboard.press("ArrowDown")
        assert self.page.evaluate(chosen).startswith(option_text), f"no option {option_text!r} under {label!r}"

    def press_link(self, text: str) -> None:
        self.link(text)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def press_button(self, text: str) -> None:
        self.button(text)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def test_a_partner_submits_an_initiative_with_the_keyboard_alone(page, make_user, make_org):
    partner = make_user("awa.ndiaye@example.org", name="Awa Ndiaye")
    make_org("jiggeen-thies", country="SN", members=[(partner, "owner")])
    keys = Keyboard(page)

    # From the home page to the log-in form, through the main navigation.
    page.goto("/")
    keys.press_link("Log in")
    keys.type_into("E-mail address", partner.email)
    keys.type_into("Password", partner.password)
    keys.press_button("Log in")
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {partner.name}.")

    # The form of a new initiative.
    keys.press_link("My initiatives")
    keys.press_link("Create an initiative")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an initiative")
    keys.type_into("Title", TITLE)
    keys.type_into("Summary", SUMMARY)
    keys.type_into("Description", DESCRIPTION)
    keys.choose("Country", "Senegal")
    assert page.locator("select[name=country]").input_value() == "SN"
    keys.field("Girls' empowerment")
    page.keyboard.press("Space")
    keys.choose("Language the initiative is written in", "English")
    keys.field("Adolescent girls")
    page.keyboard.press("Space")
    keys.type_into("Girls, 12–17 years", "120")
    # A look back up the form with Shift+Tab: the country chosen is still there.
    keys.field("Country", backwards=True)
    assert page.locator("select[name=country]").input_value() == "SN"
    keys.press_button("Create the draft")
    expect(page.get_by_role("status")).to_contain_text("The initiative was created as a draft.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    project_url = re.search(r"/projects/\d+$", page.url).group(0)
    facts = page.locator("dl.facts")
    for chosen in ("Senegal", "Girls' empowerment", "Adolescent girls", "English"):
        expect(facts).to_contain_text(chosen)

    # The design assessment, answered in full.
    keys.press_link("Open the assessment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Design assessment")
    for label, answer in ANSWERS.items():
        keys.type_into(label + REQUIRED, answer)
    keys.choose("Self-assessed gender-equality code", "GE-3")
    assert page.locator("select[name=ge_code]").input_value() == "GE-3"
    keys.type_into("Why this code", JUSTIFICATION)
    keys.press_button("Save")
    expect(page.get_by_role("status")).to_contain_text("7 of 7 required answers")

    # Back on the initiative, submitted for review with a note.
    keys.press_link(f"Back to “{TITLE}”")
    expect(page.locator("#move-submitted")).to_contain_text("The requirements for this step are met.")
    keys.tab_to(lambda f: f["id"] == "note-submitted")
    page.keyboard.type(NOTE)
    keys.press_button("Submit for review")
    expect(page.get_by_role("status")).to_contain_text("The initiative is now at the stage 'Submitted for review'.")
    assert page.url.endswith(project_url)

    # Links, buttons and fields were all reached, each showing the focus.
    assert set(keys.seen) == {"link", "button", "field"}, keys.seen


def test_the_focus_check_fails_when_the_focus_style_is_removed(page):
    page.goto("/login")
    keys = Keyboard(page)
    keys.field("E-mail address")  # the site's own style shows the focus
    page.evaluate(
        """() => {
            const style = new CSSStyleSheet();
            style.replaceSync("*:focus-visible, *:focus { outline: none !important; box-shadow: none !important; }");
            document.adoptedStyleSheets = [...document.adoptedStyleSheets, style];
        }"""
    )
    with pytest.raises(AssertionError, match="no visible focus on input 'Password'"):
        keys.field("Password")


TRANSLATIONS = Path(__file__).resolve().parents[2] / "app" / "translations"
AR_TITLE = "أصوات الفتيات في مجالس مدارس سلا"
AR_SUMMARY = "تشارك فتيات من 10 إلى 17 سنة في مجالس المدارس ويقدّمن مقترحاتهن إلى العمدة."
AR_DESCRIPTION = "ورشات في ست مدارس، ثم جلسة للمجلس تعرض فيها الفتيات مقترحاتهن."
AR_NOTE = "جاهزة للمراجعة: تبدأ مجالس الفتيات في أكتوبر."


def ar(text: str, context: str | None = None, **values) -> str:
    """The Arabic of an interface string, from the catalogue the site serves (compiled by the app at start)."""
    arabic = Translations.load(str(TRANSLATIONS), ["ar"])
    assert isinstance(arabic, Translations), "the Arabic catalogue is compiled"
    shown = arabic.pgettext(context, text) if context else arabic.gettext(text)
    return shown % values if values else shown


def test_a_partner_submits_an_initiative_in_arabic_with_the_keyboard_alone(page, make_user, make_org):
    """The same journey on pages in Arabic, right to left: Tab still moves through every stop, each shows
    the focus, and the initiative, written in Arabic, is submitted for review."""
    partner = make_user("meryem.alaoui@example.org", name="Meryem Alaoui", locale="ar")
    make_org("tifl-sale", country="MA", members=[(partner, "owner")])
    keys = Keyboard(page)
    page.set_extra_http_headers({"Accept-Language": "ar"})

    page.goto("/")
    assert page.get_attribute("html", "dir") == "rtl"
    keys.press_link(ar("Log in"))
    keys.type_into(ar("E-mail address"), partner.email)
    keys.type_into(ar("Password"), partner.password)
    keys.press_button(ar("Log in"))
    expect(page.get_by_role("status")).to_contain_text(ar("Welcome, %(name)s.", name=partner.name))

    keys.press_link(ar("My initiatives"))
    keys.press_link(ar("Create an initiative"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Create an initiative"))
    keys.type_into(ar("Title"), AR_TITLE)
    keys.type_into(ar("Summary"), AR_SUMMARY)
    keys.type_into(ar("Description"), AR_DESCRIPTION)
    keys.choose(ar("Country"), ar("Morocco"))
    assert page.locator("select[name=country]").input_value() == "MA"
    keys.field(ar("Girls' empowerment"))
    page.keyboard.press("Space")
    keys.choose(ar("Language the initiative is written in"), "العربية")
    assert page.locator("select[name=language]").input_value() == "ar"
    keys.field(ar("Adolescent girls"))
    page.keyboard.press("Space")
    keys.type_into(ar("%(sex)s, %(band)s", sex=ar("Girls"), band=ar("12–17 years")), "120")
    keys.press_button(ar("Create the draft"))
    expect(page.get_by_role("status")).to_contain_text(ar("The initiative was created as a draft."))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(AR_TITLE)
    assert heading.get_attribute("lang") == "ar" and heading.get_attribute("dir") == "auto"
    project_url = re.search(r"/projects/\d+$", page.url).group(0)

    keys.press_link(ar("Open the assessment"))
    required = f" ({ar('required')})"
    for label, answer in ANSWERS.items():
        keys.type_into(ar(label) + required, answer)
    keys.choose(ar("Self-assessed gender-equality code"), "GE-3")
    assert page.locator("select[name=ge_code]").input_value() == "GE-3"
    keys.type_into(ar("Why this code"), JUSTIFICATION)
    keys.press_button(ar("Save"))
    expect(page.get_by_role("status")).to_contain_text("7 من 7")

    keys.press_link(ar("Back to “%(title)s”", title=AR_TITLE))
    expect(page.locator("#move-submitted")).to_contain_text(ar("The requirements for this step are met."))
    keys.tab_to(lambda f: f["id"] == "note-submitted")
    page.keyboard.type(AR_NOTE)
    keys.press_button(ar("Submit for review"))
    expect(page.get_by_role("status")).to_contain_text(
        ar("The initiative is now at the stage '%(stage)s'.", stage=ar("Submitted for review", context="stage"))
    )
    assert page.url.endswith(project_url)
    assert set(keys.seen) == {"link", "button", "field"}, keys.seen
