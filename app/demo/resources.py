"""Demo resource pooling: needs on a few incubating, launch-review and active demo initiatives, pledges
in every status and several currencies (an over-committed need among them), offers in the pool and
one request waiting for its offerer's answer.

Everything goes through app.resources as the people would do it. A need is known by its
initiative and title, a pledge and an offer by their submission key, a request by its offer and need:
what exists already is left as it is, so running the step again adds nothing. Initiatives that
have left the stages taking needs are skipped. Flushes only; the caller commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.core.columns import clock_at
from app.core.extensions import db
from app.demo.dates import moments_after
from app.demo.world import DemoWorld
from app.organisations.models import MembershipRole
from app.projects.models import NEED_STAGES, Project
from app.resources import needs as need_service
from app.resources import offer_requests as request_service
from app.resources import offers as offer_service
from app.resources import pledges as pledge_service
from app.resources.models import Need, Offer, OfferRequest, Pledge, PledgeStatus

ZIGUINCHOR = ("jigeen-jamm-ziguinchor", "Référentes genre dans les collèges de Ziguinchor")
SFAX = ("jasmin-protection-sfax", "Cellules d'écoute dans les écoles primaires de Sfax")
TUMACO = ("semillas-del-pacifico", "Espacios protectores para la niñez en los barrios de bajamar de Tumaco")
IQUITOS = ("ninez-amazonica-iquitos", "Promotoras adolescentes contra la trata en el río Nanay")
DALOA = ("foyer-akwaba-daloa", "Accueil de nuit sécurisé pour les adolescentes des marchés de Daloa")
KOUDOUGOU = ("lanternes-koudougou",
             "Kits d'hygiène menstruelle et latrines séparées dans huit écoles de Koudougou")

FATOU, SOPHIE, DIEGO = "demo-community-fr@example.org", "demo-community@example.org", "demo-community-es@example.org"
AFI, CAMILA, SALIMATA = "demo-owner-tg@example.org", "demo-owner-co@example.org", "demo-owner-bf@example.org"


@dataclass(frozen=True)
class DemoPledge:
    key: str  # the submission key: a pledge made once, whatever the number of runs
    pledger: str  # e-mail
    quantity: str
    status: str  # where it ends: pledged, accepted, fulfilled, declined or withdrawn
    message: str = ""
    organisation: str | None = None  # slug, on behalf of


@dataclass(frozen=True)
class DemoNeed:
    initiative: tuple[str, str]  # (organisation slug, title)
    kind: str
    title: str
    quantity: str
    unit: str
    description: str = ""
    required: bool = True
    pledges: tuple[DemoPledge, ...] = ()


@dataclass(frozen=True)
class DemoOffer:
    key: str
    offerer: str
    kind: str
    title: str
    quantity: str
    unit: str
    countries: tuple[str, ...]
    days: int  # expires this many days after the first run
    description: str = ""
    organisation: str | None = None


NEEDS: tuple[DemoNeed, ...] = (
    DemoNeed(
        ZIGUINCHOR, "funding", "Indemnités des référentes pour l'année scolaire", "2500000", "XOF",
        "Une indemnité mensuelle pour les douze référentes formées, de octobre à juin.",
        pledges=(
            DemoPledge("demo-zig-1", FATOU, "500000", "fulfilled", "Versé par virement en début de trimestre."),
            DemoPledge("demo-zig-2", SOPHIE, "750000", "accepted", "Happy to support the second term."),
            DemoPledge("demo-zig-3", SALIMATA, "150000", "pledged", "De la part de notre association.",
                       organisation="lanternes-koudougou"),
        ),
    ),
    DemoNeed(
        ZIGUINCHOR, "volunteer_time", "Animation d'ateliers de théâtre-forum", "120", "hours",
        "Des animatrices et animateurs bénévoles pour les ateliers du mercredi après-midi.", required=False,
        pledges=(DemoPledge("demo-zig-4", FATOU, "24.5", "accepted", "Deux mercredis par mois."),),
    ),
    DemoNeed(
        SFAX, "funding", "Formation des écoutantes à la prise en charge des enfants", "4500.750", "TND",
        "Deux sessions de formation de trois jours avec une psychologue de l'enfance.",
        pledges=(
            DemoPledge("demo-sfax-1", SOPHIE, "1250.500", "fulfilled", "For the first session."),
            DemoPledge("demo-sfax-2", FATOU, "900", "withdrawn", "Je dois malheureusement me retirer."),
        ),
    ),
    DemoNeed(
        TUMACO, "funding", "Materiales lúdicos para los espacios protectores", "20000000", "COP",
        "Juegos, libros y kits de arte para seis espacios protectores.",
        pledges=(
            DemoPledge("demo-tum-1", DIEGO, "1500000", "fulfilled", "Entregado en dos partes."),
            DemoPledge("demo-tum-2", AFI, "3000000", "declined", "Nous pouvons aider pour une partie.",
                       organisation="filles-debout-sokode"),
        ),
    ),
    DemoNeed(
        TUMACO, "funding", "Transporte de las facilitadoras (donación en euros)", "3000", "EUR",
        "Lanchas entre los barrios de bajamar durante la temporada de lluvias.",
        pledges=(DemoPledge("demo-tum-3", SOPHIE, "1234.50", "accepted", "From our family foundation."),),
    ),
    DemoNeed(
        IQUITOS, "volunteer_time", "Acompañamiento de las promotoras en las comunidades", "40", "hours",
        "Personas adultas de confianza que acompañan a las promotoras en sus visitas.",
        pledges=(
            DemoPledge("demo-iqu-1", DIEGO, "30", "accepted", "Puedo acompañar los sábados."),
            DemoPledge("demo-iqu-2", CAMILA, "20", "fulfilled", "Nuestro equipo ya hizo dos salidas.",
                       organisation="voces-del-cauca"),
        ),
    ),
    DemoNeed(
        DALOA, "materials", "Lits superposés et matelas", "20", "lits",
        "Pour les deux dortoirs de l'accueil de nuit.",
        pledges=(DemoPledge("demo-dal-1", SOPHIE, "6", "pledged", "I can fund six beds from a local carpenter."),),
    ),
    DemoNeed(
        DALOA, "venue", "Salle pour les permanences d'écoute", "1", "salle", "Près du grand marché, le soir.",
        required=False,
    ),
    DemoNeed(
        KOUDOUGOU, "materials", "Kits d'hygiène menstruelle lavables", "800", "kits",
        "Cousus par les couturières de Koudougou : deux serviettes lavables, une trousse, une notice illustrée.",
        pledges=(DemoPledge("demo-kou-1", AFI, "200", "pledged", "Notre atelier de couture peut en fournir.",
                            organisation="filles-debout-sokode"),),
    ),
)

OFFERS: tuple[DemoOffer, ...] = (
    DemoOffer("demo-offer-1", FATOU, "funding", "Petite contribution pour une initiative au Sénégal", "300000", "XOF",
              ("SN", "CI", "BF"), 120, "Pour une initiative de protection des filles, de préférence à l'école."),
    DemoOffer("demo-offer-2", SOPHIE, "expertise", "Online safety training for girls' clubs", "5", "days",
              ("MA", "TN"), 90, "A trainer on online safety, remote or in person in spring."),
    DemoOffer("demo-offer-3", DIEGO, "volunteer_time", "Acompañamiento en actividades con niñas y niños", "60",
              "hours", ("CO", "PE", "HN"), 150, "Fines de semana, con experiencia en recreación."),
    DemoOffer("demo-offer-4", AFI, "materials", "Ordinateurs portables reconditionnés", "10", "ordinateurs",
              ("TG", "BF", "SN"), 60, "Révisés, avec une suite bureautique libre.", "filles-debout-sokode"),
    DemoOffer("demo-offer-5", CAMILA, "venue", "Salón comunitario en Popayán", "1", "salón", ("CO",), 200,
              "Con capacidad para 40 personas, los fines de semana.", "voces-del-cauca"),
)

# (offer key, initiative, need title, quantity): the partners' request waiting for the offerer's answer.
REQUESTS = (("demo-offer-1", ZIGUINCHOR, "Indemnités des référentes pour l'année scolaire", "300000"),)

PATHS = {
    "pledged": (),
    "accepted": ("accepted",),
    "fulfilled": ("accepted", "fulfilled"),
    "declined": ("declined",),
    "withdrawn": ("withdrawn",),
}


def seed_resources(world: DemoWorld) -> None:
    """The demo needs, pledges, offers and request (see the module's docstring), each dated after the
    initiative reached its stage and before the seeding (app.demo.dates)."""
    needs: dict[tuple[tuple[str, str], str], Need] = {}
    for variant, demo in enumerate(NEEDS):
        project = world.projects.get(demo.initiative)
        if project is None or project.stage not in NEED_STAGES:
            continue
        partner = _partner(world, project)
        steps = 1 + sum(1 + len(PATHS[item.status]) for item in demo.pledges)
        moments = iter(moments_after(project.stage_changed_at, steps, variant, world.now))
        with clock_at(next(moments)):
            need = _need(project, partner, demo)
        needs[(demo.initiative, demo.title)] = need
        for item in demo.pledges:
            _pledge(world, need, project, partner, item, moments)
    offers = {}
    for n, demo in enumerate(OFFERS):
        with clock_at(world.now - timedelta(days=4 + 9 * n, hours=(5 * n) % 11, minutes=(17 * n) % 60)):
            offers[demo.key] = _offer(world, demo)
    for key, initiative, title, quantity in REQUESTS:
        need, offer = needs.get((initiative, title)), offers.get(key)
        if need is None or offer is None or offer.status != "open":
            continue
        asked = db.session.scalar(
            select(OfferRequest.id).where(OfferRequest.offer_id == offer.id, OfferRequest.need_id == need.id)
        )
        if asked is None:
            with clock_at(moments_after(max(need.created_at, offer.created_at), 1, 0, world.now)[0]):
                request_service.ask_offer(offer, need, need.project, _partner(world, need.project),
                                          quantity=Decimal(quantity),
                                          message="Votre contribution couvrirait les indemnités d'un trimestre.")
                db.session.flush()
    db.session.flush()


def _need(project: Project, partner: User, demo: DemoNeed) -> Need:
    need = db.session.scalar(select(Need).where(Need.project_id == project.id, Need.title == demo.title))
    if need is None:
        need = need_service.add_need(project, partner, kind=demo.kind, title=demo.title, description=demo.description,
                                     quantity=Decimal(demo.quantity), unit=demo.unit, required=demo.required)
    return need


def _pledge(world: DemoWorld, need: Need, project: Project, partner: User, demo: DemoPledge,
            moments: Iterator[datetime]) -> Pledge | None:
    """The pledge, then each move of its path, each at the next of `moments`."""
    pledger = world.users[demo.pledger]
    if need.status != "open" and _by_key(pledger, demo.key) is None:
        return None
    with clock_at(next(moments)):
        pledge, created = pledge_service.make_pledge(need, project, pledger, quantity=Decimal(demo.quantity),
                                                     message=demo.message, organisation=demo.organisation,
                                                     submission_key=demo.key)
        db.session.flush()
    if created:
        for status in PATHS[demo.status]:
            actor = pledger if status == PledgeStatus.WITHDRAWN else partner
            with clock_at(next(moments)):
                pledge_service.set_pledge_status(pledge, project, actor, status)
                db.session.flush()
    return pledge


def _offer(world: DemoWorld, demo: DemoOffer) -> Offer:
    offer, _created = offer_service.make_offer(
        world.users[demo.offerer], kind=demo.kind, title=demo.title, description=demo.description,
        quantity=Decimal(demo.quantity), unit=demo.unit, countries=list(demo.countries),
        expires_on=date.today() + timedelta(days=demo.days), organisation=demo.organisation, submission_key=demo.key,
    )
    return offer


def _by_key(user: User, key: str) -> Pledge | None:
    return db.session.scalar(select(Pledge).where(Pledge.pledger_id == user.id, Pledge.submission_key == key))


def _partner(world: DemoWorld, project: Project) -> User:
    """The initiative's demo partner who manages its needs: an owner of its organisation first."""
    org = project.organisation
    partners = [user for user in world.users.values() if permissions.is_partner_of(user, org)]
    if not partners:
        raise LookupError(f"No demo account is a partner of the organisation '{org.slug}'.")
    owners = [
        user for user in partners
        if any(m.organisation_id == org.id and m.role == MembershipRole.OWNER for m in user.memberships)
    ]
    return (owners or partners)[0]
