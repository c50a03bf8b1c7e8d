"""Admin settings with their defaults: gate minimums and the minimum answer length."""

from sqlalchemy import select

from app.core.extensions import db
from app.gate.models import GECode, Setting

DEFAULTS = {
    "min_ge_incubating": GECode.GE1.value,
    "min_ge_active": GECode.GE1.value,
    "min_answer_length": "50",
    "flag_threshold": "3",
}


def get_setting(key: str) -> str:
    value = db.session.scalar(select(Setting.value).where(Setting.key == key))
    return value if value is not None else DEFAULTS[key]


def set_setting(key: str, value: str) -> None:
    """Store a setting; refuses (KeyError) a key that has no default."""
    if key not in DEFAULTS:
        raise KeyError(key)
    setting = db.session.get(Setting, key)
    if setting is None:
        db.session.add(Setting(key=key, value=value))
    else:
        setting.value = value
    db.session.flush()


def min_answer_length() -> int:
    return int(get_setting("min_answer_length"))


def min_ge_code(stage_key: str) -> GECode:
    return GECode(get_setting(f"min_ge_{stage_key}"))
