"""Redirect targets taken from the request are only ever paths on this site."""

from urllib.parse import urlsplit

from flask import current_app, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RequestRedirect


def safe_next_url(target: str | None) -> str | None:
    """Return `target` if it is a local path, else None (never an off-site redirect)."""
    if not target:
        return None
    target = target.strip()
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def page_to_return_to(target: str | None) -> str | None:
    """A local address a browser can open again: `target` itself, unless it only answers form posts
    (a page drawn in answer to a refused form, such as /projects/7/transition); then the nearest page
    above it (/projects/7). None when `target` is not a local path or no page is above it.
    """
    target = safe_next_url(target)
    if target is None or not only_answers_posts(urlsplit(target).path):
        return target
    path = urlsplit(target).path
    while path := path.rsplit("/", 1)[0]:
        if opens_a_page(path):
            return path
    return None


def match_for_get(path: str) -> None:
    """Raise what routing raises for a GET of `path` on this site (nothing when a view answers)."""
    current_app.create_url_adapter(request).match(path, method="GET")


def only_answers_posts(path: str) -> bool:
    try:
        match_for_get(path)
    except MethodNotAllowed:
        return True
    except HTTPException:
        return False
    return False


def opens_a_page(path: str) -> bool:
    try:
        match_for_get(path)
    except RequestRedirect:
        return True  # the address only lacks its trailing slash
    except HTTPException:
        return False
    return True
