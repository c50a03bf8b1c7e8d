"""The error shape of every refusal: {"error": {"code", "message", "details"}}.

Each documented error status of an operation names the codes it can carry: `error_model(codes)` is
the shape with `code` limited to them (one component per set of codes, e.g. `NotFoundError`).
"""

from functools import cache
from typing import Literal

from pydantic import Field, create_model

from app.api.schemas.base import Answer, optional


class ErrorDetail(Answer):
    """`{field, message}` for a wrong field, `{rule}` for an unmet rule of a gate (with the question's
    key in `field` where the rule is about one)."""

    model_config = {**Answer.model_config, "json_schema_serialization_defaults_required": False}
    field: str | None = Field(default=None, json_schema_extra=optional())
    message: str | None = Field(default=None, json_schema_extra=optional())
    rule: str | None = Field(default=None, json_schema_extra=optional())


def _camel(code: str) -> str:
    return "".join(part.title() for part in code.split("_"))


@cache
def error_model(codes: tuple[str, ...]) -> type[Answer]:
    """The error shape whose `code` is one of `codes`, named after them (`GateBlockedConflictError`)."""
    name = "".join(_camel(code) for code in codes) + "Error"
    body = create_model(
        f"{name}Body",
        __base__=Answer,
        code=(Literal[codes], ...),  # type: ignore[valid-type]
        message=(str, Field(min_length=1, description="A sentence for people, in the caller's language.")),
        details=(list[ErrorDetail], ...),
    )
    return create_model(name, __base__=Answer, __doc__=f"An error of code {', '.join(codes)}.",
                        error=(body, ...))


class OpenAPIDocument(Answer):
    """An OpenAPI 3.1 document."""

    model_config = {**Answer.model_config, "extra": "allow"}
    openapi: str
    info: dict
    paths: dict
