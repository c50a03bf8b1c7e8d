"""The page number a list was asked for, within bounds (a huge number is the last page, not an error)."""

from flask import request

MAX_PAGE = 10_000


def page_arg() -> int:
    return min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
