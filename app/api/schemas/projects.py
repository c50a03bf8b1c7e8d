"""The shapes of organisations and projects (initiatives) in the API."""

from typing import Annotated

from pydantic import Field, create_model

from app.api.schemas.base import (
    Amount,
    AmountInput,
    Answer,
    Count,
    Day,
    Id,
    IsoDate,
    LenientInt,
    Moment,
    OrganisationRef,
    Query,
    Request,
    keys,
)
from app.gate.models import GECode
from app.projects.models import Stage
from app.projects.projects import CHILDREN_KEYS, SUMMARY_MAX, TARGET_GROUPS
from app.projects.projects import CURRENCIES as BUDGET_CURRENCIES
from app.reference.names import COUNTRIES, LANGUAGES, REGIONS, THEMES

CHILDREN_MAX = 10_000_000
STAGES = [s.value for s in Stage]
GE_CODES = [c.value for c in GECode]


def key(values, description: str | None = None, nullable: bool = False):
    """A key written by the API, one of `values`."""
    schema = {"type": ["string", "null"] if nullable else "string", "enum": [*values, *([None] if nullable else [])]}
    return Annotated[str | None if nullable else str, Field(json_schema_extra=schema, description=description)]


Country, Region, Theme = key(COUNTRIES), key(REGIONS), key(THEMES)
StageKey, GECodeKey = key(STAGES, "A stage key (see DESIGN.md, 'Projects and the stage gate')."), key(GE_CODES)


class Organisation(Answer):
    """An organisation of the directory (verified organisations only)."""

    slug: str
    name: str
    country: Country
    region: Region
    description: str
    website: str
    themes: list[Theme]
    verified: bool
    owners: Count = Field(description="Its active owners.")
    members: Count = Field(description="Its active members (owners apart).")
    public_projects: Count = Field(description="Its projects in a public stage.")


class OrganisationPage(Answer):
    """One page of the organisation directory, by name."""

    items: list[Organisation]
    page: int = Field(ge=1)
    per_page: int = Field(ge=1, le=100)
    total: Count


Children = create_model(
    "Children", __base__=Answer, __doc__="Children reached, by sex and age band.",
    **{name: (int, Field(ge=0, le=CHILDREN_MAX)) for name in CHILDREN_KEYS},
)


class ProjectFields(Answer):
    id: Id
    title: str
    summary: str
    organisation: OrganisationRef
    country: Country
    region: Region
    themes: list[Theme]
    language: key(LANGUAGES)
    target_groups: list[key(TARGET_GROUPS)]
    girls_focused: bool
    children: Children
    children_total: Count
    start_date: Day | None
    end_date: Day | None
    budget_amount: Amount | None
    budget_currency: key(BUDGET_CURRENCIES, nullable=True)
    stage: StageKey
    stage_name: str
    stage_changed_at: Moment
    version: int = Field(ge=1)
    ge_code: key(GE_CODES, "The reviewer's code of the latest reviewed assessment.", nullable=True)
    created_at: Moment
    updated_at: Moment


class Project(ProjectFields):
    """A project, with its description (Markdown, and the sanitised HTML made from it)."""

    description: str
    description_html: str


class ProjectSummary(ProjectFields):
    """A project as the list shows it."""

    self_assessed_ge_code: key(GE_CODES, "The organisation's own code, of its newest assessment version that "
                               "has one.", nullable=True)
    supports: Count = Field(description="How many people support it.")
    open_needs: Count = Field(description="How many of its needs are open.")


class ProjectPage(Answer):
    """One page of the projects the caller may view."""

    items: list[ProjectSummary]
    page: int = Field(ge=1)
    per_page: int = Field(ge=1, le=100)
    total: Count


# What a request may write -------------------------------------------------------------------------

ChildrenInput = Annotated[dict[str, int], Field(json_schema_extra={
    "propertyNames": {"enum": list(CHILDREN_KEYS)},
    "additionalProperties": {"type": "integer", "minimum": 0, "maximum": CHILDREN_MAX},
}, description="Children reached, by sex and age band: merged key by key into the current counts.")]


class ProjectInput(Request):
    title: str = Field("", json_schema_extra={"minLength": 1, "maxLength": 200})
    summary: str = Field("", json_schema_extra={"minLength": 1, "maxLength": SUMMARY_MAX})
    description: str = ""
    country: str = Field("", json_schema_extra=keys(COUNTRIES))
    themes: list[str] = Field([], json_schema_extra={"items": keys(THEMES), "minItems": 1})
    language: str = Field("", json_schema_extra=keys(LANGUAGES))
    target_groups: list[str] = Field([], json_schema_extra={"items": keys(TARGET_GROUPS)})
    girls_focused: bool = False
    children: ChildrenInput = {}
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    budget_amount: AmountInput | None = Field(None, description='A number or a decimal string such as "1500.50", '
                                              "from 0 to 999,999,999,999.")
    budget_currency: str | None = Field(None, json_schema_extra=keys([*BUDGET_CURRENCIES, None]),
                                        description="Required with a budget amount.")
    safeguarding_checked: bool = Field(False, description=(
        "True once the author checked that the title, summary and description identify no child: a text sent "
        "that the safeguarding screen finds a child's name with an age, a phone number, an e-mail address or a "
        "chat link in is otherwise refused (422 `invalid`, with the screen's advice on its field)."))


class ProjectCreate(ProjectInput):
    """A new project, created in stage `draft`."""

    organisation: str = Field(description="The slug of a verified organisation.")

    model_config = {**Request.model_config, "json_schema_extra": {
        "required": ["organisation", "title", "summary", "country", "themes"],
        "examples": [{"organisation": "jeunesse-avenir-dakar", "title": "Safe routes to school",
                      "summary": "Walking groups for girls in Pikine.", "country": "SN",
                      "themes": ["child_protection"], "girls_focused": True,
                      "children": {"girls_6_11": 120, "boys_6_11": 80},
                      "budget_amount": "6500000", "budget_currency": "XOF"}],
    }}


class ProjectEdit(ProjectInput):
    """The fields to change; a field left out keeps its value."""

    version: int = Field(description="The version last read; a stale one is 409 `conflict`.")

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"version": 3, "title": "Safe routes to school in Pikine"}],
    }}


class OrganisationQuery(Query):
    """The directory's filters; a page out of range is brought within bounds."""

    country: str | None = Field(None, json_schema_extra=keys(COUNTRIES), description="A country code "
                                "(case-insensitive).")
    region: str | None = Field(None, json_schema_extra=keys(REGIONS), description="A region key.")
    theme: str | None = Field(None, json_schema_extra=keys(THEMES), description="A theme key.")
    page: LenientInt = Field(None, description="The page, from 1; out of range values are brought within bounds.")
    per_page: LenientInt = Field(None, description="Items per page, 1 to 100 (20); out of range values are brought "
                                 "within bounds.")
