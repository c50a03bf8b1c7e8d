"""Redirect targets taken from the request are only ever paths on this site."""

from urllib.parse import urlsplit


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
