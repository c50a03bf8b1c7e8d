"""Progress: how far the pledges meet each need, and a project's totals per kind and unit (each currency
on its own line, never added to another).
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select

from app.core.extensions import db
from app.projects.models import Project
from app.resources.models import Need, NeedKind, Pledge, PledgeStatus

COMMITTED_STATUSES = frozenset({PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED})
# The pledges that count in a need's progress (declined, withdrawn and closed ones do not).
LIVE_STATUSES = (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED)
QUANTUM = Decimal("0.001")


@dataclass(frozen=True)
class NeedProgress:
    """A need's progress: `committed` is accepted + fulfilled, `fulfilled` alone, `waiting` is pledged
    and not yet decided; `over` is how far committed exceeds the target (0 when it does not)."""

    need_id: int
    target: Decimal
    committed: Decimal
    fulfilled: Decimal
    waiting: Decimal
    pledge_count: int

    @property
    def over(self) -> Decimal:
        return max(self.committed - self.target, Decimal(0))

    @property
    def percent(self) -> int:
        """Committed against the target, 0–100 (capped; `over` says by how much it went past)."""
        if self.target <= 0:
            return 0
        return int(min(self.committed * 100 / self.target, Decimal(100)))


@dataclass(frozen=True)
class Total:
    """The sum over a project's needs of one (kind, unit): one per currency for funding, never mixed."""

    kind: NeedKind
    unit: str
    target: Decimal
    committed: Decimal
    fulfilled: Decimal


def progress_of(needs: list[Need]) -> dict[int, NeedProgress]:
    """need id → NeedProgress, for all the given needs in ONE grouped query."""
    needs = list(needs)
    if not needs:
        return {}
    rows = db.session.execute(
        select(Pledge.need_id, Pledge.status, func.sum(Pledge.quantity), func.count(Pledge.id))
        .where(Pledge.need_id.in_([need.id for need in needs]), Pledge.status.in_(LIVE_STATUSES))
        .group_by(Pledge.need_id, Pledge.status)
    ).all()
    sums: dict[int, dict[PledgeStatus, tuple[Decimal, int]]] = {}
    for need_id, status, amount, count in rows:
        sums.setdefault(need_id, {})[PledgeStatus(status)] = (_decimal(amount), count)
    answer = {}
    for need in needs:
        found = sums.get(need.id, {})
        amount = {status: found.get(status, (Decimal(0), 0))[0] for status in LIVE_STATUSES}
        answer[need.id] = NeedProgress(
            need_id=need.id,
            target=_decimal(need.quantity),
            committed=amount[PledgeStatus.ACCEPTED] + amount[PledgeStatus.FULFILLED],
            fulfilled=amount[PledgeStatus.FULFILLED],
            waiting=amount[PledgeStatus.PLEDGED],
            pledge_count=sum(count for _amount, count in found.values()),
        )
    return answer


def totals_of(project: Project) -> list[Total]:
    """Per (kind, unit) sums over the project's needs (closed ones included), funding currencies each
    on their own line, in one query."""
    committed = case((Pledge.status.in_(COMMITTED_STATUSES), Pledge.quantity), else_=0)
    fulfilled = case((Pledge.status == PledgeStatus.FULFILLED, Pledge.quantity), else_=0)
    per_need = (
        select(Pledge.need_id, func.sum(committed).label("committed"), func.sum(fulfilled).label("fulfilled"))
        .where(Pledge.project_id == project.id)
        .group_by(Pledge.need_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Need.kind,
            Need.unit,
            func.sum(Need.quantity),
            func.sum(func.coalesce(per_need.c.committed, 0)),
            func.sum(func.coalesce(per_need.c.fulfilled, 0)),
        )
        .outerjoin(per_need, per_need.c.need_id == Need.id)
        .where(Need.project_id == project.id)
        .group_by(Need.kind, Need.unit)
    ).all()
    order = list(NeedKind)
    totals = [
        Total(kind=NeedKind(kind), unit=unit, target=_decimal(target), committed=_decimal(done),
              fulfilled=_decimal(full))
        for kind, unit, target, done, full in rows
    ]
    return sorted(totals, key=lambda t: (order.index(t.kind), t.unit))


def _decimal(value) -> Decimal:
    """A sum read from the database as an exact Decimal (SQLite may answer a float or None)."""
    if value is None:
        return Decimal(0)
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(QUANTUM)
