"""Demo consultations with children: the steps `consult` and `answer_back` of the demo stories
(app.demo.projects), played through app.voice.consultations at the story's moment.

An initiative consults children once it is under way: what they said is written in the initiative's
language, with no names and no exact ages (it passes the safeguarding screen like any real one); the
children counted are a small share of those the initiative reaches. The answer back comes a later step.
"""

from datetime import timedelta

from app.core.columns import utcnow
from app.voice import consultations
from app.voice.models import BANDS, Consultation, Method, Setting

SETTINGS = (Setting.SCHOOL, Setting.COMMUNITY_CENTRE, Setting.YOUTH_CLUB, Setting.SCHOOL, Setting.HEALTH_CENTRE)
METHODS = (Method.GROUP_DISCUSSION, Method.DRAWING, Method.SURVEY, Method.GAMES_AND_ROLE_PLAY)
SHARE = 0.1  # of the children the initiative reaches, in each band

SUMMARIES = {
    "fr": (
        "Les filles ont demandé que les séances se tiennent avant la tombée de la nuit, pour rentrer sans "
        "crainte. Les garçons veulent participer aux clubs de lecture et proposent d'aider à les animer.",
        "Les enfants ont dessiné le chemin de l'école : le passage près du marché leur fait peur. Ils "
        "souhaitent des adultes de confiance sur ce trajet et un endroit pour signaler un problème.",
        "La plupart des enfants ne savaient pas à qui parler en cas de violence. Ils proposent une boîte à "
        "messages anonyme à l'école et des affiches dessinées par eux-mêmes.",
    ),
    "es": (
        "Las niñas pidieron que las actividades terminen antes de que oscurezca para volver a casa tranquilas. "
        "Los niños quieren participar en los círculos de lectura y ayudar a organizarlos.",
        "Las niñas y los niños dibujaron el camino a la escuela: el tramo junto al río les da miedo. Piden "
        "personas adultas de confianza en el trayecto y un lugar para avisar si algo pasa.",
        "Muchos no sabían a quién acudir en caso de violencia. Proponen un buzón anónimo en la escuela y "
        "carteles hechos por ellas y ellos mismos.",
    ),
    "en": (
        "The girls asked for the sessions to end before dark so they can walk home safely. The boys want to "
        "join the reading clubs and offered to help run them.",
        "The children drew their way to school: the stretch near the market frightens them. They want trusted "
        "adults along the way and a place to report a problem.",
        "Most children did not know whom to tell about violence. They suggest an anonymous message box at "
        "school and posters drawn by themselves.",
    ),
}
ANSWERS = {
    "fr": (
        "Les horaires ont changé : les séances finissent désormais à 17 h 30. Deux clubs de lecture sont "
        "ouverts aux garçons, animés avec eux. Nous l'avons expliqué aux enfants lors d'une réunion à l'école.",
        "Des parents volontaires accompagnent maintenant les enfants sur le trajet, et un point d'écoute a "
        "ouvert au centre. Les enfants ont reçu une affiche qui le présente.",
        "La boîte à messages est installée et les affiches des enfants sont dans chaque classe. Nous leur "
        "avons présenté la personne qui lit les messages chaque semaine.",
    ),
    "es": (
        "Cambiamos los horarios: las actividades terminan ahora a las 17:30. Dos círculos de lectura están "
        "abiertos a los niños, que ayudan a organizarlos. Se lo contamos en una reunión en la escuela.",
        "Madres y padres voluntarios acompañan ahora el trayecto, y abrimos un punto de escucha en el centro. "
        "Las niñas y los niños recibieron un cartel que lo explica.",
        "El buzón está instalado y los carteles de las niñas y los niños están en cada aula. Les presentamos "
        "a la persona que lee los mensajes cada semana.",
    ),
    "en": (
        "The timetable changed: sessions now end at 17:30. Two reading clubs are open to boys, who help run "
        "them. We explained this to the children at a school meeting.",
        "Volunteer parents now walk with the children, and a listening point opened at the centre. The "
        "children received a poster that explains it.",
        "The message box is in place and the children's posters hang in every classroom. We introduced them "
        "to the person who reads the messages each week.",
    ),
}


def participants(children: tuple[int, ...], variant: int) -> dict[str, int]:
    """A small share of the children the initiative reaches, band by band (at least a few in all)."""
    counts = {band: round(n * SHARE) for band, n in zip(BANDS, children, strict=True)}
    if sum(counts.values()) < 5:
        counts[BANDS[2 + 3 * (variant % 2)]] += 8
    return counts


def consult(play) -> Consultation:
    """The partner records a consultation held a few days before this step."""
    pick = play.variant % len(SUMMARIES["en"])
    return consultations.record_consultation(
        play.project, play.partner,
        held_on=utcnow().date() - timedelta(days=2 + play.variant % 5),
        setting=SETTINGS[play.variant % len(SETTINGS)].value,
        method=METHODS[play.variant % len(METHODS)].value,
        participants=participants(play.initiative.children, play.variant),
        consent_confirmed=True,
        summary=SUMMARIES[_language(play)][pick],
    )


def answer_back(play) -> None:
    """The partner records the answer back of every consultation still waiting for one."""
    pick = play.variant % len(ANSWERS["en"])
    for consultation in consultations.unanswered(play.project):
        consultations.record_answer_back(consultation, play.partner, answer_back=ANSWERS[_language(play)][pick])


def _language(play) -> str:
    return play.language if play.language in SUMMARIES else "en"
