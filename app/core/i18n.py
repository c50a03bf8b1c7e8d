"""Language choice (the account setting, then an explicit choice, then Accept-Language), and the
compiled catalogues the app reads.

The JSON API judges a request on its token alone (app.api.auth), never on a cookie: its language is
the token's account's, then Accept-Language.

Flask-Babel reads only compiled catalogues (.mo), which are not kept in git (they are built from the
.po files, which are). So that every way of starting the app serves its three languages (`make run`,
`flask run`, `gunicorn wsgi:app` on a fresh clone), the app compiles, when it starts, each catalogue
whose .mo is missing or older than its .po: a few hundred milliseconds once per checkout, nothing
when the .mo files are current. Each file is written beside its .po under a temporary name and
renamed, so workers starting together never read half a file.
"""

import logging
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, g, has_request_context, request, session
from flask_login import current_user

from app.core.extensions import babel

TRANSLATIONS = "translations"  # beside the app package: app/translations/<locale>/LC_MESSAGES/
log = logging.getLogger(__name__)


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and background work: English unless forced (force_locale)
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if request.blueprint == "api":
        account = g.get("api_user")
        chosen = account.locale if account is not None else g.get("api_reader_locale")  # app.core.cache
        if chosen in languages:
            return chosen
    else:
        if current_user.is_authenticated and current_user.locale in languages:
            return current_user.locale
        chosen = session.get("locale")
        if chosen in languages:
            return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def stale_catalogues(directory: Path) -> list[Path]:
    """The .po files under `directory` whose .mo is missing or older."""
    stale = []
    for po in sorted(directory.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


def compile_catalogue(po: Path) -> Path:
    """Compile one .po into the .mo beside it (fuzzy entries left out, as `pybabel compile` does)."""
    locale = po.parent.parent.name
    with po.open("rb") as source:
        catalogue = read_po(source, locale=locale)
    mo = po.with_suffix(".mo")
    handle, temporary = tempfile.mkstemp(dir=po.parent, prefix=".messages-", suffix=".mo")
    try:
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalogue)
        os.replace(temporary, mo)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return mo


def compile_stale_catalogues(directory: Path) -> list[Path]:
    """Bring every .mo under `directory` up to date with its .po; the .mo files written. A folder the
    app may not write is logged, not fatal: the app then speaks the languages it has compiled."""
    written = []
    for po in stale_catalogues(directory):
        try:
            written.append(compile_catalogue(po))
        except OSError as error:
            log.error("Cannot compile %s (%s): run `pybabel compile -d %s` where it may write.", po, error, directory)
    return written


def init_app(app: Flask) -> None:
    compile_stale_catalogues(Path(app.root_path) / TRANSLATIONS)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=TRANSLATIONS)
