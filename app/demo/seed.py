"""`seed_demo()`: the whole demo, for development.

It runs each step of SEED_STEPS in turn on a shared DemoWorld, so later features add their demo
data (initiatives, comments, needs...) by appending a step that reads `world.organisations` and
`world.users`. Every step must be safe to run again: look rows up by a stable key (slug, e-mail)
and create only what is missing. Flushes only; the caller commits.
"""

from collections.abc import Callable

from app.demo.accounts import seed_accounts, seed_organisations
from app.demo.ideas import seed_ideas
from app.demo.projects import seed_projects
from app.demo.resources import seed_resources
from app.demo.world import DemoWorld
from app.reference.data import ensure_reference_data

# Each step takes the DemoWorld; add later features' demo data at the end.
SEED_STEPS: list[Callable[[DemoWorld], None]] = [
    seed_organisations, seed_accounts, seed_projects, seed_resources, seed_ideas,
]


def seed_demo() -> DemoWorld:
    """Make the reference data and run every step. Safe to run again: nothing is duplicated."""
    ensure_reference_data()
    world = DemoWorld()
    for step in SEED_STEPS:
        step(world)
    return world
