"""The shapes of a project's discussion in the API: comments and reports."""

from pydantic import Field

from app.api.schemas.base import Answer, Count, Id, IdInput, LenientInt, Moment, NameOnly, Query, Request, optional
from app.api.schemas.projects import key
from app.community.comments import BODY_MAX, REASON_MAX
from app.community.models import CommentStatus

COMMENT_STATUSES = [s.value for s in CommentStatus]


class Comment(Answer):
    """A comment, or its placeholder."""

    id: Id
    project_id: Id
    update_id: Id | None
    parent_id: Id | None
    depth: int = Field(ge=1, le=3)
    status: key(COMMENT_STATUSES)
    body: str | None = Field(description="Markdown; null for a placeholder.")
    body_html: str | None
    author: NameOnly | None
    created_at: Moment
    edited_at: Moment | None
    placeholder: str | None = Field(description="Why the text is not shown (null when it is).")
    moderation_reason: str | None = Field(
        None, exclude_if=lambda value: value is None,
        json_schema_extra=optional("Only for a comment a moderator hid."),
    )

    model_config = {**Answer.model_config, "json_schema_serialization_defaults_required": False}


class CommentCreated(Comment):
    """The comment just posted; `status` is `held` (and `message` says why) when the safeguarding screen
    holds it."""

    message: str


class CommentList(Answer):
    """The discussion in reading order: each comment followed by its replies."""

    items: list[Comment]
    total: Count


class CommentQuery(Query):
    update_id: LenientInt = Field(None, description="The discussion of this published update instead.")


class CommentRequest(Request):
    """A comment, or a reply."""

    body: str = Field(description="Light Markdown.", json_schema_extra={"minLength": 1, "maxLength": BODY_MAX})
    parent_id: IdInput | None = Field(None, description="The comment answered (replies go 3 levels deep).")
    update_id: IdInput | None = Field(None, description="A published update of the project, to comment on it.")

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"body": "Could the walking groups also cover the Thursday market days?"}],
    }}


class FlagRequest(Request):
    """A report of a comment to the moderators."""

    reason: str = Field(json_schema_extra={"minLength": 1, "maxLength": REASON_MAX})


class FlagResult(Answer):
    comment_id: Id
    reason: str
    comment_status: key(COMMENT_STATUSES)
    message: str
