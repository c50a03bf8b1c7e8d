from flask import Blueprint

bp = Blueprint("organisations", __name__, template_folder="../templates", url_prefix="/organisations")

from app.organisations.web import routes  # noqa: E402,F401
