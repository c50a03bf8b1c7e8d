"""Language choice: the account setting, then an explicit choice, then Accept-Language.

The JSON API judges a request on its token alone (app.api.auth), never on a cookie: its language is
the token's account's, then Accept-Language."""

from flask import Flask, current_app, g, has_request_context, request, session
from flask_login import current_user

from app.core.extensions import babel


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


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
