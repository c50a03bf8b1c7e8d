"""Whole-page caching with invalidation by data version.

Pages that only read (the project list, a project page, the home page, the dashboard, the API list...)
are kept in the cache under a key made of:

- the data version: a counter bumped after every committed database write (session events below), so
  that a page stored before a write is never served after it;
- the reader: "anonymous", or the signed-in account's id (what a person sees depends on their roles,
  memberships and notifications, all of which are data, so a change to them is a write too);
- the language of the page, and the path with its query string.

The version is read before the view runs its queries; a page rendered from data older than the version
it is stored under is impossible: a write commits, then bumps the version, so a page built from the old
data is stored under the old version, which no one asks for any more. Pages also expire after
`PAGE_CACHE_SECONDS`, which bounds anything that changes with the clock alone ("closes in 3 days").

What is never stored: anything but a 200 answer to a plain GET, streamed answers, a page shown while
flash messages are waiting, a page whose rendering changed the session (but for the reader's own form
token), and a page that shows a real form token. Templates write form tokens with `csrf_token()`,
which renders a placeholder while a page is made for the cache; the placeholder is replaced with the
reader's own token each time the page is served.

The cache is Redis in production (CACHE_REDIS_URL: every worker sees the same version), an in-process
cache for the development server and the tests, and nothing at all (NullCache) in production without
Redis, because per-process caches would not see the writes of other workers.
"""

import hashlib
import hmac
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from cachelib import SimpleCache
from flask import Flask, Response, current_app, g, request, session
from flask_babel import get_locale
from flask_caching import Cache
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

cache = Cache()
VERSION_KEY = "data-version"
LOCAL_PAGES = 200  # pages a worker keeps in its own memory besides Redis
_bump_lock = threading.Lock()  # in-process caches: increments from the development server's threads
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenCheck:
    """How the JSON face reads a request's API token; it registers one with `use_token_check()`,
    so that the cache can keep the account a token opens under the data version, as pages are."""

    user: Callable[[], object | None]  # the token's account, or None
    digest: Callable[[], str | None]  # the stored form of the request's token; None: no Bearer token
    refuse: Callable[[], Response | tuple]  # the 401 answer


_token_check: TokenCheck | None = None


def use_token_check(check: TokenCheck) -> None:
    global _token_check
    _token_check = check


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def init_app(app: Flask) -> None:
    cache.init_app(app)
    # With Redis, pages also stay in the worker's memory under the same keys: a key names its data
    # version, so a copy is right for as long as anyone asks for that key. A page served again then
    # costs one Redis round trip (the version) instead of two.
    if app.config["CACHE_TYPE"] == "RedisCache":
        seconds = app.config["PAGE_CACHE_SECONDS"]
        app.extensions["page_copies"] = SimpleCache(threshold=LOCAL_PAGES, default_timeout=seconds)
    # The placeholder derives from the secret key: the same in every worker sharing the cache, and no
    # text a user writes can hold it (it would be replaced with the reader's token).
    digest = hmac.new(app.config["SECRET_KEY"].encode(), b"csrf-placeholder", hashlib.sha256).hexdigest()
    app.extensions["csrf_placeholder"] = f"csrf-placeholder-{digest}"
    make_token = app.jinja_env.globals["csrf_token"]  # Flask-WTF's

    def csrf_token() -> str:
        """While a page is rendered for the cache, templates (and macros they import) write a placeholder."""
        return csrf_placeholder() if g.get("caching_page") else make_token()

    app.jinja_env.globals["csrf_token"] = csrf_token  # for macros imported without the context
    app.context_processor(lambda: {"csrf_token": csrf_token})  # Flask-WTF puts its own in the context too


def csrf_placeholder() -> str:
    return current_app.extensions["csrf_placeholder"]


def enabled() -> bool:
    return current_app.config.get("CACHE_TYPE", "NullCache") != "NullCache"


def data_version() -> int:
    return int(cache.get(VERSION_KEY) or 0)


def bump_data_version() -> None:
    """Make every cached page old. Called after each commit that wrote, and by anything that changes
    the data outside a session (a restore)."""
    if not enabled():
        return
    if current_app.config["CACHE_TYPE"] == "RedisCache":
        cache.cache.inc(VERSION_KEY)  # Redis INCR: atomic between workers
        return
    with _bump_lock:
        cache.set(VERSION_KEY, data_version() + 1, timeout=0)


# Which transactions wrote ------------------------------------------------------------------------
# Every statement that changes data goes through a cursor; a session marks the connections it uses,
# so that writes through the ORM, through session.execute and straight on session.connection() all
# count. A commit of a session that wrote bumps the version.

WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "WITH", "CREATE", "DROP", "ALTER", "TRUNCATE"})


@event.listens_for(Session, "after_begin")
def _began(session, _transaction, connection):
    connection.info["session_info"] = session.info


@event.listens_for(Engine, "before_cursor_execute")
def _statement(conn, _cursor, statement, _parameters, _context, _executemany):
    if (statement.lstrip()[:8].split(None, 1) or [""])[0].upper() in WRITES:
        owner = conn.info.get("session_info")
        if owner is not None:
            owner["wrote"] = True


@event.listens_for(Session, "after_commit")
def _committed(session):
    # The flag is not cleared by a rollback (a savepoint's could hide the outer transaction's writes):
    # at worst a later commit makes the cached pages old once more than needed.
    if session.info.pop("wrote", False):
        try:
            bump_data_version()
        except RuntimeError:  # no app context: nothing of the app's cache to invalidate
            pass
        except RedisError:  # pages stored before stay until they expire (PAGE_CACHE_SECONDS)
            log.exception("The page cache could not be told of a write")


# Cached views ----------------------------------------------------------------------------------------


def request_data_version() -> int:
    """The data version this request's cached answers are keyed by (read once, before any query)."""
    if "data_version" not in g:
        g.data_version = data_version()
    return g.data_version


def page_key() -> str:
    if g.get("api_reader_id"):
        reader = f"u{g.api_reader_id}"
    elif "api_user" in g:  # the API judges callers by their token alone
        reader = f"u{g.api_user.id}" if g.api_user is not None else "anonymous"
    else:
        reader = session_reader()
    # A signed-in person's pages are in their account's language (app.core.i18n), kept with their id.
    locale = g.get("session_reader_locale") or get_locale()
    return f"page:{request_data_version()}:{reader}:{locale}:{request.full_path}"


def session_reader() -> str:
    """Who the session is, without loading the account when the cache knows: the account a session token
    opens is kept under the data version (logging out, a password change or a deactivation is a write,
    after which the session is checked again). Flask-Login loads the account when a view asks for it."""
    token = session.get("_user_id")  # the account's rotating session token (app.accounts.accounts.load_user)
    if not token:
        return f"u{current_user.id}" if current_user.is_authenticated else "anonymous"  # remember-me cookies
    key = f"session:{request_data_version()}:{_hash(token)}"
    known = cache.get(key)
    if known is None:
        if not current_user.is_authenticated:
            return "anonymous"
        known = (current_user.id, str(get_locale()))
        cache.set(key, known, timeout=current_app.config["PAGE_CACHE_SECONDS"])
    g.session_reader_id, g.session_reader_locale = known
    return f"u{g.session_reader_id}"


def check_api_token():
    """An API token on a cached GET: the account it opens is kept under the data version, as pages are
    (revoking a token or deactivating its account is a write, after which the token is checked again).
    Answers the 401 refusal, or None with g.api_reader_id (or g.api_user) set. A header of another scheme
    than the one the JSON face reads (`Basic <token>`) is refused before the cache is asked."""
    digest = _token_check.digest()
    if digest is None:
        return _token_check.refuse()
    key = None
    if cacheable_request():
        try:
            key = f"api-reader:{request_data_version()}:{digest}"
            known = cache.get(key)
        except RedisError:
            log.exception("The page cache cannot be read: the token is checked afresh")
            key = known = None
        if known is not None:
            g.api_reader_id, g.api_reader_locale = known  # its language too (app.core.i18n)
            return None
    user = _token_check.user()
    if user is None:
        return _token_check.refuse()
    g.api_user = user
    if key is not None:
        try:
            cache.set(key, (user.id, user.locale), timeout=current_app.config["PAGE_CACHE_SECONDS"])
        except RedisError:
            log.exception("The page cache cannot be written")
    return None


def view_reader_ready():
    """Before a view runs: the API caller's account itself, when only its id came from the cache."""
    if g.get("api_reader_id") and g.get("api_user") is None:
        g.api_user = _token_check.user()
        if g.api_user is None:
            return _token_check.refuse()
    return None


def cacheable_request() -> bool:
    return enabled() and request.method == "GET" and "_flashes" not in session


def cached_page(view):
    """Serve the view's answer from the cache when nothing changed since it was stored."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if g.pop("api_token_to_check", False):
            refused = check_api_token()
            if refused is not None:
                return refused
        if not cacheable_request():
            return view(*args, **kwargs)
        try:
            key = page_key()  # the version first, then the view's queries
            copies = current_app.extensions.get("page_copies")
            stored = copies.get(key) if copies is not None else None
            if stored is None:
                stored = cache.get(key)
                if stored is not None and copies is not None:
                    copies.set(key, stored)
        except RedisError:
            log.exception("The page cache cannot be read: the page is made afresh")
            return view_reader_ready() or view(*args, **kwargs)
        if stored is not None:
            body, mimetype = stored
            return Response(with_token(body), mimetype=mimetype)
        refused = view_reader_ready()
        if refused is not None:
            return refused
        session_before = without_token(session)
        g.caching_page = True
        try:
            response = current_app.make_response(view(*args, **kwargs))
        finally:
            g.caching_page = False
        if response.is_streamed:
            return response
        body = response.get_data(as_text=True)
        if storable(response, body, session_before):
            try:
                cache.set(key, (body, response.mimetype), timeout=current_app.config["PAGE_CACHE_SECONDS"])
                if copies is not None:
                    copies.set(key, (body, response.mimetype))
            except RedisError:
                log.exception("The page cache cannot be written")
        if csrf_placeholder() in body:
            response.set_data(with_token(body))
        return response

    wrapper.checks_the_token = True  # app.api.auth leaves the API token of a GET to check_api_token
    return wrapper


def storable(response: Response, body: str, session_before: dict) -> bool:
    """A 200 page that holds no one's form token and left the session as it was (a form object may have
    made a token on the way: it is the reader's own, kept in the session, and not on the page)."""
    token = g.get("csrf_token")
    return (
        response.status_code == 200
        and not (token and token in body)
        and without_token(session) == session_before
        and "Set-Cookie" not in response.headers
    )


def without_token(values) -> dict:
    return {key: value for key, value in values.items() if key != "csrf_token"}


def with_token(body: str) -> str:
    placeholder = csrf_placeholder()
    return body.replace(placeholder, generate_csrf()) if placeholder in body else body
