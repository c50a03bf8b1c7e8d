"""The public list of initiatives: filters, search, sorting and pages, in a GET form that needs no script."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

from app.core.cache import cached_page
from app.core.extensions import db
from app.core.pagination import page_arg
from app.gate.questions import GE_CODE_MEANINGS
from app.gate.workflow import STAGE_NAMES
from app.organisations.models import Organisation
from app.projects import discovery
from app.projects.models import PUBLIC_STAGES
from app.projects.search import MAX_QUERY_LENGTH
from app.projects.web.blueprint import bp
from app.reference.names import country_choices, region_choices, theme_choices
from app.resources.money import KIND_NAMES

PER_PAGE = 20
FILTERS = ("country", "region", "stage", "theme", "ge_code", "organisation", "need_kind")


class ProjectListForm(FlaskForm):
    """The list's filters, sent with GET (no CSRF token: it changes nothing)."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Search"),
        validators=[Optional(), Length(max=MAX_QUERY_LENGTH)],
        description=_l("Words from the title, summary or description. Accents and capitals do not matter."),
    )
    country = SelectField(_l("Country"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    stage = SelectField(_l("Stage"), validators=[Optional()])
    theme = SelectField(_l("Theme"), validators=[Optional()])
    ge_code = SelectField(
        _l("Gender-equality code"),
        validators=[Optional()],
        description=_l(
            "The code a reviewer gave when validating the assessment; before any review, the code the "
            "organisation gave itself."
        ),
    )
    organisation = SelectField(_l("Organisation"), validators=[Optional()])
    need_kind = SelectField(
        _l("Open need"),
        validators=[Optional()],
        description=_l("Initiatives that still need this kind of resource."),
    )
    sort = SelectField(
        _l("Sort by"),
        validators=[Optional()],
        description=_l("“Most in need” counts the open required needs first, then all open needs."),
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Visitors are offered the public stages; another one asked for in the address stays a filter
        # (which then shows nothing), never silently dropped.
        stages = [s for s in STAGE_NAMES if signed_in or s in PUBLIC_STAGES or s.value == self.stage.data]
        self.country.choices = [("", _l("All countries")), *country_choices()]
        self.region.choices = [("", _l("All regions")), *region_choices()]
        self.stage.choices = [("", _l("All stages")), *((s.value, STAGE_NAMES[s]) for s in stages)]
        self.theme.choices = [("", _l("All themes")), *theme_choices()]
        self.ge_code.choices = [("", _l("Any code")), *GE_CODE_MEANINGS.items()]
        self.organisation.choices = [("", _l("All organisations")), *organisation_choices()]
        self.need_kind.choices = [("", _l("Any or none")), *((k.value, name) for k, name in KIND_NAMES.items())]
        self.sort.choices = list(discovery.SORT_NAMES.items())

    def value(self, name: str) -> str | None:
        """The field's value when it is one of its choices, else None (no filter)."""
        field = self[name]
        valid = {key for key, _label in field.choices if key}
        return field.data if field.data in valid else None

    def filters(self) -> discovery.ProjectFilters:
        def one(name: str) -> list[str]:
            value = self.value(name)
            return [value] if value else []

        chosen = discovery.ProjectFilters(
            q=(self.q.data or "").strip(),
            countries=one("country"),
            regions=one("region"),
            stages=one("stage"),
            themes=one("theme"),
            ge_codes=one("ge_code"),
            organisations=one("organisation"),
            need_kinds=one("need_kind"),
            sort=self.value("sort") or "",
        )
        self.sort.data = chosen.chosen_sort
        return chosen

    def kept(self) -> dict[str, str]:
        """The query string that the page links keep: the search, every filter, the sort."""
        kept = {name: self.value(name) for name in (*FILTERS, "sort")}
        kept["q"] = (self.q.data or "").strip()
        return {name: value for name, value in kept.items() if value}


def organisation_choices() -> list[tuple[str, str]]:
    """The verified organisations by name (one query)."""
    rows = db.session.execute(
        select(Organisation.slug, Organisation.name)
        .where(Organisation.verified.is_(True))
        .order_by(func.lower(Organisation.name), Organisation.id)
    )
    return [(slug, name) for slug, name in rows]


@bp.get("/projects")
@cached_page
def index():
    """Every initiative the reader may view, filtered, searched, sorted, twenty to a page."""
    form = ProjectListForm(request.args, signed_in=current_user.is_authenticated)
    kept = form.kept()  # before filters(), which shows the sort in use in the sort field
    filters = form.filters()
    page = discovery.find_projects(current_user, filters, page=page_arg(), per_page=PER_PAGE)
    filtered = any(name in kept for name in (*FILTERS, "q"))
    return render_template(
        "projects/index.html",
        form=form,
        page=page,
        args=kept,
        filtered=filtered,
        searching=filters.searching,
        stage_names=STAGE_NAMES,
        kind_names=KIND_NAMES,
    )
