"""Opening pages in the browser tests: a new context on the live server, and signing in by the form."""

from playwright.sync_api import expect

TIMEOUT_MS = 15_000


def new_page(browser, live_server):
    """A new browser context and its page; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def log_in(page, user) -> None:
    """Sign in through the log-in form and wait for the welcome."""
    page.goto("/login")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {user.name}.")


def watch_console(page) -> list[str]:
    """Console errors (a Content-Security-Policy violation is one) and uncaught page errors."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    return errors


def assert_no_csp_violation(errors: list[str]) -> None:
    blocked = [e for e in errors if "Content Security Policy" in e]
    assert blocked == [], blocked
    assert [e for e in errors if e.startswith("page error:")] == []


# A required question's label on the assessment form carries its marker.
REQUIRED = " (required)"
# What a partner types into the design assessment in the journeys (all required questions).
ANSWERS = {
    "Gender analysis": (
        "Girls in Thiès leave school earlier than boys, mostly at 13-14, because of domestic work and early "
        "marriage; girls with disabilities are the least present (school survey 2023)."
    ),
    "Who the initiative is for": (
        "Girls aged 10 to 17 in six public schools, including girls with disabilities and out-of-school girls "
        "reached through the neighbourhood associations."
    ),
    "Data by sex and age": (
        "Attendance sheets record sex and age band (6-11, 12-17) at every session; the figures are reviewed "
        "each term to adjust the timing of the workshops."
    ),
    "Activities adapted to different needs": (
        "Workshops are held after school in the schools themselves, led by women facilitators, with materials "
        "in Wolof and French and sign language where needed."
    ),
    "Protection and do no harm": (
        "Risks: travel after dark and backlash at home. Sessions end before sunset, parents give consent, and "
        "a trained focal point in each school receives any concern."
    ),
    "Child participation": (
        "Girls choose the topics (space), speak in the councils (voice), present to the mayor (audience) and "
        "the council answers in writing within two months (influence)."
    ),
    "Feedback and complaints": (
        "A locked suggestion box in each school, a free phone line answered by the focal point, and a monthly "
        "meeting where girls hear what was done with their feedback."
    ),
}
JUSTIFICATION = "Girls' participation in decisions is the principal purpose of every activity planned."
