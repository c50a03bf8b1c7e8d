"""The component schemas of the API's OpenAPI document (JSON Schema 2020-12, as OpenAPI 3.1 reads it).

Every enumeration is read from the code that checks it (stages, phases, question keys, countries,
regions, themes, languages, currencies...), so the document cannot drift from the handlers. Response
objects list every field the handlers' JSON builders write (`additionalProperties: false`); request
bodies refuse unknown fields, as app.api.payload.Reader does (422 `invalid`).
"""

from app.community.comments import BODY_MAX, REASON_MAX
from app.community.models import CommentStatus
from app.core.ids import MAX_ID
from app.gate.models import GECode, Phase, Verdict
from app.gate.questions import PERCENT, QUESTIONS
from app.projects.models import Stage
from app.projects.projects import CHILDREN_KEYS, SUMMARY_MAX, TARGET_GROUPS
from app.projects.projects import CURRENCIES as BUDGET_CURRENCIES
from app.reference.names import COUNTRIES, LANGUAGES, REGIONS, THEMES
from app.reports.stats import PUBLIC_SCOPE_STAGES, REVIEW_SCOPE_STAGES, REVIEW_STAGES
from app.resources.models import NeedKind, NeedStatus, OfferStatus, PledgeStatus
from app.resources.money import CURRENCIES, HOURS, UNIT_MAX

STAGES = [s.value for s in Stage]
PHASES = [p.value for p in Phase]
GE_CODES = [c.value for c in GECode]
VERDICTS = [v.value for v in Verdict]
COUNTRY_CODES = list(COUNTRIES)
REGION_KEYS = list(REGIONS)
THEME_KEYS = list(THEMES)
LANGUAGE_CODES = list(LANGUAGES)
QUESTION_KINDS = {q.key: q.kind for phase in Phase for q in QUESTIONS[phase]}
CHILDREN_MAX = 10_000_000


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """`schema` or null: a type list when the schema has a type, `anyOf` otherwise (e.g. a $ref)."""
    if "type" in schema and "enum" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "type": [schema.get("type", "string"), "null"], "enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, required=None, **extra) -> dict:
    """A closed object: every property listed, those in `required` (all by default) always present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else list(required),
        "additionalProperties": False,
        **extra,
    }


def enum(values, **extra) -> dict:
    return {"type": "string", "enum": list(values), **extra}


def array(items: dict, **extra) -> dict:
    return {"type": "array", "items": items, **extra}


def page_of(item: str, description: str) -> dict:
    """The page wrapper of the paginated lists: `{items, page, per_page, total}`."""
    return obj(
        {
            "items": array(ref(item)),
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer", "minimum": 0},
        },
        description=description,
    )


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
MOMENT = {"type": "string", "format": "date-time", "description": "ISO 8601 in UTC, e.g. 2025-03-01T09:30:00Z."}
DAY = {"type": "string", "format": "date"}
STAGE = enum(STAGES, description="A stage key (see DESIGN.md, 'Projects and the stage gate').")
GE_CODE = enum(GE_CODES)
AMOUNT = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$", "description": "A decimal amount, two decimals."}
NAME_ONLY = obj({"name": STRING})

ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "description": "`{field, message}` for a wrong field, `{rule}` for an unmet rule of a gate.",
        "properties": {"field": STRING, "message": STRING, "rule": STRING},
        "additionalProperties": False,
    },
    "Error": obj(
        {
            "error": obj(
                {
                    "code": {"type": "string", "pattern": "^[a-z_]+$"},
                    "message": {"type": "string", "minLength": 1},
                    "details": array(ref("ErrorDetail")),
                }
            )
        },
        description="Every error of the API: a stable `code`, a sentence for people, and details.",
    ),
}

ORGANISATION_SCHEMAS = {
    "Organisation": obj(
        {
            "slug": STRING,
            "name": STRING,
            "country": enum(COUNTRY_CODES),
            "region": enum(REGION_KEYS),
            "description": STRING,
            "website": STRING,
            "themes": array(enum(THEME_KEYS)),
            "verified": {"type": "boolean"},
            "owners": {"type": "integer", "minimum": 0, "description": "Its active owners."},
            "members": {"type": "integer", "minimum": 0, "description": "Its active members (owners apart)."},
            "public_projects": {"type": "integer", "minimum": 0, "description": "Its projects in a public stage."},
        },
        description="An organisation of the directory (verified organisations only).",
    ),
    "OrganisationPage": page_of("Organisation", "One page of the organisation directory, by name."),
}

CHILDREN = obj(
    {key: {"type": "integer", "minimum": 0, "maximum": CHILDREN_MAX} for key in CHILDREN_KEYS},
    description="Children reached, by sex and age band.",
)
PROJECT_FIELDS = {
    "id": ID,
    "title": STRING,
    "summary": STRING,
    "organisation": obj({"slug": STRING, "name": STRING}),
    "country": enum(COUNTRY_CODES),
    "region": enum(REGION_KEYS),
    "themes": array(enum(THEME_KEYS)),
    "language": enum(LANGUAGE_CODES),
    "target_groups": array(enum(TARGET_GROUPS)),
    "girls_focused": {"type": "boolean"},
    "children": CHILDREN,
    "children_total": {"type": "integer", "minimum": 0},
    "start_date": nullable(DAY),
    "end_date": nullable(DAY),
    "budget_amount": nullable(AMOUNT),
    "budget_currency": nullable(enum(BUDGET_CURRENCIES)),
    "stage": STAGE,
    "stage_name": STRING,
    "stage_changed_at": MOMENT,
    "version": {"type": "integer", "minimum": 1},
    "ge_code": {**nullable(GE_CODE), "description": "The reviewer's code of the latest reviewed assessment."},
    "created_at": MOMENT,
    "updated_at": MOMENT,
}

# What a request may write; Reader refuses any other field (422 `invalid`).
PROJECT_INPUT = {
    "title": {"type": "string", "minLength": 1, "maxLength": 200},
    "summary": {"type": "string", "minLength": 1, "maxLength": SUMMARY_MAX},
    "description": STRING,
    "country": enum(COUNTRY_CODES),
    "themes": array(enum(THEME_KEYS), minItems=1),
    "language": enum(LANGUAGE_CODES),
    "target_groups": array(enum(TARGET_GROUPS)),
    "girls_focused": {"type": "boolean"},
    "children": {**CHILDREN, "required": [], "description": "Merged key by key into the current counts."},
    "start_date": nullable(DAY),
    "end_date": nullable(DAY),
    "budget_amount": {
        "type": ["string", "number", "null"],
        "description": 'A number or a decimal string such as "1500.50", from 0 to 999,999,999,999.',
    },
    "budget_currency": {**nullable(enum(BUDGET_CURRENCIES)), "description": "Required with a budget amount."},
}

PROJECT_SCHEMAS = {
    "ProjectSummary": obj(
        {
            **PROJECT_FIELDS,
            "self_assessed_ge_code": {**nullable(GE_CODE), "description": "The organisation's own code, of its "
                                      "newest assessment version that has one."},
            "supports": {"type": "integer", "minimum": 0, "description": "How many people support it."},
            "open_needs": {"type": "integer", "minimum": 0, "description": "How many of its needs are open."},
        },
        description="A project as the list shows it.",
    ),
    "Project": obj(
        {**PROJECT_FIELDS, "description": STRING, "description_html": STRING},
        description="A project, with its description (Markdown, and the sanitised HTML made from it).",
    ),
    "ProjectPage": page_of("ProjectSummary", "One page of the projects the caller may view."),
    "ProjectCreate": obj(
        {"organisation": {"type": "string", "description": "The slug of a verified organisation."},
         **PROJECT_INPUT},
        required=("organisation", "title", "summary", "country", "themes"),
        description="A new project, created in stage `draft`.",
    ),
    "ProjectEdit": obj(
        {"version": {"type": "integer", "description": "The version last read; a stale one is 409 `conflict`."},
         **PROJECT_INPUT},
        required=("version",),
        description="The fields to change; a field left out keeps its value.",
    ),
}


def answer_schema(key: str) -> dict:
    if QUESTION_KINDS[key] == PERCENT:
        return {
            "type": ["number", "string", "null"],
            "minimum": 0,
            "maximum": 100,
            "description": "A percentage from 0 to 100 (a number, or a string such as \"42.5\").",
        }
    return {"type": ["string", "null"], "maxLength": 10_000}


QUESTION_COMMENTS = {
    "type": "object",
    "additionalProperties": {"type": ["string", "null"], "maxLength": 5000},
    "description": "Comments on single questions, by question key, shown beside each question; a refused "
    "one is reported under the field `comment_on_<key>`.",
}

REVIEW_FIELDS = {
    "verdict": enum(VERDICTS),
    "ge_code": GE_CODE,
    "comment": STRING,
    "question_comments": QUESTION_COMMENTS,
    "reviewer": obj({"name": nullable(STRING)}),
    "created_at": MOMENT,
}

ASSESSMENT_SCHEMAS = {
    "Review": obj(REVIEW_FIELDS, description="A reviewer's validation of one assessment version."),
    "ReviewCreated": obj(
        {"phase": enum(PHASES), "version": {"type": "integer", "minimum": 1}, **REVIEW_FIELDS},
        description="The review just recorded, with the phase and version it validates.",
    ),
    "Assessment": obj(
        {
            "id": ID,
            "phase": enum(PHASES),
            "version": {"type": "integer", "minimum": 1},
            "answers": {
                "type": "object",
                "propertyNames": {"enum": list(QUESTION_KINDS)},
                "additionalProperties": {"type": ["string", "number"]},
                "description": "Question key → answer (text, or a number for a percentage).",
            },
            "ge_code": nullable(GE_CODE),
            "justification": STRING,
            "created_at": MOMENT,
            "updated_at": MOMENT,
            "submitted_at": nullable(MOMENT),
            "under_review": {"type": "boolean"},
            "frozen": {"type": "boolean"},
            "review": nullable(ref("Review")),
            "completeness": obj(
                {
                    "answered": {"type": "integer", "minimum": 0},
                    "required": {"type": "integer", "minimum": 0},
                    "problems": array(STRING),
                }
            ),
        },
        description="One version of a project's gender-equality assessment for one phase.",
    ),
    "AssessmentList": obj({"items": array(ref("Assessment"))}, description="Every version, oldest first."),
    "AssessmentSave": obj(
        {
            "answers": obj(
                {key: answer_schema(key) for key in QUESTION_KINDS},
                required=(),
                description="Merged into the version: a key left out keeps its answer; null or \"\" clears it. "
                "Only the phase's own question keys are accepted.",
            ),
            "ge_code": {**nullable(enum([*GE_CODES, ""])), "description": "null or \"\" clears it."},
            "justification": nullable(STRING),
        },
        required=(),
        description="Answers to save, partially or completely.",
    ),
    "ReviewRequest": obj(
        {"verdict": enum(VERDICTS), "ge_code": GE_CODE, "comment": {"type": "string", "minLength": 1},
         "question_comments": QUESTION_COMMENTS},
        required=("verdict", "ge_code", "comment"),
        description="A reviewer's validation of the version waiting for review.",
    ),
}

ACTOR = {
    "anyOf": [obj({"id": ID, "name": STRING}), NAME_ONLY, {"type": "null"}],
    "description": "Who made the change: with their id for the private side of the project, null when unknown.",
}

WORKFLOW_SCHEMAS = {
    "Event": obj(
        {
            "id": ID,
            "created_at": MOMENT,
            "from": nullable(STAGE),
            "to": STAGE,
            "actor": ACTOR,
            "note": {**nullable(STRING), "description": "Only for the private side of the project (null otherwise)."},
            "assessment_version": nullable({"type": "integer", "minimum": 1}),
        },
        description="One stage change of the audit trail.",
    ),
    "EventList": obj({"items": array(ref("Event"))}, description="The audit trail, oldest first."),
    "TransitionRequest": obj(
        {
            "to": STAGE,
            "note": {**nullable(STRING), "description": "Required for the moves that need a note."},
            "version": {"type": "integer", "description": "Optional; a stale one is 409 `conflict`."},
        },
        required=("to",),
    ),
    "TransitionResult": obj({"stage": STAGE, "version": {"type": "integer", "minimum": 1}, "event": ref("Event")}),
}

COMMENT_FIELDS = {
    "id": ID,
    "project_id": ID,
    "update_id": nullable(ID),
    "parent_id": nullable(ID),
    "depth": {"type": "integer", "minimum": 1, "maximum": 3},
    "status": enum([s.value for s in CommentStatus]),
    "body": {**nullable(STRING), "description": "Markdown; null for a placeholder."},
    "body_html": nullable(STRING),
    "author": nullable(NAME_ONLY),
    "created_at": MOMENT,
    "edited_at": nullable(MOMENT),
    "placeholder": {**nullable(STRING), "description": "Why the text is not shown (null when it is)."},
    "moderation_reason": {"type": "string", "description": "Only for a comment a moderator hid."},
}
COMMENT_REQUIRED = [key for key in COMMENT_FIELDS if key != "moderation_reason"]

COMMENT_SCHEMAS = {
    "Comment": obj(COMMENT_FIELDS, required=COMMENT_REQUIRED, description="A comment, or its placeholder."),
    "CommentCreated": obj(
        {**COMMENT_FIELDS, "message": STRING},
        required=[*COMMENT_REQUIRED, "message"],
        description="The comment just posted; `status` is `held` (and `message` says why) when the "
        "safeguarding screen holds it.",
    ),
    "CommentList": obj(
        {"items": array(ref("Comment")), "total": {"type": "integer", "minimum": 0}},
        description="The discussion in reading order: each comment followed by its replies.",
    ),
    "CommentRequest": obj(
        {
            "body": {"type": "string", "minLength": 1, "maxLength": BODY_MAX, "description": "Light Markdown."},
            "parent_id": {**nullable(ID), "description": "The comment answered (replies go 3 levels deep)."},
            "update_id": {**nullable(ID), "description": "A published update of the project, to comment on it."},
        },
        required=("body",),
    ),
    "FlagRequest": obj({"reason": {"type": "string", "minLength": 1, "maxLength": REASON_MAX}}),
    "FlagResult": obj(
        {
            "comment_id": ID,
            "reason": STRING,
            "comment_status": enum([s.value for s in CommentStatus]),
            "message": STRING,
        }
    ),
}


NEED_KINDS = [k.value for k in NeedKind]
PLEDGE_STATUSES = [s.value for s in PledgeStatus]
QUANTITY = {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$",
            "description": "Plain notation, with the unit's own precision: \"1500\" XOF, \"12.50\" hours."}
QUANTITY_INPUT = {"type": ["number", "string"],
                  "description": "Greater than zero: a number, or a string in plain notation such as \"1500.50\"; "
                  "never more decimals than the unit has."}
UNIT = {"type": "string", "maxLength": UNIT_MAX,
        "description": f"For funding an ISO 4217 code ({', '.join(CURRENCIES)}), for volunteer time "
        f"`{HOURS}`, otherwise what the quantity counts."}
UNIT_BY_KIND = [
    {"if": {"properties": {"kind": {"const": NeedKind.FUNDING.value}}},
     "then": {"properties": {"unit": enum(CURRENCIES)}}},
    {"if": {"properties": {"kind": {"const": NeedKind.VOLUNTEER_TIME.value}}},
     "then": {"properties": {"unit": {"const": HOURS}}}},
]
ORGANISATION_REF = nullable(obj({"slug": STRING, "name": STRING}))
NEED_INPUT = {
    "kind": enum(NEED_KINDS),
    "title": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": STRING,
    "quantity": QUANTITY_INPUT,
    "unit": {**UNIT, "description": UNIT["description"] + " Ignored for volunteer time."},
    "required": {"type": "boolean", "description": "Required (true, the default) or optional."},
}

RESOURCE_SCHEMAS = {
    "Pledge": obj(
        {
            "id": ID,
            "need_id": ID,
            "project_id": ID,
            "quantity": QUANTITY,
            "unit": UNIT,
            "status": enum(PLEDGE_STATUSES),
            "organisation": {**ORGANISATION_REF, "description": "The organisation pledged on behalf of."},
            "pledger": nullable(obj({"id": ID, "name": STRING})),
            "message": STRING,
            "offer_id": {**nullable(ID), "description": "The offer of the pool it came from."},
            "created_at": MOMENT,
            "updated_at": MOMENT,
            "moves": {**nullable(array(enum(PLEDGE_STATUSES))),
                      "description": "The statuses the caller may move it to now (null inside a need)."},
        },
        description="A pledge; seen only by its pledger, the project's partners and admins.",
    ),
    "NeedProgress": obj(
        {
            "committed": {**QUANTITY, "description": "Accepted and fulfilled."},
            "fulfilled": QUANTITY,
            "waiting": {**QUANTITY, "description": "Pledged, not yet decided."},
            "over": {**QUANTITY, "description": "How far the committed quantity went past the target."},
            "percent": {"type": "integer", "minimum": 0, "maximum": 100},
            "pledge_count": {"type": "integer", "minimum": 0},
        }
    ),
    "Need": obj(
        {
            "id": ID,
            "project_id": ID,
            "kind": enum(NEED_KINDS),
            "title": STRING,
            "description": STRING,
            "quantity": QUANTITY,
            "unit": UNIT,
            "required": {"type": "boolean"},
            "status": enum([s.value for s in NeedStatus]),
            "created_at": MOMENT,
            "closed_at": nullable(MOMENT),
            "progress": ref("NeedProgress"),
            "pledges": {**nullable(array(ref("Pledge"))),
                        "description": "For the project's partners and admins; null for everyone else."},
        },
        allOf=UNIT_BY_KIND,
        description="A need of a project.",
    ),
    "NeedList": obj(
        {
            "items": array(ref("Need")),
            "totals": array(
                obj({"kind": enum(NEED_KINDS), "unit": UNIT, "target": QUANTITY, "committed": QUANTITY,
                     "fulfilled": QUANTITY}, allOf=UNIT_BY_KIND),
                description="Per kind and unit (one line per currency: amounts are never converted).",
            ),
        },
        description="The needs, open first, and the totals.",
    ),
    "NeedCreate": obj(NEED_INPUT, required=("kind", "title", "quantity"), description="A new open need."),
    "NeedEdit": obj(NEED_INPUT, required=(), description="The fields to change (kind and unit are fixed once "
                    "the need has pledges)."),
    "PledgeCreate": obj(
        {
            "quantity": {**QUANTITY_INPUT, "description": "In the need's unit. " + QUANTITY_INPUT["description"]},
            "message": nullable(STRING),
            "organisation": {**nullable(STRING), "description": "The slug of an organisation the caller is an "
                             "active member of, to pledge on its behalf."},
        },
        required=("quantity",),
    ),
    "PledgeStatusRequest": obj({"status": enum(PLEDGE_STATUSES)}),
    "Offer": obj(
        {
            "id": ID,
            "kind": enum(NEED_KINDS),
            "title": STRING,
            "description": STRING,
            "quantity": QUANTITY,
            "unit": UNIT,
            "countries": array(enum(COUNTRY_CODES)),
            "expires_on": DAY,
            "status": enum([s.value for s in OfferStatus]),
            "organisation": ORGANISATION_REF,
            "created_at": MOMENT,
        },
        allOf=UNIT_BY_KIND,
        description="An offer of the resource pool (it names its organisation, never the person).",
    ),
    "OfferPage": page_of("Offer", "One page of the open offers, soonest expiry first."),
    "OfferCreate": obj(
        {
            **{key: value for key, value in NEED_INPUT.items() if key != "required"},
            "countries": array(enum(COUNTRY_CODES), minItems=1, description="Where it is available."),
            "expires_on": {**DAY, "description": "From today to two years ahead."},
            "organisation": nullable(STRING),
        },
        required=("kind", "title", "quantity", "countries", "expires_on"),
        description="A new offer to the pool.",
    ),
}


COUNT = {"type": "integer", "minimum": 0}
DAYS = nullable({"type": "number", "minimum": 0, "description": "Days, one decimal; null when nothing to measure."})


def counts(stages) -> dict:
    """Projects counted by stage, country and region: every key present, zeros included."""
    return {
        "total": COUNT,
        "by_stage": obj({stage.value: COUNT for stage in stages}),
        "by_country": obj(dict.fromkeys(COUNTRY_CODES, COUNT)),
        "by_region": obj(dict.fromkeys(REGION_KEYS, COUNT)),
    }


STATS_SCHEMAS = {
    "Stats": obj(
        {
            "projects": obj(counts(PUBLIC_SCOPE_STAGES), description="The projects standing in a public stage."),
            "review": ref("ReviewStats"),
        },
        required=("projects",),
        description="The dashboards' figures; `review` only for a reviewer's or an admin's token.",
    ),
    "ReviewStats": obj(
        {
            "projects": obj(
                {**counts(REVIEW_SCOPE_STAGES), "girls_focused": COUNT,
                 "girls_focused_share": nullable({"type": "number", "minimum": 0, "maximum": 1})},
                description="Every project but drafts.",
            ),
            "ge_codes": obj(
                {"by_code": obj(dict.fromkeys(GE_CODES, COUNT), description="By the reviewer's code of the newest "
                                "review."),
                 "not_reviewed": COUNT}
            ),
            "review_time": obj(
                {
                    "by_stage": obj({
                        stage.value: obj({"waiting": COUNT, "median_days_waiting": DAYS,
                                          "longest_days_waiting": DAYS, "finished": COUNT,
                                          "median_days_finished": DAYS})
                        for stage in REVIEW_STAGES
                    }),
                    "finished": COUNT,
                    "median_days_finished": DAYS,
                }
            ),
            "resources": array(
                obj({"kind": enum(NEED_KINDS), "unit": UNIT, "needs": COUNT, "target": QUANTITY,
                     "pledged": QUANTITY, "fulfilled": QUANTITY, "pledges": COUNT}, allOf=UNIT_BY_KIND),
                description="Per kind and unit (one line per currency: amounts are never converted).",
            ),
            "participation": obj(
                {"comments": COUNT, "supports": COUNT, "follows": COUNT, "pledges": COUNT, "active_people": COUNT,
                 "active_days": {"type": "integer", "minimum": 1, "description": "The period of active_people."}}
            ),
        },
        description="The reviewers' figures, over every project but drafts.",
    ),
}


def schemas() -> dict:
    """Every component schema, by name."""
    return {
        **ERROR_SCHEMAS,
        **ORGANISATION_SCHEMAS,
        **PROJECT_SCHEMAS,
        **ASSESSMENT_SCHEMAS,
        **WORKFLOW_SCHEMAS,
        **COMMENT_SCHEMAS,
        **RESOURCE_SCHEMAS,
        **STATS_SCHEMAS,
    }
