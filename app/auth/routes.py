"""Placeholder routes: replaced by the accounts work."""

from app.auth import bp


@bp.route("/login", methods=["GET", "POST"])
def login():
    return "login"


@bp.route("/register", methods=["GET", "POST"])
def register():
    return "register"


@bp.post("/logout")
def logout():
    return "logout"


@bp.get("/account")
def account():
    return "account"
