"""Forms of the engagement pages: buttons (a CSRF token only), updates, milestones.

They parse input; the domain decides what is valid.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional

from app.community.updates import BODY_MAX, MODERATION_ACTIONS, TITLE_MAX


class ButtonForm(FlaskForm):
    """A button that changes something: support, follow, open a notification, mark read..."""


class UpdateForm(FlaskForm):
    title = StringField(_l("Title"), render_kw={"maxlength": TITLE_MAX})
    body = TextAreaField(
        _l("Update"),
        description=_l(
            "Written in Markdown: **bold**, *italics*, lists starting with '-', and links. "
            "Do not name children or give details that could identify them."
        ),
        render_kw={"maxlength": BODY_MAX, "rows": 10},
    )


class MilestoneForm(FlaskForm):
    title = StringField(_l("Milestone"), render_kw={"maxlength": TITLE_MAX})
    planned_date = DateField(
        _l("Planned date"), validators=[Optional()], format="%Y-%m-%d",
    )
    done_date = DateField(
        _l("Done on"),
        validators=[Optional()],
        format="%Y-%m-%d",
        description=_l("Leave empty while the milestone is not reached."),
    )


class ModerateUpdateForm(FlaskForm):
    action = StringField(validators=[AnyOf(MODERATION_ACTIONS)])
