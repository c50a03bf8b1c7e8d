"""Demo calls for ideas (one in each status) and ideas in English, French and Spanish: some
supported, some with offers of help, one merged, one archived.
Through the real domain functions; safe to run again (calls and ideas are found by their titles)."""

from datetime import timedelta

from sqlalchemy import select

from app.core.extensions import db
from app.demo.world import DemoWorld
from app.ideas import adoption, calls, ideas
from app.ideas.models import Call, CallStatus, Idea, IdeaStatus

DAY = timedelta(days=1)

# (title, question, themes, regions, (opens, ideas close, proposals close) in days from the seeding)
CALLS = (
    ("Safe journeys to school", "How might we make the way to school safe for every girl and boy?",
     ["child_protection"], [], (-20, 25, 60)),
    ("Children's councils that count", "How might we make sure local councils act on what children tell them?",
     ["child_participation", "rights_advocacy"], ["sub_saharan_africa"], (-60, -10, 30)),
    ("Play after displacement", "How might we bring play back to children who had to leave their homes?",
     ["social_wellbeing"], ["latin_america"], (-120, -80, -20)),
    ("Girls in science clubs", "How might we keep adolescent girls curious about science and technology?",
     ["girls_empowerment"], [], (10, 40, 70)),
)

# (title, body, country, themes, language, author e-mail, index of its call or None)
IDEAS = (
    ("Walking buses led by parents", "Children walk to school together on a fixed route, with **two parents** "
     "taking turns each week.", "SN", ["child_protection"], "en", "demo-community@example.org", 0),
    ("Des brigades scolaires de sécurité", "Des élèves volontaires, formés par la police municipale, aident "
     "les plus petits à traverser aux carrefours.", "BF", ["child_protection"], "fr",
     "demo-community-fr@example.org", 0),
    ("Mapas de caminos seguros", "Los niños y las niñas dibujan el mapa de su camino a la escuela y marcan "
     "los lugares donde sienten miedo.", "CO", ["child_protection", "child_participation"], "es",
     "demo-community-es@example.org", 0),
    ("Bicycles for girls who live far away", "A bicycle library at school: girls who live more than five "
     "kilometres away borrow a bicycle for the school year.", "MG", ["girls_empowerment"], "en",
     "demo-community@example.org", 0),
    ("Un budget participatif des enfants", "Chaque conseil municipal réserve une petite part de son budget "
     "à un projet choisi par le conseil des enfants.", "CI", ["child_participation"], "fr",
     "demo-community-fr@example.org", 1),
    ("Le maire répond aux enfants", "Deux fois par an, le maire vient au conseil des enfants dire ce qui a été "
     "fait de leurs propositions.", "SN", ["child_participation", "rights_advocacy"], "fr",
     "demo-community-fr@example.org", 1),
    ("Ludotecas móviles", "Una camioneta con juegos y dos animadores visita los albergues cada semana.", "HN",
     ["social_wellbeing"], "es", "demo-community-es@example.org", 2),
    ("Radio lessons on children's rights", "A weekly radio programme where children explain their rights to "
     "other children, in local languages.", "TG", ["rights_advocacy"], "en", "demo-community@example.org", None),
    ("Clubs de lecture en darija", "Des clubs de lecture où les histoires sont lues en darija puis en arabe "
     "standard.", "MA", ["social_wellbeing"], "fr", "demo-community-fr@example.org", None),
    ("Huertos escolares con las familias", "Las familias y los alumnos cultivan juntos un huerto; la cosecha "
     "va al comedor escolar.", "PE", ["social_wellbeing"], "es", "demo-community-es@example.org", None),
    ("Brigades de sécurité routière", "Des élèves formés aident leurs camarades aux carrefours dangereux.", "BF",
     ["child_protection"], "fr", "demo-community-fr@example.org", None),
    ("Peer mentors for the first year", "Older students mentor first-year pupils during their first term.",
     "TN", ["social_wellbeing"], "en", "demo-community@example.org", None),
)
SUPPORTERS = ("demo-community@example.org", "demo-community-fr@example.org", "demo-community-es@example.org")
HELPERS = {
    "Walking buses led by parents": ("demo-community-fr@example.org", "I can help draw the routes with the pupils."),
    "Ludotecas móviles": ("demo-community@example.org", "I can lend games and train the animators."),
}
# idea title -> (organisation slug, partner e-mail). None yet: an adoption makes a new draft initiative,
# and the demo's initiatives are the forty of app.demo.projects_data, counted and checked as they are.
ADOPTED: dict[str, tuple[str, str]] = {}
MERGED = ("Brigades de sécurité routière", "Des brigades scolaires de sécurité",
          "La même idée que les brigades scolaires : les discussions continuent là-bas.")
ARCHIVED = ("Peer mentors for the first year", "demo-community@example.org",
            "Already done by the schools' own mentoring programme.")


def seed_ideas(world: DemoWorld) -> None:
    admin = world.users["demo-admin@example.org"]
    made_calls = []
    for title, question, themes, regions, days in CALLS:
        call = db_call(title)
        if call is None:
            opens, ideas_close, proposals_close = (world.now + n * DAY for n in days)
            data = calls.CallData(title=title, question=question, themes=themes, regions=regions,
                                  opens_at=world.now - 200 * DAY, ideas_close_at=world.now + 200 * DAY,
                                  proposals_close_at=world.now + 300 * DAY,
                                  description="A demo call for ideas.")
            call = calls.open_call(admin, data)  # ideas are posted while it takes them; its dates follow
        made_calls.append((call, days))
    posted = {}
    for title, body, country, themes, language, author, call_index in IDEAS:
        idea = db_idea(title)
        if idea is None:
            call_id = made_calls[call_index][0].id if call_index is not None else None
            data = ideas.IdeaData(title=title, body=body, country=country, themes=themes, language=language,
                                  call_id=call_id)
            idea = ideas.post_idea(world.users[author], data).idea
            for email in SUPPORTERS:
                if email != author:
                    ideas.support(idea, world.users[email])
        posted[title] = idea
    for title, (email, note) in HELPERS.items():
        if not ideas.help_offers(posted[title]):
            ideas.offer_help(posted[title], world.users[email], note)
    for title, (slug, email) in ADOPTED.items():
        idea = posted[title]
        if idea.status == IdeaStatus.OPEN:
            adoption.adopt_idea(idea, world.users[email], world.organisations[slug])
    merged, into, note = MERGED
    if posted[merged].status == IdeaStatus.OPEN:
        ideas.merge_idea(posted[merged], world.users["demo-reviewer@example.org"], posted[into], note)
    archived, author, note = ARCHIVED
    if posted[archived].status == IdeaStatus.OPEN:
        ideas.archive_idea(posted[archived], world.users[author], note)
    for call, days in made_calls:  # each call now stands in its own status
        call.opens_at, call.ideas_close_at, call.proposals_close_at = (world.now + n * DAY for n in days)
    if {c.status_at(world.now) for c, _days in made_calls} != set(CallStatus):
        raise RuntimeError("the demo's calls should stand in every status")


def db_call(title: str) -> Call | None:
    return db.session.scalar(select(Call).where(Call.title == title))


def db_idea(title: str) -> Idea | None:
    return db.session.scalar(select(Idea).where(Idea.title == title))
