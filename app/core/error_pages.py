"""Error pages in the site's layout and language; JSON errors under /api/."""

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from app.core.errors import ChangedMeanwhile, DomainError, NotPermitted
from app.core.json_errors import error_response


def wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if isinstance(error, InternalServerError):
            return handle_unexpected_error(error)
        if error.response is not None:  # a refusal that brings its own answer (a rate limit's on_breach)
            return error.response
        # Keep the headers HTTP asks for (Allow on 405, Retry-After on 429), not the content type.
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        if wants_json():
            # The description of a refused Host names it: never echoed.
            custom = error.description != type(error).description and not isinstance(error, SecurityError)
            message = error.description if custom else error_message(error.code or 500)
            response, status = error_response(error.code or 500, error_code_for(error.code), message)
            response.headers.extend(headers)
            return response, status
        if isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS: no address can be built
            return error_message(400), 400, {"Content-Type": "text/plain; charset=utf-8"}
        page = render_template("errors/error.html", code=error.code, message=error_message(error.code or 500))
        return page, error.code, headers

    @app.errorhandler(DomainError)
    def handle_refusal(error: DomainError):
        """The web face's refusals that no view answered itself: the page of the refusal with its
        message, the request rolled back (app.core.transaction). Another writer getting there first
        (most often at the request's commit) is 409, a refused right 403, any other refusal 422. The
        API's own refusal handler answers first under /api/v1."""
        status = refusal_status(error)
        message = error.message or error_message(status)
        if wants_json():
            return error_response(status, error_code_for(status), message)
        return render_template("errors/error.html", code=status, message=message), status

    def handle_unexpected_error(error: Exception):
        # The request's transaction is already rolled back (app.core.transaction).
        app.logger.exception("Unhandled error on %s", request.path)
        if wants_json():
            return error_response(500, "server_error", _("Something went wrong on our side."))
        return render_template("errors/error.html", code=500, message=error_message(500)), 500

    app.register_error_handler(InternalServerError, handle_unexpected_error)


def refusal_status(error: DomainError) -> int:
    if isinstance(error, ChangedMeanwhile):
        return 409
    if isinstance(error, NotPermitted):
        return 403
    return 422


def error_code_for(status: int | None) -> str:
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "too_large",
        422: "invalid",
        429: "rate_limited",
    }.get(status or 500, "server_error")


def error_message(code: int) -> str:
    messages = {
        400: _("The request could not be understood. Please go back and try again."),
        401: _("Please log in to see this page."),
        403: _("You do not have permission to do this."),
        404: _("We could not find this page. It may have moved, or it may not be public."),
        405: _("This address does not accept that kind of request."),
        409: _("Someone changed this meanwhile. Please reload the page and try again."),
        413: _("The file or form you sent is too large."),
        429: _("Too many attempts in a short time. Please wait a minute and try again."),
        500: _("Something went wrong on our side. Please try again later."),
    }
    return messages.get(code, messages[500])
