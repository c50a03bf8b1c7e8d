"""The names people read for the keys of consultations: settings and methods."""

from flask_babel import lazy_gettext as _l

from app.voice.models import Method, Setting

SETTING_NAMES = {
    Setting.SCHOOL: _l("School"),
    Setting.COMMUNITY_CENTRE: _l("Community centre"),
    Setting.YOUTH_CLUB: _l("Youth club"),
    Setting.HEALTH_CENTRE: _l("Health centre"),
    Setting.PLACE_OF_WORSHIP: _l("Place of worship"),
    Setting.ONLINE: _l("Online"),
    Setting.OTHER: _l("Another kind of place"),
}

METHOD_NAMES = {
    Method.GROUP_DISCUSSION: _l("Group discussion"),
    Method.DRAWING: _l("Drawing"),
    Method.SURVEY: _l("Survey"),
    Method.INTERVIEWS: _l("Interviews"),
    Method.GAMES_AND_ROLE_PLAY: _l("Games and role play"),
    Method.OTHER: _l("Another method"),
}
