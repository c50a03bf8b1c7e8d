"""Reference data of the programme: regions, countries and themes.

The keys are part of the public contract (URLs, API, exports) and are stored in
the `regions`, `countries` and `themes` tables; the names shown to people are
translated here.
"""

from flask_babel import lazy_gettext as _l

REGIONS = {
    "sub_saharan_africa": _l("Sub-Saharan Africa"),
    "north_africa": _l("North Africa"),
    "latin_america": _l("Latin America"),
}

# code -> (region key, name)
COUNTRIES = {
    "BF": ("sub_saharan_africa", _l("Burkina Faso")),
    "CI": ("sub_saharan_africa", _l("Côte d'Ivoire")),
    "MG": ("sub_saharan_africa", _l("Madagascar")),
    "SN": ("sub_saharan_africa", _l("Senegal")),
    "TG": ("sub_saharan_africa", _l("Togo")),
    "MA": ("north_africa", _l("Morocco")),
    "TN": ("north_africa", _l("Tunisia")),
    "CO": ("latin_america", _l("Colombia")),
    "CR": ("latin_america", _l("Costa Rica")),
    "HN": ("latin_america", _l("Honduras")),
    "PE": ("latin_america", _l("Peru")),
}

THEMES = {
    "social_wellbeing": _l("Children's social wellbeing"),
    "child_protection": _l("Child protection"),
    "rights_advocacy": _l("Promotion and advocacy of children's rights"),
    "girls_empowerment": _l("Girls' empowerment"),
    "child_participation": _l("Child participation"),
}

LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


def region_of(country_code: str) -> str:
    return COUNTRIES[country_code][0]


def country_name(code: str) -> str:
    return str(COUNTRIES[code][1]) if code in COUNTRIES else code


def region_name(key: str) -> str:
    return str(REGIONS[key]) if key in REGIONS else key


def theme_name(key: str) -> str:
    return str(THEMES[key]) if key in THEMES else key


def country_choices():
    return sorted(((code, str(name)) for code, (_r, name) in COUNTRIES.items()), key=lambda c: c[1])


def region_choices():
    return [(key, str(name)) for key, name in REGIONS.items()]


def theme_choices():
    return [(key, str(name)) for key, name in THEMES.items()]
