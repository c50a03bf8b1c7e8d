"""Every feature's models, imported here so that Alembic and the app see the whole schema."""

from app.accounts import models as accounts  # noqa: F401
from app.community import models as community  # noqa: F401
from app.gate import guards  # noqa: F401  (stage and history protections)
from app.gate import models as gate  # noqa: F401
from app.ideas import models as ideas  # noqa: F401
from app.organisations import models as organisations  # noqa: F401
from app.projects import models as projects  # noqa: F401
from app.reference import models as reference  # noqa: F401
from app.resources import models as resources  # noqa: F401
from app.results import models as results  # noqa: F401
from app.voice import models as voice  # noqa: F401
