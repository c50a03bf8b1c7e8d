"""Believable dates for the demo: the organisations and people join a little over two years before the
seeding; each initiative begins somewhere in the two years that follow and its story unfolds over the
weeks after, each step at its own moment, the last one before the seeding. The rows are written with
these dates (app.core.columns.clock_at), never dated afterwards: the timelines stay append-only.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from app.core.columns import clock_at
from app.demo.world import DemoWorld

JOINED = timedelta(days=729)  # the organisations and accounts, before the seeding
EARLIEST, SPREAD = timedelta(days=60), 660  # initiatives begin between 60 and 719 days before the seeding
MARGIN = timedelta(hours=20)  # the last step of a story, at the latest this long before the seeding


def story_moments(variant: int, steps: int, now: datetime) -> list[datetime]:
    """When the initiative number `variant` is created, then when each of its `steps` steps happens: days
    to weeks apart, at varied hours, all before `now`."""
    created = now - EARLIEST - timedelta(days=(variant * 389) % SPREAD, hours=(variant * 7) % 10,
                                         minutes=(variant * 23) % 60)
    gaps = [timedelta(days=5 + (variant * 7 + i * 13) % 30, hours=(variant + 3 * i) % 9,
                      minutes=(variant * 17 + i * 29) % 60) for i in range(steps)]
    return _spaced(created, gaps, now)


def moments_after(start: datetime, count: int, variant: int, now: datetime) -> list[datetime]:
    """`count` moments after `start`, a few days apart, all before `now` (a need and its pledges)."""
    gaps = [timedelta(days=2 + (variant * 5 + i * 3) % 12, hours=(variant * 3 + i * 5) % 11,
                      minutes=(variant * 13 + i * 31) % 60) for i in range(count)]
    return _spaced(start, gaps, now)[1:]


def _spaced(start: datetime, gaps: list[timedelta], now: datetime) -> list[datetime]:
    """`start`, then each gap after the one before; the gaps shrink alike when they would reach `now`."""
    room, total = now - MARGIN - start, sum(gaps, timedelta())
    if total > room:
        gaps = [gap * (max(room, timedelta(0)) / total) for gap in gaps]
    moments = [start]
    for gap in gaps:
        moments.append(moments[-1] + gap)
    return moments


def as_of_joining(step: Callable[[DemoWorld], None]) -> Callable[[DemoWorld], None]:
    """A seeding step whose rows are dated JOINED before the seeding (the organisations, the accounts)."""

    @wraps(step)
    def dated(world: DemoWorld) -> None:
        with clock_at(world.now - JOINED):
            step(world)

    return dated
