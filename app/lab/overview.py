""""My lab": what needs a signed-in person now, gathered in a fixed number of queries whatever the
amount of data (each list is read once, limited, with one row more than it shows to know whether
there is more).

- drafts to finish: their organisations' initiatives in draft or changes requested (partners);
- reviews waiting: the review queue (reviewers: their regions; admins: every region);
- pledges to decide: pledges still waiting for an answer on their organisations' needs (partners);
- their own open pledges (pledged or accepted);
- their unread notifications.

Open calls for ideas belong here too once calls exist: see CALLS_SLOT.
"""

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload, lazyload

from app import permissions
from app.accounts.models import User
from app.community.models import Notification
from app.core.extensions import db
from app.gate import reviewing
from app.organisations.models import Organisation
from app.projects.models import DECISION_STAGES, Project, Stage
from app.resources.models import Pledge, PledgeStatus

SHOWN = 8  # rows shown per list; the list's own page has them all
DRAFT_STAGES = (Stage.DRAFT, Stage.CHANGES_REQUESTED)
OPEN_OWN_PLEDGES = (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED)
# Calls for ideas do not exist yet: when they do, "open calls" (those open_for_ideas or
# open_for_proposals in the person's regions) are one more list here and one more section on the page.
CALLS_SLOT = None


@dataclass
class Shortlist:
    """The first rows of a list, and whether there are more than these."""

    rows: list
    more: bool

    @classmethod
    def of(cls, found: list) -> "Shortlist":
        return cls(rows=found[:SHOWN], more=len(found) > SHOWN)

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass
class LabOverview:
    can_answer_for_organisation: bool  # a partner of a verified organisation: drafts and pledges to decide
    can_use_review_queue: bool  # reviewers and admins
    drafts: Shortlist
    reviews: Shortlist
    pledges_to_decide: Shortlist
    own_pledges: Shortlist
    unread: Shortlist
    unread_count: int


def _project_options():
    return (lazyload(Project.themes), joinedload(Project.organisation).lazyload(Organisation.themes))


def drafts_to_finish(user: User) -> list[Project]:
    """The initiatives of the person's organisations still to be finished and submitted, most recently
    changed first (one query; none for someone who is no partner)."""
    return list(
        db.session.scalars(
            select(Project)
            .options(*_project_options())
            .where(Project.stage.in_(DRAFT_STAGES), permissions.partner_projects(user))
            .order_by(Project.updated_at.desc(), Project.id.desc())
            .limit(SHOWN + 1)
        ).unique()
    )


def _pledge_query():
    return select(Pledge).options(
        joinedload(Pledge.need),
        joinedload(Pledge.project).options(*_project_options()),
        joinedload(Pledge.organisation).lazyload(Organisation.themes),
    )


def pledges_to_decide(user: User) -> list[Pledge]:
    """Pledges waiting for an answer on the needs of the person's organisations, while the initiative
    still takes decisions on pledges (permissions.can_decide_pledges), oldest first (one query)."""
    return list(
        db.session.scalars(
            _pledge_query()
            .join(Project, Project.id == Pledge.project_id)
            .where(
                Pledge.status == PledgeStatus.PLEDGED,
                Project.stage.in_(sorted(DECISION_STAGES)),
                permissions.partner_projects(user),
            )
            .order_by(Pledge.created_at, Pledge.id)
            .limit(SHOWN + 1)
        ).unique()
    )


def own_open_pledges(user: User) -> list[Pledge]:
    """The person's own pledges still open (pledged or accepted), newest first (one query)."""
    return list(
        db.session.scalars(
            _pledge_query()
            .where(Pledge.pledger_id == user.id, Pledge.status.in_(OPEN_OWN_PLEDGES))
            .order_by(Pledge.created_at.desc(), Pledge.id.desc())
            .limit(SHOWN + 1)
        ).unique()
    )


def unread_notifications(user: User) -> tuple[list[Notification], int]:
    """The newest unread notifications and how many are unread (two queries)."""
    unread = (Notification.user_id == user.id, Notification.read_at.is_(None))
    count = db.session.scalar(select(func.count()).where(*unread))
    newest = db.session.scalars(
        select(Notification)
        .where(*unread)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(SHOWN)
    ).all()
    return list(newest), count


def overview(user: User) -> LabOverview:
    """Everything "My lab" shows to `user`. A list the person's role has no part in is empty and
    costs no query (a community member is asked for pledges and notifications only)."""
    is_partner = bool(db.session.scalar(select(exists(permissions.partner_organisation_ids(user)))))
    is_reviewer = permissions.can_use_review_queue(user)
    newest, count = unread_notifications(user)
    return LabOverview(
        can_answer_for_organisation=is_partner,
        can_use_review_queue=is_reviewer,
        drafts=Shortlist.of(drafts_to_finish(user) if is_partner else []),
        reviews=Shortlist.of(reviewing.review_queue(user, SHOWN + 1) if is_reviewer else []),
        pledges_to_decide=Shortlist.of(pledges_to_decide(user) if is_partner else []),
        own_pledges=Shortlist.of(own_open_pledges(user)),
        unread=Shortlist(rows=newest, more=count > len(newest)),
        unread_count=count,
    )

