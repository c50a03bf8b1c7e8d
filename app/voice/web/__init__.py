"""Children's voice pages: the consultations section of the project page and the partners' forms."""

from app.voice.web import (  # noqa: F401  (each module registers its views or its section)
    consultations,
    sections,
)
from app.voice.web.blueprint import bp  # noqa: F401
