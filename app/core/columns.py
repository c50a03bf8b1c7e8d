"""Column types shared by the models, and the clock their dates are read from."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum, TypeDecorator

_SET_CLOCK: ContextVar[datetime | None] = ContextVar("set_clock", default=None)


def utcnow() -> datetime:
    """Now, in UTC; inside `clock_at(moment)`, that moment."""
    return _SET_CLOCK.get() or datetime.now(UTC)


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Within the block, utcnow() answers `moment`: what is written there is dated as if done then (the
    demo seeds its past this way, each row with its own date, none rewritten afterwards)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given; use an aware UTC datetime")
    token = _SET_CLOCK.set(moment)
    try:
        yield
    finally:
        _SET_CLOCK.reset(token)


class UTCDateTime(TypeDecorator):
    """A point in time, stored as naive UTC and always read back as aware UTC.

    SQLite keeps no time zone; PostgreSQL does. This type makes both behave alike.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_type(enum_cls: type[StrEnum], name: str) -> Enum:
    """A string column holding an enum's values, with a CHECK constraint on both databases."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )
