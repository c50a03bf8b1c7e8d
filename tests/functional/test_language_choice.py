"""The page language: the account's setting first, then an explicit choice (the language form), then
the browser's Accept-Language, then English. And each initiative says which language it is written in."""

import re

import pytest

from app.accounts.models import User
from app.core.extensions import db
from app.projects.models import Stage
from tests.support.projects import world_records
from tests.support.web import make_project

HTML_LANG = re.compile(r'<html lang="([a-z]{2})"(?: dir="rtl")?>')


def page_language(response) -> str:
    match = HTML_LANG.search(response.get_data(as_text=True))
    assert match, "the page has no <html lang>"
    return match.group(1)


def choose(client, csrf, locale: str):
    response = client.post("/language", data={"locale": locale, "next": "/login", "csrf_token": csrf(client)})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "en"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "fr"),
        ("es-PE,es;q=0.9", "es"),
        ("de-DE,de;q=0.9,es;q=0.4", "es"),
        ("de-DE,de;q=0.9", "en"),
        ("en;q=0.3,fr;q=0.8", "fr"),
        ("ar", "ar"),
        ("ar-MA,ar;q=0.9,fr;q=0.8", "ar"),
        ("ar-TN", "ar"),
        ("fr;q=0.5,ar;q=0.9", "ar"),
    ],
)
def test_a_visitor_gets_the_browsers_language(client, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    assert page_language(client.get("/login", headers=headers)) == expected


def test_an_explicit_choice_beats_the_browsers_language(client, csrf):
    choose(client, csrf, "fr")
    assert page_language(client.get("/login", headers={"Accept-Language": "es"})) == "fr"
    choose(client, csrf, "es")
    assert page_language(client.get("/login", headers={"Accept-Language": "fr"})) == "es"


def test_a_choice_of_a_language_the_site_has_not_is_ignored(client, csrf):
    client.post("/language", data={"locale": "de", "csrf_token": csrf(client)})
    assert page_language(client.get("/login", headers={"Accept-Language": "es"})) == "es"


def test_the_account_setting_beats_the_choice_and_the_browser(client, make_user, login_as):
    person = make_user(locale="es")
    login_as(person)
    with client.session_transaction() as session:
        session["locale"] = "fr"  # a choice made before signing in
    assert page_language(client.get("/account", headers={"Accept-Language": "fr"})) == "es"


def test_choosing_a_language_when_signed_in_changes_the_account_setting(app, client, csrf, make_user, login_as):
    person = make_user(locale="en")
    login_as(person)
    choose(client, csrf, "fr")
    with app.app_context():
        assert db.session.get(User, person.id).locale == "fr"
    # Another browser of the same person, with another language, follows the account.
    other = login_as(person, app.test_client())
    assert page_language(other.get("/account", headers={"Accept-Language": "es"})) == "fr"


def test_each_project_page_says_which_language_the_initiative_is_written_in(app, client, make_user, make_org):
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.INCUBATING, language="fr")
    html = client.get(f"/projects/{project_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r"<dt>Written in</dt>\s*<dd lang=\"fr\" dir=\"auto\">Français</dd>", html)
    assert re.search(r"<h1 lang=\"fr\" dir=\"auto\">", html), "the title is marked as French"


def test_arabic_pages_read_right_to_left_and_the_others_left_to_right(client):
    arabic = client.get("/login", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "تسجيل الدخول" in arabic  # "Log in"
    for accept in ("fr", "es", "en"):
        page = client.get("/login", headers={"Accept-Language": accept}).get_data(as_text=True)
        assert f'<html lang="{accept}">' in page


def test_the_switcher_offers_arabic_in_its_own_script_and_a_choice_of_arabic_sticks(client, csrf):
    html = client.get("/login").get_data(as_text=True)
    assert re.search(r'<option value="ar" lang="ar"\s*>العربية</option>', html)
    choose(client, csrf, "ar")
    assert page_language(client.get("/login", headers={"Accept-Language": "fr"})) == "ar"


def test_an_arabic_account_reads_arabic_everywhere(app, client, make_user, login_as):
    person = make_user(locale="ar")
    login_as(person)
    assert page_language(client.get("/account", headers={"Accept-Language": "fr"})) == "ar"


def test_user_text_keeps_its_own_direction_on_a_page_of_the_other_direction(app, client, make_user, make_org):
    """A French initiative on an Arabic page stays left to right, an Arabic one on a French page right to
    left: their containers carry the initiative's language and dir="auto"."""
    world = world_records(make_user, make_org)
    french = make_project(app, world, Stage.INCUBATING, language="fr")
    arabic = make_project(app, world, Stage.INCUBATING, language="ar")
    html = client.get(f"/projects/{french}", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<h1 lang="fr" dir="auto">', html)
    html = client.get(f"/projects/{arabic}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert re.search(r'<h1 lang="ar" dir="auto">', html)
    assert re.search(r"<dd lang=\"ar\" dir=\"auto\">العربية</dd>", html)
