"""The API's error shape: {"error": {"code", "message", "details"}}."""

from flask import jsonify


def error_response(status: int, code: str, message: str, details: list | None = None):
    body = {"error": {"code": code, "message": str(message), "details": details or []}}
    return jsonify(body), status
