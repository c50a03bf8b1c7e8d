"""What the demo steps made so far, shared between them."""

from dataclasses import dataclass, field
from datetime import datetime

from app.accounts.models import User
from app.core.columns import utcnow
from app.organisations.models import Organisation
from app.projects.models import Project


@dataclass
class DemoWorld:
    """What the steps made so far, by stable key."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    projects: dict[tuple[str, str], Project] = field(default_factory=dict)  # (organisation slug, title)
    now: datetime = field(default_factory=utcnow)  # the seeding: what the demo made happened before it
