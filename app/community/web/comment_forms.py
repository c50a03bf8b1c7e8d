"""Forms of the comment and moderation pages. They parse input; the domain decides what is valid."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional, Regexp

from app.community.comments import BODY_MAX, REASON_MAX
from app.community.moderation import ACTIONS

COMMENT_HINT = _l(
    "Light Markdown: **bold**, *italics*, [a link](https://example.org), lists starting with '-', "
    "> quotes and `code`. Do not name children or give details that could identify them."
)
AN_ID = Regexp(r"^[0-9]{1,9}$", message=_l("This field is not valid."))


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        description=COMMENT_HINT,
        render_kw={"maxlength": BODY_MAX, "rows": 5},
    )
    parent_id = HiddenField(validators=[Optional(), AN_ID])
    update_id = HiddenField(validators=[Optional(), AN_ID])

    def ids(self) -> tuple[int | None, int | None]:
        """The parent and update ids posted (None when absent)."""
        return (
            int(self.parent_id.data) if self.parent_id.data else None,
            int(self.update_id.data) if self.update_id.data else None,
        )


class EditCommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        description=COMMENT_HINT,
        render_kw={"maxlength": BODY_MAX, "rows": 8},
    )


class FlagForm(FlaskForm):
    reason = StringField(
        _l("Why should a moderator look at this comment?"),
        description=_l("For example: it is insulting, it is advertising, it could put a child at risk."),
        render_kw={"maxlength": REASON_MAX},
    )


class DeleteCommentForm(FlaskForm):
    """A button (the CSRF token only)."""


class ModerateCommentForm(FlaskForm):
    action = HiddenField(validators=[AnyOf(ACTIONS)])
    reason = StringField(
        _l("Reason shown in place of the comment"),
        description=_l("Needed to hide the comment. Everyone reading the initiative sees it."),
        render_kw={"maxlength": REASON_MAX},
    )
    back = HiddenField(validators=[Optional(), AnyOf(("queue", "project"))])
