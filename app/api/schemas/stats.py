"""The shapes of the dashboards' figures in the API (GET /api/v1/stats)."""

from pydantic import Field, create_model

from app.api.schemas.base import Answer, Count, Quantity, optional
from app.api.schemas.projects import GE_CODES, key
from app.api.schemas.resources import BY_KIND, NEED_KINDS
from app.reference.names import COUNTRIES, REGIONS
from app.reports.stats import PUBLIC_SCOPE_STAGES, REVIEW_SCOPE_STAGES, REVIEW_STAGES

Days = float | None  # days, one decimal; null when there is nothing to measure


def every_key(name: str, names, value=Count, doc: str | None = None):
    """An object with every one of `names` as a key (zeros included)."""
    return create_model(name, __base__=Answer, __doc__=doc, **{n: (value, ...) for n in names})


def project_counts(name: str, stages, **more):
    return create_model(
        name, __base__=Answer,
        total=(Count, ...),
        by_stage=(every_key(f"{name}ByStage", [s.value for s in stages]), ...),
        by_country=(every_key("ByCountry", COUNTRIES), ...),
        by_region=(every_key("ByRegion", REGIONS), ...),
        **more,
    )


PublicProjects = project_counts("PublicProjects", PUBLIC_SCOPE_STAGES)
ReviewProjects = project_counts(
    "ReviewProjects", REVIEW_SCOPE_STAGES,
    girls_focused=(Count, ...),
    girls_focused_share=(float | None, Field(ge=0, le=1)),
)


class StageReviewTime(Answer):
    waiting: Count
    median_days_waiting: Days = Field(ge=0)
    longest_days_waiting: Days = Field(ge=0)
    finished: Count
    median_days_finished: Days = Field(ge=0)


class GECodes(Answer):
    by_code: every_key("ByCode", GE_CODES, doc="By the reviewer's code of the newest review.")
    not_reviewed: Count


class ReviewTime(Answer):
    by_stage: every_key("ReviewTimeByStage", [s.value for s in REVIEW_STAGES], StageReviewTime)
    finished: Count
    median_days_finished: Days = Field(ge=0)


class ResourceLine(Answer):
    """Per kind and unit (one line per currency: amounts are never converted)."""

    model_config = BY_KIND
    kind: key(NEED_KINDS)
    unit: str
    needs: Count
    target: Quantity
    pledged: Quantity
    fulfilled: Quantity
    pledges: Count


class Participation(Answer):
    comments: Count
    supports: Count
    follows: Count
    pledges: Count
    active_people: Count
    active_days: int = Field(ge=1, description="The period of active_people.")


class ReviewStats(Answer):
    """The reviewers' figures, over every project but drafts."""

    projects: ReviewProjects
    ge_codes: GECodes
    review_time: ReviewTime
    resources: list[ResourceLine]
    participation: Participation


class Stats(Answer):
    """The dashboards' figures; `review` only for a reviewer's or an admin's token."""

    model_config = {**Answer.model_config, "json_schema_serialization_defaults_required": False}
    projects: PublicProjects = Field(description="The projects standing in a public stage.")
    review: ReviewStats | None = Field(None, exclude_if=lambda value: value is None,
                                       json_schema_extra=optional())
