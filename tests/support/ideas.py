"""Helpers for calls for ideas and ideas, through the real domain functions."""

from datetime import timedelta

from app.core.columns import utcnow
from app.ideas import calls, ideas
from app.ideas.models import Call, CallStatus, Idea

DAY = timedelta(days=1)

# (opens, ideas close, proposals close), in days from now, for each status.
DATES = {
    CallStatus.UPCOMING: (5, 20, 40),
    CallStatus.OPEN_FOR_IDEAS: (-5, 10, 30),
    CallStatus.OPEN_FOR_PROPOSALS: (-30, -5, 20),
    CallStatus.CLOSED: (-60, -30, -2),
}


def call_data(status: CallStatus = CallStatus.OPEN_FOR_IDEAS, **changes) -> calls.CallData:
    now = utcnow()
    opens, ideas_close, proposals_close = (now + n * DAY for n in DATES[status])
    values = dict(
        title="Safer roads to school",
        question="How might we make the way to school safer for girls?",
        description="Walking to school is **risky** in many places.",
        themes=["child_protection"],
        regions=["sub_saharan_africa"],
        countries=[],
        opens_at=opens,
        ideas_close_at=ideas_close,
        proposals_close_at=proposals_close,
    )
    values.update(changes)
    return calls.CallData(**values)


def idea_data(**changes) -> ideas.IdeaData:
    values = dict(
        title="Walking buses led by mothers",
        body="Groups of children walk together with **two mothers** on a fixed route.",
        country="SN",
        themes=["child_protection"],
        language="en",
    )
    values.update(changes)
    return ideas.IdeaData(**values)


def new_call(actor, status: CallStatus = CallStatus.OPEN_FOR_IDEAS, **changes) -> Call:
    return calls.open_call(actor, call_data(status, **changes))


def new_idea(author, **changes) -> Idea:
    return ideas.post_idea(author, idea_data(**changes)).idea


def move_call(call: Call, status: CallStatus) -> None:
    """Set the call's dates so that it stands in `status` now (as time passing would)."""
    now = utcnow()
    call.opens_at, call.ideas_close_at, call.proposals_close_at = (now + n * DAY for n in DATES[status])
