"""Demo organisations and accounts: fictional partner organisations and accounts for every role."""

from dataclasses import dataclass

from sqlalchemy import select

from app.accounts.models import ReviewerRegion, User, UserRole
from app.accounts.users import find_by_email
from app.core.columns import utcnow
from app.core.extensions import db
from app.demo.dates import as_of_joining
from app.demo.world import DemoWorld
from app.organisations import memberships as org_memberships
from app.organisations.models import MembershipRole, Organisation
from app.reference.models import Theme
from app.reference.names import REGIONS

WELLBEING, PROTECTION, ADVOCACY = "social_wellbeing", "child_protection", "rights_advocacy"
GIRLS, PARTICIPATION = "girls_empowerment", "child_participation"


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    country: str
    name: str
    themes: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: UserRole
    password: str
    locale: str = "en"
    regions: tuple[str, ...] = ()
    memberships: tuple[tuple[str, MembershipRole], ...] = ()  # (organisation slug, role)


# All fictional. French for the African countries, Spanish for Latin America.
ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "lanternes-koudougou", "BF", "Association Les Petites Lanternes de Koudougou", (GIRLS, WELLBEING),
        "Accompagne les filles de 10 à 17 ans pour qu'elles restent à l'école : tutorat, clubs de lecture"
        " et dialogue avec les familles.",
    ),
    DemoOrganisation(
        "sahel-enfance-sereine", "BF", "Collectif Sahel Enfance Sereine", (PROTECTION, WELLBEING),
        "Soutien psychosocial aux enfants déplacés par l'insécurité dans la région du Centre-Nord, avec "
        "des espaces amis des enfants.",
    ),
    DemoOrganisation(
        "voix-des-enfants-kaya", "BF", "Voix des Enfants de Kaya", (PARTICIPATION, ADVOCACY),
        "Forme des conseils d'enfants qui présentent chaque année leurs priorités aux autorités "
        "communales.",
    ),
    DemoOrganisation(
        "jeunes-voix-bouake", "CI", "Cercle des Jeunes Voix de Bouaké", (PARTICIPATION, ADVOCACY),
        "Émissions de radio préparées et animées par des enfants sur leurs droits, diffusées dans toute "
        "la vallée du Bandama.",
    ),
    DemoOrganisation(
        "foyer-akwaba-daloa", "CI", "Foyer Akwaba pour les Filles de Daloa", (GIRLS, PROTECTION),
        "Accueil de jour, écoute et orientation pour les adolescentes travaillant sur les marchés de "
        "Daloa.",
    ),
    DemoOrganisation(
        "lagune-protectrice", "CI", "Initiative Lagune Protectrice", (PROTECTION,),
        "Prévention du travail des enfants dans les campements de pêche autour de San-Pédro, avec les "
        "comités villageois.",
    ),
    DemoOrganisation(
        "ravinala-antsirabe", "MG", "Association Ravinala des Enfants d'Antsirabe", (WELLBEING, PROTECTION),
        "Cantines scolaires, suivi de santé et ateliers parentaux pour les familles des quartiers "
        "périphériques.",
    ),
    DemoOrganisation(
        "tsingy-jeunesse", "MG", "Réseau Tsingy Jeunesse de Mahajanga", (PARTICIPATION,),
        "Réseau de clubs d'enfants qui mènent des enquêtes sur leur quartier et proposent des "
        "améliorations.",
    ),
    DemoOrganisation(
        "filles-du-baobab", "MG", "Les Filles du Baobab de Toliara", (GIRLS, ADVOCACY),
        "Lutte contre les mariages précoces par des groupes de parole, des bourses et le dialogue avec "
        "les chefs de village.",
    ),
    DemoOrganisation(
        "teranga-enfance-kaolack", "SN", "Collectif Teranga Enfance de Kaolack", (WELLBEING, GIRLS),
        "Activités sportives et culturelles mixtes, avec une attention particulière à la place des filles"
        " dans le jeu.",
    ),
    DemoOrganisation(
        "rive-sud-saint-louis", "SN", "Foyer Rive-Sud de Saint-Louis", (PROTECTION,),
        "Hébergement d'urgence, retour en famille et suivi des enfants vivant dans la rue à Saint-Louis.",
    ),
    DemoOrganisation(
        "jigeen-jamm-ziguinchor", "SN", "Jigéen Jàmm, Filles en paix de Ziguinchor", (GIRLS, PROTECTION),
        "Prévention des violences basées sur le genre à l'école, avec des référentes formées dans chaque "
        "collège.",
    ),
    DemoOrganisation(
        "mono-enfance-solidaire", "TG", "Association Mono Enfance Solidaire", (WELLBEING,),
        "Soutien scolaire et activités d'éveil pour les enfants des villages riverains du fleuve Mono.",
    ),
    DemoOrganisation(
        "filles-debout-sokode", "TG", "Filles Debout de Sokodé", (GIRLS, PARTICIPATION),
        "Leadership des adolescentes : formation, mentorat et prise de parole lors des assemblées "
        "communautaires.",
    ),
    DemoOrganisation(
        "jeunes-voix-kara", "TG", "Conseil des Jeunes Voix de Kara", (PARTICIPATION, ADVOCACY),
        "Accompagne un parlement d'enfants qui suit la mise en œuvre des engagements de la commune.",
    ),
    DemoOrganisation(
        "atlas-enfance-heureuse", "MA", "Association Atlas Enfance Heureuse", (WELLBEING, GIRLS),
        "Transport scolaire et internat pour les filles des douars de montagne de la province d'Azilal.",
    ),
    DemoOrganisation(
        "espace-nour-tetouan", "MA", "Espace Nour des Jeunes Filles de Tétouan", (GIRLS, PROTECTION),
        "Espace sûr pour les adolescentes : écoute, formation numérique et orientation vers les services "
        "de protection.",
    ),
    DemoOrganisation(
        "oasis-participation", "MA", "Réseau Oasis pour la Participation des Enfants", (PARTICIPATION,),
        "Conseils d'enfants dans les oasis du Tafilalet, associés aux décisions sur l'eau et les espaces "
        "de jeu.",
    ),
    DemoOrganisation(
        "jasmin-protection-sfax", "TN", "Association Jasmin pour la Protection de l'Enfance", (PROTECTION,),
        "Signalement et accompagnement des enfants victimes de violence, en lien avec les délégués à la "
        "protection.",
    ),
    DemoOrganisation(
        "jeunes-voix-kairouan", "TN", "Maison des Jeunes Voix de Kairouan", (PARTICIPATION, ADVOCACY),
        "Ateliers de journalisme et de plaidoyer menés par des collégiennes et des collégiens.",
    ),
    DemoOrganisation(
        "filles-avenir-gafsa", "TN", "Collectif Filles et Avenir de Gafsa", (GIRLS, WELLBEING),
        "Lutte contre le décrochage scolaire des filles du bassin minier par le tutorat et des bourses de"
        " transport.",
    ),
    DemoOrganisation(
        "semillas-del-pacifico", "CO", "Fundación Semillas del Pacífico", (WELLBEING, PROTECTION),
        "Espacios protectores y acompañamiento psicosocial para niñas y niños afectados por el conflicto "
        "en Tumaco.",
    ),
    DemoOrganisation(
        "ninas-que-suenan", "CO", "Corporación Niñas que Sueñan", (GIRLS, ADVOCACY),
        "Escuelas de liderazgo para niñas y adolescentes de las comunas de Medellín, con incidencia ante "
        "el concejo.",
    ),
    DemoOrganisation(
        "voces-del-cauca", "CO", "Red Juvenil Voces del Cauca", (PARTICIPATION,),
        "Consejos infantiles en veredas indígenas y campesinas, con metodologías propias de cada "
        "comunidad.",
    ),
    DemoOrganisation(
        "guardianes-ninez-limon", "CR", "Asociación Guardianes de la Niñez de Limón", (PROTECTION,),
        "Prevención de la explotación sexual de niñas, niños y adolescentes en zonas portuarias y "
        "turísticas.",
    ),
    DemoOrganisation(
        "ninas-protagonistas", "CR", "Colectivo Niñas Protagonistas de Guanacaste", (GIRLS, PARTICIPATION),
        "Clubes de ciencia y deporte para niñas, diseñados y evaluados por las propias participantes.",
    ),
    DemoOrganisation(
        "caminos-seguros-sps", "HN", "Fundación Caminos Seguros para la Niñez", (PROTECTION, WELLBEING),
        "Rutas seguras a la escuela y apoyo a familias de barrios afectados por la violencia en San Pedro"
        " Sula.",
    ),
    DemoOrganisation(
        "voces-de-la-montana", "HN", "Asociación Voces de la Montaña", (PARTICIPATION, GIRLS),
        "Radios escolares en comunidades lencas de Intibucá, conducidas por niñas y niños.",
    ),
    DemoOrganisation(
        "chaska-wawa-ayacucho", "PE", "Asociación Chaska Wawa de Ayacucho", (WELLBEING, ADVOCACY),
        "Educación intercultural bilingüe y defensa del derecho a la identidad de la niñez "
        "quechuahablante.",
    ),
    DemoOrganisation(
        "ninez-amazonica-iquitos", "PE", "Colectivo Niñez Amazónica de Iquitos", (PROTECTION, GIRLS),
        "Prevención de la trata y del trabajo infantil en las comunidades ribereñas, con promotoras "
        "adolescentes.",
    ),
)

ALL_REGIONS = tuple(REGIONS)
OWNER, MEMBER = MembershipRole.OWNER, MembershipRole.MEMBER

ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("demo-admin@example.org", "Claire Ndiaye", UserRole.ADMIN, "kapok-lantern-7392"),
    DemoAccount(
        "demo-reviewer@example.org", "Jean-Paul Mensah", UserRole.REVIEWER, "harbour-mango-5810",
        regions=ALL_REGIONS,
    ),
    DemoAccount(
        "demo-reviewer-africa@example.org", "Awa Traoré", UserRole.REVIEWER, "savanna-kite-2647",
        locale="fr", regions=("sub_saharan_africa",),
    ),
    DemoAccount(
        "demo-reviewer-maghreb@example.org", "Youssef El Amrani", UserRole.REVIEWER, "cedar-window-9153",
        locale="fr", regions=("north_africa",),
    ),
    DemoAccount(
        "demo-reviewer-latam@example.org", "Lucía Ramírez", UserRole.REVIEWER, "condor-river-3084",
        locale="es", regions=("latin_america",),
    ),
    DemoAccount(
        "demo-owner-bf@example.org", "Salimata Ouédraogo", UserRole.COMMUNITY, "shea-morning-6215",
        locale="fr", memberships=(("lanternes-koudougou", OWNER),),
    ),
    DemoAccount(
        "demo-member-bf@example.org", "Ibrahim Sawadogo", UserRole.COMMUNITY, "millet-compass-4471",
        locale="fr", memberships=(("lanternes-koudougou", MEMBER), ("voix-des-enfants-kaya", MEMBER)),
    ),
    DemoAccount(
        "demo-owner-ma@example.org", "Khadija Ait Said", UserRole.COMMUNITY, "argan-bridge-8326",
        locale="fr", memberships=(("atlas-enfance-heureuse", OWNER),),
    ),
    DemoAccount(
        "demo-owner-co@example.org", "Camila Restrepo", UserRole.COMMUNITY, "guadua-meadow-1947",
        locale="es", memberships=(("semillas-del-pacifico", OWNER), ("voces-del-cauca", OWNER)),
    ),
    DemoAccount(
        "demo-member-co@example.org", "Andrés Mosquera", UserRole.COMMUNITY, "ceiba-lighthouse-5562",
        locale="es", memberships=(("semillas-del-pacifico", MEMBER),),
    ),
    # Partners of the organisations whose initiatives app.demo.projects adds, one per country.
    DemoAccount(
        "demo-owner-ci@example.org", "Adjoua Kouassi", UserRole.COMMUNITY, "cocoa-ferry-4186",
        locale="fr", memberships=(("foyer-akwaba-daloa", OWNER), ("jeunes-voix-bouake", OWNER)),
    ),
    DemoAccount(
        "demo-owner-mg@example.org", "Hanta Rakotomalala", UserRole.COMMUNITY, "vanilla-harbour-7520",
        locale="fr", memberships=(("filles-du-baobab", OWNER), ("ravinala-antsirabe", OWNER)),
    ),
    DemoAccount(
        "demo-owner-sn@example.org", "Mariama Sow", UserRole.COMMUNITY, "pirogue-sunset-3961",
        locale="fr", memberships=(("jigeen-jamm-ziguinchor", OWNER), ("rive-sud-saint-louis", OWNER)),
    ),
    DemoAccount(
        "demo-owner-tg@example.org", "Afi Agbodjan", UserRole.COMMUNITY, "teak-drumbeat-6637",
        locale="fr", memberships=(("filles-debout-sokode", OWNER), ("mono-enfance-solidaire", OWNER)),
    ),
    DemoAccount(
        "demo-partner-ma@example.org", "Nadia Bennani", UserRole.COMMUNITY, "cedar-lantern-2718",
        locale="fr", memberships=(("espace-nour-tetouan", OWNER), ("oasis-participation", OWNER)),
    ),
    DemoAccount(
        "demo-owner-tn@example.org", "Amira Ben Salah", UserRole.COMMUNITY, "olive-compass-8304",
        locale="fr", memberships=(("jasmin-protection-sfax", OWNER), ("filles-avenir-gafsa", OWNER)),
    ),
    DemoAccount(
        "demo-owner-cr@example.org", "Valeria Jiménez", UserRole.COMMUNITY, "toucan-harbour-5147",
        locale="es", memberships=(("ninas-protagonistas", OWNER), ("guardianes-ninez-limon", OWNER)),
    ),
    DemoAccount(
        "demo-owner-hn@example.org", "Karla Mejía", UserRole.COMMUNITY, "pinewood-canoe-9025",
        locale="es", memberships=(("caminos-seguros-sps", OWNER), ("voces-de-la-montana", OWNER)),
    ),
    DemoAccount(
        "demo-owner-pe@example.org", "Rosa Quispe", UserRole.COMMUNITY, "alpaca-meadow-6482",
        locale="es", memberships=(("chaska-wawa-ayacucho", OWNER), ("ninez-amazonica-iquitos", OWNER)),
    ),
    DemoAccount("demo-community@example.org", "Sophie Lambert", UserRole.COMMUNITY, "orchard-pebble-3719"),
    DemoAccount(
        "demo-community-fr@example.org", "Fatou Diop", UserRole.COMMUNITY, "tamarind-canoe-2854", locale="fr"
    ),
    DemoAccount(
        "demo-community-es@example.org", "Diego Fernández", UserRole.COMMUNITY, "quinoa-lantern-6093",
        locale="es",
    ),
)


@as_of_joining
def seed_organisations(world: DemoWorld) -> None:
    """The demo organisations, verified, with the details above (restored if they were changed)."""
    themes = {t.key: t for t in db.session.scalars(select(Theme))}
    slugs = [d.slug for d in ORGANISATIONS]
    found = db.session.scalars(select(Organisation).where(Organisation.slug.in_(slugs)))
    existing = {o.slug: o for o in found}
    for demo in ORGANISATIONS:
        org = existing.get(demo.slug) or Organisation(slug=demo.slug)
        org.name, org.country_code, org.description = demo.name, demo.country, demo.description
        org.website = f"https://{demo.slug}.example.org"
        org.themes = [themes[key] for key in demo.themes]
        org.verified = True
        org.verified_at = org.verified_at or utcnow()
        db.session.add(org)
        world.organisations[demo.slug] = org
    db.session.flush()


@as_of_joining
def seed_accounts(world: DemoWorld) -> None:
    """The demo accounts: active, confirmed, with their role, regions, memberships and known password."""
    for demo in ACCOUNTS:
        user = find_by_email(demo.email)
        if user is None:
            user = User(email=demo.email, name=demo.name)
            user.set_password(demo.password)
            db.session.add(user)
        elif not user.check_password(demo.password):
            user.set_password(demo.password)
        user.name, user.role, user.locale, user.active = demo.name, demo.role, demo.locale, True
        user.email_verified_at = user.email_verified_at or utcnow()
        have = {r.region_key: r for r in user.reviewer_regions}
        user.reviewer_regions = [have.get(key) or ReviewerRegion(region_key=key) for key in demo.regions]
        db.session.flush()
        for slug, role in demo.memberships:
            org_memberships.add_member(world.organisations[slug], user, role)
        world.users[demo.email] = user
    db.session.flush()
