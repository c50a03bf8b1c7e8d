"""The query strings of the lists: filters, sorts and pages, checked key by key."""

from typing import Annotated, ClassVar

from flask_babel import lazy_gettext as _l
from pydantic import AfterValidator, BeforeValidator, Field

from app.api.schemas.base import Query, keys, refusal
from app.gate.models import GECode
from app.projects.discovery import SORTS
from app.projects.models import Stage
from app.reference.names import COUNTRIES, REGIONS, THEMES
from app.resources.models import NeedKind

DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_PAGE = 20, 100, 1_000_000
NEED_KINDS = [k.value for k in NeedKind]


def Keys(allowed, message, normalise=str, description: str = ""):  # noqa: N802 - a type, as Annotated is
    """A filter that may repeat (any of its values matches): every value one of `allowed`, after
    `normalise` (e.g. upper case for country codes); an unknown one refuses the filter with `message`."""

    def clean(values):
        values = values if isinstance(values, list) else [values]
        return [normalise(v.strip()) for v in values if isinstance(v, str) and v.strip()]

    def check(values):
        if any(value not in allowed for value in values):
            raise refusal("unknown_key", message)
        return values

    return Annotated[list[str], BeforeValidator(clean), AfterValidator(check), Field(
        [], description=description,
        json_schema_extra={"items": keys(allowed), "style": "form", "explode": True},
    )]


def WholeNumber(maximum: int, description: str):  # noqa: N802
    """A page or a page size: digits only, 1 to `maximum`; absent or empty, None (the default)."""

    def read(value):
        raw = (value or "").strip() if isinstance(value, str) else value
        if raw in ("", None):
            return None
        if not (isinstance(raw, str) and raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
            raise refusal("whole_number", _l("Send a whole number from 1 to %(maximum)d.", maximum=maximum))
        return int(raw)

    return Annotated[int | None, BeforeValidator(read), Field(
        None, description=description, json_schema_extra={"type": "integer", "minimum": 1, "maximum": maximum},
    )]


def Slugs(description: str):  # noqa: N802
    def clean(values):
        values = values if isinstance(values, list) else [values]
        return [v.strip() for v in values if isinstance(v, str) and v.strip()]

    return Annotated[list[str], BeforeValidator(clean), Field(
        [], description=description, json_schema_extra={"style": "form", "explode": True},
    )]


Page = WholeNumber(MAX_PAGE, "The page, from 1.")
PerPage = WholeNumber(MAX_PER_PAGE, f"Items per page ({DEFAULT_PER_PAGE}).")


class ProjectListQuery(Query):
    """The project list's filters: repeat one for several values (any of them matches); different
    filters combine."""

    q: Annotated[str, BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)] = Field(
        "", description="Full-text search of the title, summary and description: every word must match the "
        "beginning of a word, accents and case ignored.")
    country: Keys(COUNTRIES, _l("Unknown country code."), str.upper, "Country codes (case-insensitive).")
    region: Keys(REGIONS, _l("Unknown region."), description="Region keys.")
    stage: Keys([s.value for s in Stage], _l("Unknown stage."), description="Stage keys.")
    theme: Keys(THEMES, _l("Unknown theme."), description="Theme keys.")
    ge_code: Keys([c.value for c in GECode], _l("Unknown gender-equality code."), str.upper,
                  "The reviewer's GE code of the newest review, or the self-assessed code while no reviewer has "
                  "validated an assessment.")
    organisation: Slugs("Organisation slugs.")
    need_kind: Keys(NEED_KINDS, _l("Unknown kind of need."), description="Projects with an open need of this kind.")
    sort: Keys(SORTS, _l("Unknown sort order."), description="relevance (the default with `q`: title matches "
               "first), newest (the default otherwise), most_supported, most_in_need, recently_active.")
    page: Page
    per_page: PerPage

    MANY: ClassVar[tuple[str, ...]] = (
        "country", "region", "stage", "theme", "ge_code", "organisation", "need_kind", "sort",
    )


class OfferQuery(Query):
    """The resource pool's filters."""

    kind: str | None = Field(None, json_schema_extra=keys(NEED_KINDS), description="A kind of resource.")
    country: str | None = Field(None, json_schema_extra=keys(COUNTRIES), description="Available in this country "
                                "(case-insensitive).")
    region: str | None = Field(None, json_schema_extra=keys(REGIONS), description="Available in this region.")
    page: Page
    per_page: PerPage
