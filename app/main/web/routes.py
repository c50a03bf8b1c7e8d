"""Home page and the language switcher."""

from flask import Response, abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.core.cache import cached_page
from app.core.extensions import csrf
from app.core.redirects import page_to_return_to
from app.gate.workflow import STAGE_NAMES
from app.main.web.blueprint import bp
from app.projects import discovery
from app.reference.country_map import country_map, land_svg
from app.reports import stats
from app.resources.money import KIND_NAMES, format_quantity

HOME_INITIATIVES = 4
HOME_NEEDS = 5
HOME_ACTIVITY = 20  # happenings read, shown grouped: at most 5 initiatives, 3 happenings each


@bp.get("/")
@cached_page
def home():
    """The lab at a glance: the newest active initiatives, the map of the public initiatives by country,
    open needs and recent public activity (grouped by initiative) — only what an anonymous visitor may
    see, whoever reads it, in a fixed number of queries."""
    return render_template(
        "main/home.html",
        initiatives=discovery.active_initiatives(HOME_INITIATIVES),
        country_map=country_map(stats.public_figures().by_country),
        needs=discovery.newest_open_needs(HOME_NEEDS),
        activity=discovery.group_by_initiative(discovery.recent_activity(HOME_ACTIVITY)),
        stage_names=STAGE_NAMES,
        kind_names=KIND_NAMES,
        format_quantity=format_quantity,
    )


@bp.get("/map/<key>.svg")
def map_land(key: str):
    """The grey land under a panel of the country map: the same for everyone, kept by browsers a day."""
    drawing = land_svg(key)
    if drawing is None:
        abort(404)
    response = Response(drawing, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.post("/language")
@csrf.exempt
def set_language():
    """Remember an explicit language choice; a signed-in person's account setting follows it.

    A signed-in person's choice is stored in their account: the form's token is required. A
    signed-out visitor's choice only changes the language of their own session, which is all a forged
    request could do; their pages then carry no token and set no cookie, so every signed-out visitor
    gets the same cached page (app/core/cache.py)."""
    if current_user.is_authenticated:
        csrf.protect()
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
    return redirect(page_to_return_to(request.form.get("next")) or url_for("main.home"))
