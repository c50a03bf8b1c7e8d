"""The password policy, and a constant-cost check for log-ins with an unknown e-mail."""

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from app.core.errors import DomainError

MIN_LENGTH = 10
MAX_LENGTH = 256  # forms refuse longer input before hashing it
MIN_PART_LENGTH = 3  # shorter parts of an e-mail or a name are too common to refuse
COMMON_PASSWORDS: frozenset[str] = frozenset(p.casefold() for p in FREQUENCY_LISTS["passwords"])
NAME_WORD_RE = re.compile(r"[^\W_]+")


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    COMMON = "common"
    CONTAINS_EMAIL = "contains_email"
    CONTAINS_NAME = "contains_name"

    @property
    def message(self) -> str:
        """The problem in the current language."""
        if self is PasswordProblem.TOO_SHORT:
            return _("Use at least %(count)d characters.", count=MIN_LENGTH)
        if self is PasswordProblem.COMMON:
            return _("This password is too common and easy to guess. Please choose another one.")
        if self is PasswordProblem.CONTAINS_EMAIL:
            return _("The password must not contain your e-mail address.")
        return _("The password must not contain your name.")


class WeakPassword(DomainError):
    """A password refused by the policy; `problems` says why."""

    def __init__(self, problems: list[PasswordProblem]):
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return [p.message for p in self.problems]


def password_problems(password: str, *, email: str = "", name: str = "") -> list[PasswordProblem]:
    """Every rule `password` breaks (an empty list when it is acceptable).

    Refused: fewer than 10 characters; one of zxcvbn's 30,000 common passwords;
    containing the e-mail's local part (3 characters or more); containing the
    display name or one of its words (3 characters or more). Case and accents
    are ignored ("Jose" matches "José").
    """
    problems = []
    folded = fold(password)
    if len(password or "") < MIN_LENGTH:
        problems.append(PasswordProblem.TOO_SHORT)
    if (password or "").casefold() in COMMON_PASSWORDS or folded in COMMON_PASSWORDS:
        problems.append(PasswordProblem.COMMON)
    local_part = fold((email or "").strip().rpartition("@")[0])
    if len(local_part) >= MIN_PART_LENGTH and local_part in folded:
        problems.append(PasswordProblem.CONTAINS_EMAIL)
    if any(part in folded for part in name_parts(name)):
        problems.append(PasswordProblem.CONTAINS_NAME)
    return problems


def fold(text: str) -> str:
    """`text` without case and accents, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_parts(name: str) -> set[str]:
    """The name as written, without spaces, and each of its words: the parts of 3+ characters, folded."""
    folded = fold(name).strip()
    words = NAME_WORD_RE.findall(folded)
    parts = {folded, "".join(folded.split()), *words}
    return {p for p in parts if len(p) >= MIN_PART_LENGTH}


def require_acceptable(password: str, *, email: str = "", name: str = "") -> None:
    """Refuse (WeakPassword) a password that breaks any rule of password_problems()."""
    problems = password_problems(password, email=email, name=name)
    if problems:
        raise WeakPassword(problems)


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not a real password, only for timing", method=method)


def spend_password_check_time(password: str) -> None:
    """Check `password` against a throw-away hash, so that an unknown e-mail costs as much as a known one."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    check_password_hash(_dummy_hash(method), password or "")


def spend_password_hash_time(password: str) -> None:
    """Hash `password` and forget it, so that a refused registration costs as much as an accepted one."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    generate_password_hash(password or "", method=method)
