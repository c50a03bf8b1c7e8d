"""What every template can use: reference names, languages, the current locale."""

from flask import Flask
from flask_babel import get_locale

from app.reference import names as reference


def init_app(app: Flask) -> None:
    app.jinja_env.filters["country_name"] = reference.country_name
    app.jinja_env.filters["region_name"] = reference.region_name
    app.jinja_env.filters["theme_name"] = reference.theme_name

    @app.context_processor
    def inject_globals():
        locale = get_locale()
        rtl = locale is not None and locale.character_order == "right-to-left"
        return {
            "languages": reference.LANGUAGES,
            "current_locale": str(locale or "en"),
            # Arabic reads right to left: the page says so and site.css mirrors through logical properties.
            "current_direction": "rtl" if rtl else "ltr",
            # "Back" points towards the start of the line: left in English, right in Arabic.
            "back_arrow": "→" if rtl else "←",
            "forward_arrow": "←" if rtl else "→",
        }
