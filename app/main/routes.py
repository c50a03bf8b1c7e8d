"""Home page and the language switcher."""

from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.extensions import db
from app.main import bp
from app.redirects import page_to_return_to


@bp.get("/")
def home():
    return render_template("main/home.html")


@bp.post("/language")
def set_language():
    """Remember an explicit language choice; a signed-in person's account setting follows it."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return redirect(page_to_return_to(request.form.get("next")) or url_for("main.home"))
