"""Admin: the gate settings (minimum reviewer gender-equality codes, minimum answer length)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import AnyOf, ValidationError

from app import permissions
from app.admin.web.blueprint import bp
from app.gate import settings
from app.gate.questions import GE_CODE_MEANINGS
from app.gate.workflow import STAGE_NAMES
from app.projects.models import Stage

SETTING_KEYS = ("min_ge_incubating", "min_ge_active", "min_answer_length", "flag_threshold")
FLAG_THRESHOLD_MIN, FLAG_THRESHOLD_MAX = 1, 50
ANSWER_LENGTH_MIN, ANSWER_LENGTH_MAX = 10, 1000
CHOOSE_CODE = _l("Choose a gender-equality code from the list.")


def ge_code_field(stage: Stage) -> SelectField:
    return SelectField(
        _l("Minimum reviewer's gender-equality code to move to '%(stage)s'", stage=STAGE_NAMES[stage]),
        choices=[SelectChoice(code, meaning) for code, meaning in GE_CODE_MEANINGS.items()],
        validate_choice=False,
        validators=[AnyOf(list(GE_CODE_MEANINGS), message=CHOOSE_CODE)],
    )


class GateSettingsForm(FlaskForm):
    min_ge_incubating = ge_code_field(Stage.INCUBATING)
    min_ge_active = ge_code_field(Stage.ACTIVE)
    min_answer_length = StringField(
        _l("Minimum length of a required answer (characters)"),
        description=_l("A whole number from %(min)d to %(max)d, counted after trimming spaces.",
                       min=ANSWER_LENGTH_MIN, max=ANSWER_LENGTH_MAX),
        render_kw={"inputmode": "numeric", "required": True},
    )

    flag_threshold = StringField(
        _l("Reports that hide a comment until a moderator decides"),
        description=_l("A whole number from %(min)d to %(max)d.", min=FLAG_THRESHOLD_MIN, max=FLAG_THRESHOLD_MAX),
        render_kw={"inputmode": "numeric", "required": True},
    )

    def validate_flag_threshold(self, field) -> None:
        check_whole_number(field, FLAG_THRESHOLD_MIN, FLAG_THRESHOLD_MAX)

    def validate_min_answer_length(self, field) -> None:
        check_whole_number(field, ANSWER_LENGTH_MIN, ANSWER_LENGTH_MAX)


def check_whole_number(field, low: int, high: int) -> None:
    """Refuses anything but a whole number (ASCII digits) from `low` to `high`."""
    text = (field.data or "").strip()
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise ValidationError(_("Enter a whole number from %(min)d to %(max)d.") % {"min": low, "max": high})


@bp.route("/settings", methods=["GET", "POST"], endpoint="settings")
@login_required
def gate_settings():
    """The requirements to move on that admins set; admins only (403 for everyone else)."""
    if not permissions.can_change_gate_settings(current_user):
        abort(403)
    form = GateSettingsForm(data={key: settings.get_setting(key) for key in SETTING_KEYS})
    if form.validate_on_submit():
        settings.set_setting("min_ge_incubating", form.min_ge_incubating.data)
        settings.set_setting("min_ge_active", form.min_ge_active.data)
        settings.set_setting("min_answer_length", str(int(form.min_answer_length.data.strip())))
        settings.set_setting("flag_threshold", str(int(form.flag_threshold.data.strip())))
        flash(_("The gate settings were saved."), "success")
        return redirect(url_for("admin.settings"))
    return render_template("admin/settings.html", form=form), 422 if form.errors else 200
