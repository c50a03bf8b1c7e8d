"""A person's first visit in a real browser: register, confirm the address from the outbox,
log in, switch to French, log out."""

import re
from email import message_from_bytes, policy
from pathlib import Path

from playwright.sync_api import expect

from app.accounts.models import User
from app.core.extensions import db

EMAIL = "mariama.diallo@example.org"
NAME = "Mariama Diallo"
PASSWORD = "baobab lantern orchestra 1987"
VERIFY_LINK = re.compile(r"https?://\S+/verify/\S+")


def watch_console(page) -> list[str]:
    """Console errors (a Content-Security-Policy violation is one) and uncaught page errors."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def verification_link(outbox_dir: str, to: str) -> str:
    """The confirmation link of the one message sent to `to`, read as a mail client would."""
    messages = [
        message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(Path(outbox_dir).glob("*.eml"))
    ]
    sent = [m for m in messages if m["To"] == to]
    assert len(sent) == 1, f"expected one message to {to}, found {len(sent)}"
    assert sent[0]["Subject"] == "Confirm your e-mail address"
    links = VERIFY_LINK.findall(sent[0].get_content())
    assert len(links) == 1, "the message carries one confirmation link"
    return links[0]


def test_register_confirm_log_in_switch_to_french_and_log_out(page, app, live_server):
    errors = watch_console(page)

    # Register through the form.
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Display name").fill(NAME)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("status")).to_contain_text(f"We have sent a message to {EMAIL}")

    # Confirm the address with the link of the e-mail.
    link = verification_link(app.config["MAIL_OUTBOX_DIR"], EMAIL)
    assert link.startswith(f"{live_server}/verify/")
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("status")).to_contain_text("Thank you, your e-mail address is confirmed.")

    # Log in through the form.
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {NAME}.")
    header = page.get_by_role("banner")
    header.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_text("Confirmed", exact=True)).to_be_visible()
    expect(page.locator(".notice-unverified")).to_have_count(0)

    # Switch to French with the header's language switcher.
    header.get_by_label("Language").select_option("fr")
    header.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_role("heading", level=2, name="Paramètres")).to_be_visible()
    nav = page.get_by_role("navigation", name="Menu principal")
    expect(nav.get_by_role("link", name="Mes initiatives")).to_be_visible()
    expect(nav.get_by_role("link", name="Mon compte")).to_be_visible()
    with app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.email == EMAIL)) == "fr"

    # Log out with the header's button: logged out, still in French.
    nav.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status")).to_contain_text("Votre session est fermée.")
    expect(nav.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(nav.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    expect(nav.get_by_role("link", name="Mon compte")).to_have_count(0)

    # A page that needs an account now sends the visitor to the log-in form.
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)account$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    expect(page.get_by_role("status")).to_contain_text("Veuillez vous connecter pour voir cette page.")

    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert errors == []
