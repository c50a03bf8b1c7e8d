"""Full-text search: accents and case ignored in French and Spanish, every word must match (as the start of a
word), title matches first, the index follows every insert, edit and delete, hostile input never breaks.

Run on SQLite and on PostgreSQL (TEST_DATABASE_URL): the expected sets below are the same for both
databases, and every query is also checked against a plain-Python model of the rules, so the two
databases give the same answers for the same data.
"""

import re
import unicodedata
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from app.core.extensions import db
from app.projects import discovery, search
from app.projects.models import Project
from tests.support.discovery import BASE_TIME, bulk_projects

# key: (title, summary, description, language); listed oldest first.
CORPUS = {
    "proteccion": ("Protección de la niñez en Ayacucho", "Rutas seguras para niñas y niños.", "", "es"),
    "egalite": ("L’égalité entre filles et garçons", "Des clubs où les filles prennent la parole.", "", "fr"),
    "ecoles": (
        "Écoles sûres à Thiès",
        "Protéger les enfants sur le chemin de l'école.",
        "Les élèves d'Éducation civique mènent l'enquête.",
        "fr",
    ),
    "protection_en": ("Child protection committees", "Village committees protect children.", "", "en"),
    "cafe": ("CAFÉ DES PARENTS", "Rencontres mensuelles des parents d’élèves.", "", "fr"),
    "nino": ("Niño a niño", "Educación entre pares.", "", "es"),
    # the newest two hold the words of older titles in their summary or description only
    "igualdad": ("Escuelas por la igualdad", "La protección de las niñas contra la violencia escolar.", "", "es"),
    "participation": (
        "Children's participation in councils",
        "Girls and boys speak to the mayor.",
        "Égalité et participation des enfants.",
        "en",
    ),
}


@pytest.fixture
def corpus(app, make_org):
    org = make_org(country="SN")
    ids = {}
    with app.app_context():
        for n, (key, (title, summary, description, language)) in enumerate(CORPUS.items()):
            [ids[key]] = bulk_projects(
                org.id, 1, start=n, title=title, summary=summary, description=description, language=language
            )
        db.session.commit()
    return ids


def found(app, query: str, **filters) -> list[int]:
    """The ids the list gives for `query`, in its order (an anonymous reader)."""
    with app.test_request_context():
        page = discovery.find_projects(None, discovery.ProjectFilters(q=query, **filters), per_page=100)
        return [item.project.id for item in page.items]


def keys(corpus, ids) -> set[str]:
    names = {pid: key for key, pid in corpus.items()}
    return {names[pid] for pid in ids}


# --- a plain-Python model of the rules -------------------------------------------------------------


def folded_words(text: str) -> list[str]:
    """Lower-case, accents dropped, words of letters and digits."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", plain)


def model(query: str) -> set[str]:
    wanted = [w for word in search.words(query) for w in folded_words(word)]
    if not wanted:
        return set(CORPUS)
    hits = set()
    for key, (title, summary, description, _language) in CORPUS.items():
        document = folded_words(" ".join((title, summary, description)))
        if all(any(word.startswith(w) for word in document) for w in wanted):
            hits.add(key)
    return hits


# --- accents, case, prefixes, several words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("proteccion", {"proteccion", "igualdad"}),
        ("protección", {"proteccion", "igualdad"}),
        ("PROTECCIÓN", {"proteccion", "igualdad"}),
        ("PrOtEcCiOn", {"proteccion", "igualdad"}),
        ("protec", {"proteccion", "igualdad", "protection_en"}),
        ("egalite", {"egalite", "participation"}),
        ("égalité", {"egalite", "participation"}),
        ("ÉGALITÉ", {"egalite", "participation"}),
        ("l’égalité", {"egalite"}),
        ("l'egalite", {"egalite"}),
        ("garcon", {"egalite"}),
        ("garçons", {"egalite"}),
        ("ninas", {"proteccion", "igualdad"}),
        ("NIÑAS", {"proteccion", "igualdad"}),
        ("nino", {"nino", "proteccion"}),
        ("niñez", {"proteccion"}),
        ("ecole", {"ecoles"}),
        ("eleves", {"ecoles", "cafe"}),
        ("cafe", {"cafe"}),
        ("Café", {"cafe"}),
        ("éducation", {"ecoles"}),
        ("educa", {"ecoles", "nino"}),
        ("educacion", {"nino"}),
        ("protección niñas", {"proteccion", "igualdad"}),
        ("niñas violencia", {"igualdad"}),
        ("children girls", {"participation"}),
        ("children", {"protection_en", "participation"}),
        ("zzzz", set()),
        ("protección zzzz", set()),
    ],
)
def test_search_ignores_accents_and_case_and_needs_every_word(app, corpus, query, expected):
    assert keys(corpus, found(app, query)) == expected
    assert model(query) == expected  # the rules, written out in Python, agree


def test_every_word_of_the_corpus_and_its_variants_give_the_models_answer(app, corpus):
    queries = set()
    for title, summary, description, _language in CORPUS.values():
        for word in re.findall(r"[^\W_]+", f"{title} {summary} {description}"):
            plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
            queries |= {word, word.upper(), plain, plain.lower(), word[:3], plain[:4].upper()}
    for query in sorted(queries):
        assert keys(corpus, found(app, query)) == model(query), query


def test_the_web_list_and_the_api_search_alike(app, client, corpus):
    page = client.get("/projects", query_string={"q": "proteccion"}).get_data(as_text=True)
    assert "Protección de la niñez en Ayacucho" in page and "Escuelas por la igualdad" in page
    assert "Écoles sûres à Thiès" not in page
    assert "2 initiatives match “proteccion”" in page
    api = client.get("/api/v1/projects", query_string={"q": "EGALITE"}).get_json()
    assert keys(corpus, [i["id"] for i in api["items"]]) == {"egalite", "participation"}
    assert api["total"] == 2


# --- ranking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title_match", "other"),
    [
        ("proteccion", "proteccion", "igualdad"),  # the older project's title beats the newer's summary
        ("egalite", "egalite", "participation"),  # the older project's title beats the newer's description
        ("children", "participation", "protection_en"),
    ],
)
def test_title_matches_come_first(app, client, corpus, query, title_match, other):
    order = found(app, query)
    assert order.index(corpus[title_match]) < order.index(corpus[other])
    api = client.get("/api/v1/projects", query_string={"q": query}).get_json()
    ids = [i["id"] for i in api["items"]]
    assert ids.index(corpus[title_match]) < ids.index(corpus[other])


def test_among_equal_matches_the_newest_comes_first(app, make_org):
    org = make_org()
    with app.app_context():
        older, newer = bulk_projects(org.id, 2, title="Clubs de lecture", summary="Lecture.")
        db.session.commit()
    assert found(app, "clubs")[:2] == [newer, older]


def test_an_explicit_sort_overrides_relevance(app, corpus):
    newest_first = found(app, "proteccion", sort=discovery.NEWEST)
    assert newest_first == [corpus["igualdad"], corpus["proteccion"]]


# --- the index follows the projects -------------------------------------------------------------------


def test_the_index_follows_inserts_edits_and_deletes(app, make_org):
    org = make_org()
    with app.app_context():
        [pid] = bulk_projects(org.id, 1, title="Jardins d'enfants", summary="Des jeux pour les tout-petits.")
        db.session.commit()
    assert found(app, "jardins") == [pid]

    with app.app_context():  # an edit through the ORM, as the project form makes it
        project = db.session.get(Project, pid)
        project.title = "Bibliothèques de quartier"
        project.summary = "Des livres pour les tout-petits."
        db.session.commit()
    assert found(app, "jardins") == []
    assert found(app, "bibliotheques") == [pid]
    assert found(app, "livres") == [pid]

    with app.app_context():  # an edit in SQL, below the ORM
        db.session.execute(update(Project).where(Project.id == pid).values(description="Contes et comptines."))
        db.session.commit()
    assert found(app, "comptines") == [pid]

    with app.app_context():
        db.session.execute(delete(Project).where(Project.id == pid))
        db.session.commit()
        assert db.session.scalar(select(Project.id).where(Project.id == pid)) is None
    assert found(app, "bibliotheques") == []


def test_the_index_follows_an_orm_delete(app, make_org):
    org = make_org()
    with app.app_context():
        [pid] = bulk_projects(org.id, 1, title="Potagers scolaires")
        db.session.commit()
        db.session.delete(db.session.get(Project, pid))
        db.session.commit()
    assert found(app, "potagers") == []


# --- untrusted input ------------------------------------------------------------------------------------

HOSTILE = [
    '"', '""', "*", "**", "NEAR(", "NEAR(a b)", "-", "--", "- proteccion", "AND", "OR", "NOT", "a OR b", "a AND",
    "title:", "title : niñez", "{title}: x", "^", "(", ")", "()", "'", "\\", "%", "_", "':*", "&", "|", "!",
    "<->", "a:*A", "proteccion*", '"proteccion', "protec*ion", "😀", "é" * 500, "a " * 300, "x" * 5000,
    "\u0301", "\u2066", "١٢٣", "ǅ", "ß", "İstanbul", "Ø", "½", "; DROP TABLE projects; --",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_break_the_list(app, client, corpus, query):
    web = client.get("/projects", query_string={"q": query})
    assert web.status_code == 200
    api = client.get("/api/v1/projects", query_string={"q": query})
    assert api.status_code == 200, api.get_data(as_text=True)
    assert api.get_json()["total"] <= len(CORPUS)


@pytest.mark.parametrize(("query", "expected"), [("- proteccion", {"proteccion", "igualdad"}),
                                                 ('"proteccion', {"proteccion", "igualdad"}),
                                                 ("proteccion*", {"proteccion", "igualdad"}),
                                                 ("NEAR(proteccion)", set()),  # "near" is a word too
                                                 ('"', set(CORPUS)), ("*", set(CORPUS))])
def test_query_syntax_is_just_punctuation(app, corpus, query, expected):
    assert keys(corpus, found(app, query)) == expected


def test_words_are_cut_on_anything_but_letters_and_digits():
    assert search.words("l’égalité, filles-garçons") == ["l", "égalité", "filles", "garçons"]
    assert search.words('NEAR("a" * b)') == ["NEAR", "a", "b"]
    assert search.words("e\u0301cole") == ["école"]  # a separate accent is composed first
    assert search.words("Ecole école ECOLE") == ["Ecole", "école"]
    assert len(search.words(" ".join(f"w{n}" for n in range(20)))) == search.MAX_WORDS
    assert search.words("*-\"'") == []


def test_the_fts5_query_quotes_every_word():
    assert search.fts5_query(["near", "or"]) == '"near"* AND "or"*'
    assert search.fts5_query(["a"], "title") == 'title : "a"*'


def test_a_search_in_a_long_description_is_found(app, make_org):
    org = make_org()
    description = ("Des ateliers hebdomadaires réunissent les familles. " * 200) + "Pirogues solidaires."
    with app.app_context():
        [pid] = bulk_projects(org.id, 1, title="Ateliers", description=description,
                              created_at=BASE_TIME + timedelta(days=1))
        db.session.commit()
    assert found(app, "pirogues") == [pid]


# --- PostgreSQL folds words exactly as SQLite's tokenizer does -------------------------------------------

ODD_ONES = set("²³¹¼½¾ǠǡǢǣǮǯǼǽǾǿ\u0340\u0341\u0344\u2066\u2067\u2068\u2069")  # see migration 0005_search


def sqlite_words(texts: list[str]) -> list[list[str]]:
    """The distinct words SQLite's FTS5 tokenizer (unicode61 remove_diacritics 2) makes of each text."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    connection.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", list(enumerate(texts, start=1)))
    return [sorted({term for (term,) in connection.execute("SELECT term FROM v WHERE doc = ?", (n,))})
            for n in range(1, len(texts) + 1)]


def test_postgresql_makes_the_same_words_as_sqlite(app):
    from sqlalchemy import text as sql

    with app.app_context():
        if db.session.get_bind().dialect.name != "postgresql":
            pytest.skip("compares PostgreSQL's folding with SQLite's tokenizer")
        characters = [chr(c) for c in [*range(0x21, 0x7F), *range(0xA0, 0x250), *range(0x2000, 0x2070)]
                      if chr(c) not in ODD_ONES and unicodedata.category(chr(c)) not in ("Cn", "Cc", "Cs")]
        texts = [part for c in characters for part in (f"ab{c}cd", f"AB{c}CD")]
        texts += [" ".join(fields[:3]) for fields in CORPUS.values()]
        texts += ["L’ÉGALITÉ des Niñas — «Protección» (2024) : 12 ans, e\u0301cole, naïveté, Œuvre, Ærø, Ĳssel",
                  "www.example.org/enfance?id=3&x=y; test@example.org; C:\\dossier\\fichier.pdf; 1.2.3; 3,5 %",
                  "tab\tnew\nline\u00a0nbsp\u202fnarrow_under-score—dash…ellipsis"]
        postgres = [
            sorted(db.session.scalars(sql("SELECT unnest(tsvector_to_array(to_tsvector('simple', search_fold(:t))))"),
                                      {"t": t}))
            for t in texts
        ]
    differences = [(t, s, p) for t, s, p in zip(texts, sqlite_words(texts), postgres, strict=True) if s != p]
    assert differences == []
