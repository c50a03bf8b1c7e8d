"""A token's name is checked by the domain, whoever asks: the account page, the command line, a script."""

import pytest
from sqlalchemy import func, select

from app.accounts.models import ApiToken, User
from app.accounts.tokens import NAME_MAX, TokenInvalid, create_token
from app.core.extensions import db


def token_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ApiToken))


def test_a_name_longer_than_the_column_is_refused_by_the_domain(app, make_user):
    person = make_user()
    with app.app_context():
        user = db.session.get(User, person.id)
        with pytest.raises(TokenInvalid) as refused:
            create_token(user, "x" * (NAME_MAX + 1))
        assert "80" in refused.value.errors["name"]
        db.session.rollback()
        assert create_token(user, "  " + "y" * NAME_MAX + "  ")  # the longest name, spaces trimmed
        db.session.rollback()


def test_the_command_line_refuses_a_long_name_with_a_message(app, runner, make_user):
    person = make_user()
    result = runner.invoke(args=["tokens", "create", person.email, "--name", "n" * 200])
    assert result.exit_code == 1
    assert "at most 80 characters" in result.output
    assert token_count(app) == 0
