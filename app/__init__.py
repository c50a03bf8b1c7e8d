"""The Social Lab application factory."""

import logging
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from app import cli, schema  # noqa: F401  (schema: every feature's tables, known to Alembic and the app)
from app.accounts import accounts
from app.accounts.web import bp as auth_bp
from app.admin.web import bp as admin_bp
from app.api import bp as api_bp
from app.community.notification_mail import email_committed_notifications
from app.community.web import bp as community_bp
from app.core import cache, error_pages, formats, health, i18n, request_log, security, static_assets
from app.core.extensions import csrf, db, limiter, login_manager, migrate
from app.core.ids import MAX_ID, digits_up_to
from app.core.limits import limit_every_write
from app.core.transaction import TransactionalFlask, after_every_commit
from app.gate.web import bp as review_bp
from app.ideas.web import bp as ideas_bp
from app.lab.web import bp as lab_bp
from app.main.web import bp as main_bp
from app.organisations.web import bp as organisations_bp
from app.projects.web import bp as projects_bp
from app.reference import templating
from app.reports.web import bp as reports_bp
from app.resources.web import bp as resources_bp
from app.results.web import bp as results_bp
from app.voice.web import bp as voice_bp
from config import BASE_DIR, CONFIGS, DEV_SECRET_KEY, INSTANCE_DIR


def create_app(config: type | None = None, **overrides) -> Flask:
    """Build the app: settings, extensions, blueprints, CLI, error handlers.

    Each request is one transaction, committed once after its view (app/core/transaction.py).

    `config` is a class from config.py; without it, FLASK_CONFIG (development,
    testing or production) chooses. Keyword arguments override single settings.
    """
    app = TransactionalFlask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    app.config.from_object(config or CONFIGS[os.environ.get("FLASK_CONFIG", "development")])
    app.config.update(overrides)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A file needs no liveness check (a SELECT 1) each time a connection leaves the pool.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"], "pool_pre_ping": False}
    refuse_unsafe_production(app)
    os.makedirs(app.instance_path, exist_ok=True)
    logging.basicConfig(level=logging.INFO)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

    app.url_map.converters["int"] = DatabaseInt
    if app.config.get("PROXY_COUNT"):
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    register_extensions(app)
    request_log.init_app(app)  # first: its clock starts before any other hook, its line is written last
    register_blueprints(app)
    health.init_app(app)
    limit_every_write(app)  # after the blueprints: every route that writes

    cache.init_app(app)
    security.init_app(app)
    error_pages.init_app(app)
    i18n.init_app(app)
    formats.init_app(app)  # money, number, percent, filesize: the reader's notation in every template
    templating.init_app(app)
    static_assets.init_app(app)
    cli.init_app(app)
    after_every_commit(app, email_committed_notifications)  # what each request notified, by e-mail
    return app


class DatabaseInt(IntegerConverter):
    """`<int:...>` in URLs: only values a database INTEGER holds; larger ones are a 404, not a 500."""

    # 0 to MAX_ID in the pattern itself: a number the pattern takes but `max` refuses would make
    # the router answer 405 when another rule has the same path with other methods (PATCH /projects/N).
    regex = digits_up_to(MAX_ID)

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def refuse_unsafe_production(app: Flask) -> None:
    """Production never starts with the development secret or a short one, without its https:// public
    address, or without TRUSTED_HOSTS (else a redirect, the trailing slash's for one, echoes whatever Host
    the request names)."""
    if app.config.get("ENV_NAME") == "production":
        key = app.config.get("SECRET_KEY") or ""
        if key == DEV_SECRET_KEY or len(key) < 32:
            raise RuntimeError("SECRET_KEY must be set to a random value of at least 32 characters in production.")
        if not app.config.get("PUBLIC_URL", "").startswith("https://"):
            raise RuntimeError("PUBLIC_URL must be set to the site's https:// address in production.")
        if not app.config.get("TRUSTED_HOSTS"):
            raise RuntimeError("TRUSTED_HOSTS must name the host names the site answers to in production.")


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(accounts.load_user)


def register_blueprints(app: Flask) -> None:
    app.register_blueprint(main_bp)
    app.register_blueprint(lab_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(organisations_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(community_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(resources_bp)
    app.register_blueprint(voice_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(api_bp)
