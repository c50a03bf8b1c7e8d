"""The child-safeguarding screen: each pattern family, the advice, the corpus figures, and speed."""

import re
import time

import pytest
from flask_babel import force_locale

from app.community.safeguarding import CHILD_NAME_AGE, EMAIL, MESSAGING_LINK, PHONE, Finding, advice, screen
from app.community.safeguarding_numbers import with_digits
from tests.unit.safeguarding_corpus import CORPUS
from tests.unit.safeguarding_corpus_ar import AR


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in screen(text)]


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------

LOCAL_NUMBERS = [
    # Burkina Faso
    "70 12 34 56",
    "70.12.34.56",
    "70-12-34-56",
    "70123456",
    "25 30 12 34",
    # Côte d'Ivoire (ten digits)
    "07 07 12 34 56",
    "07.07.12.34.56",
    "0707123456",
    "27 22 44 55 66",
    # Madagascar
    "034 12 345 67",
    "034.12.345.67",
    "0341234567",
    "020 22 123 45",
    # Senegal
    "77 123 45 67",
    "77.123.45.67",
    "771234567",
    "33 821 12 34",
    # Togo
    "90 12 34 56",
    "90-12-34-56",
    "90123456",
    "22 21 34 56",
    # Morocco
    "06 12 34 56 78",
    "06-12-34-56-78",
    "0612345678",
    "05 37 12 34 56",
    # Tunisia
    "20 123 456",
    "20.123.456",
    "20123456",
    "71 123 456",
    # Colombia
    "300 123 4567",
    "300-123-4567",
    "3001234567",
    "601 234 5678",
    # Costa Rica
    "8812-3456",
    "8812 3456",
    "88123456",
    "2234-5678",
    # Honduras
    "9912-3456",
    "9912 3456",
    "99123456",
    "2232-1234",
    # Peru
    "987 654 321",
    "987-654-321",
    "987654321",
    "01 234 5678",
]

INTERNATIONAL_NUMBERS = [
    "+226 70 12 34 56",
    "00 221 77 123 45 67",
    "+57 300 1234567",
    "+212 6 12 34 56 78",
    "(+225) 07 07 12 34 56",
    "+261 34 12 345 67",
    "+228 90 12 34 56",
    "+216 20 123 456",
    "+506 8812-3456",
    "+504 9912 3456",
    "+51 987 654 321",
    "+51 1 234 5678",
    "+221771234567",
    "0022670123456",
    "+33 6 12 34 56 78",
]


@pytest.mark.parametrize("number", LOCAL_NUMBERS + INTERNATIONAL_NUMBERS)
def test_a_phone_number_is_found_with_its_exact_excerpt(number):
    # No word such as "tel." around it: the number alone is enough.
    text = f"Her father answers at {number} most evenings."
    findings = screen(text)
    assert [f.kind for f in findings] == [PHONE]
    assert findings[0].excerpt == number
    assert text[findings[0].start : findings[0].end] == number


@pytest.mark.parametrize("text", ["Tel: 234 5678", "Tél. : 45 67 89", "Teléfono 456 7890", "WhatsApp 1234 567"])
def test_a_shorter_number_counts_after_a_word_that_says_it_is_a_phone(text):
    assert kinds(text) == [PHONE]


def test_a_phone_number_next_to_other_numbers_is_still_found():
    assert kinds("Call 77 123 45 67 2 times a week.") == [PHONE]
    assert kinds("Tel 77 123 45 67 / 76 234 56 78") == [PHONE, PHONE]


@pytest.mark.parametrize(
    "text",
    [
        "12 workshops in 2024",
        "children aged 6 to 11",
        "300 children",
        "The budget is 1 500 000 XOF.",
        "The budget is 15 000 000 FCFA.",
        "The budget is 25 000 000 FCFA.",
        "COP 12.000.000",
        "COP 350.000.000 for three years",
        "USD 20 123 456",
        "1,500,000 people",
        "2 400 000 inhabitants",
        "on 12/03/2025",
        "on 2025-03-12",
        "on 25.03.2025",
        "on 20250312",
        "the 2019-2024 strategy",
        "from 2023 to 2026",
        "45 %",
        "de 14h à 16h",
        "from 14:00-16:00",
        "ISO 3166 and ISO 4217",
        "Article 12 of the Convention",
        "GE-2",
        "Ref. 2024-117",
        "Decree No. 2019-1234",
        "Le décret 2021-1234 du 5 juillet",
        "El NIT de la fundación es 900.123.456-7.",
        "El RUC de la asociación es 20512345678.",
        "IBAN SN08 SN01 0015 2000 0485 0000 3035",
        "Version 2.1 of 03.04.2025",
        "Indicator 3.2: 80%",
        "The helpline 116 answered 3 450 calls.",
        "Le récépissé n° 2018/0456/MATD",
        "12,5 % and 20 123 456,75 XOF",
    ],
)
def test_ordinary_numbers_are_not_phone_numbers(text):
    assert PHONE not in kinds(text)


# --------------------------------------------------------------------------------------------
# E-mail addresses
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Write to aminata.traore@gmail.com today.", "aminata.traore@gmail.com"),
        ("Écrivez à m.rakoto@ecole-antsirabe.mg.", "m.rakoto@ecole-antsirabe.mg"),
        ("Mail contact+projet@ong.org.co please", "contact+projet@ong.org.co"),
        ("FATOU.DIOP@ORANGE.SN", "FATOU.DIOP@ORANGE.SN"),
        ("(awa.sawadogo@gmail.com)", "awa.sawadogo@gmail.com"),
        ("write to fatim at gmail dot com", "fatim at gmail dot com"),
        ("partners [at] enfance-togo [dot] org", "partners [at] enfance-togo [dot] org"),
        ("fatou arobase gmail point com", "fatou arobase gmail point com"),
        ("ana arroba gmail punto com", "ana arroba gmail punto com"),
    ],
)
def test_an_email_address_is_found(text, excerpt):
    findings = screen(text)
    assert [f.kind for f in findings] == [EMAIL]
    assert findings[0].excerpt == excerpt


@pytest.mark.parametrize(
    "text",
    [
        "Visit www.ong-espoir.tg for the report.",
        "We meet at the school at 10 am.",
        "Follow @UNICEF_Senegal for news.",
        "The point at issue is the dot on the map.",
        "https://example.org/projects/12",
    ],
)
def test_ordinary_text_is_not_an_email_address(text):
    assert EMAIL not in kinds(text)


def test_phone_numbers_are_judged_by_the_numbering_plans_of_the_eleven_countries():
    # Valid in Madagascar and in Peru only, by libphonenumber's metadata.
    assert kinds("The headteacher answers on 032 07 123 45.") == [PHONE]
    assert kinds("The nurse answers on 956 123 456.") == [PHONE]
    # Ten digits in a shape that no country of the programme gives its numbers.
    assert kinds("Her father answers at 0812345678 most evenings.") == []


# --------------------------------------------------------------------------------------------
# Links to private chats and groups
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Message me at wa.me/22670123456 today.", "wa.me/22670123456"),
        ("Join https://chat.whatsapp.com/KxL9pQ2mZ7aB3c.", "https://chat.whatsapp.com/KxL9pQ2mZ7aB3c"),
        ("https://api.whatsapp.com/send?phone=50499123456", "https://api.whatsapp.com/send?phone=50499123456"),
        ("Telegram: t.me/lome_benevoles", "t.me/lome_benevoles"),
        ("Écrivez sur m.me/ong.espoir", "m.me/ong.espoir"),
        ("Appelez tel:+22670123456", "tel:+22670123456"),
        ("whatsapp://send?phone=221771234567", "whatsapp://send?phone=221771234567"),
    ],
)
def test_a_link_to_a_private_chat_or_group_is_found(text, excerpt):
    findings = screen(text)
    assert [f.kind for f in findings] == [MESSAGING_LINK]  # the number inside the link is not a second finding
    assert findings[0].excerpt == excerpt


@pytest.mark.parametrize(
    "text",
    [
        "Download WhatsApp from https://www.whatsapp.com/download",
        "The report is on https://www.enfance-espoir.org/rapport.pdf",
        "We talked about it on WhatsApp and Telegram.",
        "Read https://meet.me.org/notes",
    ],
)
def test_ordinary_links_and_names_of_apps_are_not_chat_links(text):
    assert MESSAGING_LINK not in kinds(text)


# --------------------------------------------------------------------------------------------
# A child's name or description with an exact age
# --------------------------------------------------------------------------------------------

CHILD_FOUND = {
    "en": [
        "Aminata, 12 years old, goes to school.",
        "Aminata (12) goes to school.",
        "12-year-old Aminata goes to school.",
        "Aminata is 9.",
        "Aminata is 9 and goes to school.",
        "Aminata, aged 12, goes to school.",
        "Aminata (age 12) goes to school.",
        "Koffi, who is 11, leads the council.",
        "Mariam turned 13 and got her certificate.",
        "Ana turned fifteen last month.",
        "Pedro, 9, sells sweets.",
        "A 12-year-old girl spoke.",
        "We met a twelve-year-old boy.",
        "A girl aged 12 spoke.",
        "A girl of 13 asked the mayor.",
        "The girl, 13, had been married.",
    ],
    "fr": [
        "une fille de 12 ans",
        "Fatou, 11 ans, va à l'école.",
        "La petite Awa, 8 ans, va à l'école.",
        "Moussa a 10 ans.",
        "Ibrahim (13 ans) a parlé.",
        "Mariam, âgée de 14 ans, a parlé.",
        "Rokia, qui a 9 ans, a parlé.",
        "Adama vient d'avoir 12 ans.",
        "Awa, douze ans, a parlé.",
        "Un garçon de 10 ans a parlé.",
        "Une jeune fille de 15 ans a parlé.",
        "L'enfant de 7 ans a parlé.",
        "Le garçon, 12 ans, a parlé.",
        "Une fille âgée de 12 ans a parlé.",
        "Un talibé de 8 ans mendie.",
    ],
    "es": [
        "niña de 12 años",
        "la niña María de 9 años",
        "Juan, de 7 años, vende dulces.",
        "Camila tiene 12 años.",
        "Valentina (10 años) habló.",
        "Mateo cumplió 13 años.",
        "Andrés, quien tiene 14 años, habló.",
        "Carlos, doce años, trabaja.",
        "Una niña de 12 años habló.",
        "Un niño de 8 años llamado Pedro llegó.",
        "El niño, 11 años, vive en la calle.",
        "Una adolescente de diecisiete años habló.",
        "Una niña de 11 años de la vereda dejó de estudiar.",
    ],
}

CHILD_NOT_FOUND = {
    "en": [
        "Girls aged 12-17 took part.",
        "Children aged 6 to 11 took part.",
        "Workshops for 12- to 17-year-olds.",
        "Two 12-year-old girls spoke.",
        "Every 12-year-old deserves a school place.",
        "A 10-year-old partnership with the ministry.",
        "A girl aged 10 to 14 spoke.",
        "A mother of 3 spoke.",
        "Sarah Johnson, 45 years old, is our director.",
        "Twelve years later, the centre reopened.",
        "In Dakar, 12 volunteers were trained.",
        "Today is 12 March.",
        "Phase 2 (12 months) starts soon.",
        "Kaolack (12), Thiès (8) and Louga (5) sent delegates.",
    ],
    "fr": [
        "les enfants de 6 à 11 ans",
        "Les filles de 12 à 17 ans participent.",
        "Les enfants de moins de 5 ans sont vaccinés.",
        "Une fille de 10 à 14 ans a parlé.",
        "Une fille de 15 ans ou plus peut s'inscrire.",
        "Les jeunes filles de 15 ans et plus participent.",
        "Notre association travaille depuis 12 ans.",
        "Il y a 10 ans, le centre a ouvert.",
        "Mme Sow, 52 ans, préside le comité.",
        "Tostan, 12 ans d'expérience au service des familles.",
        "Dakar, 12 ans après la création du centre.",
    ],
    "es": [
        "niñas de 12 a 17 años",
        "Los niños de entre 8 y 14 años votaron.",
        "Toda persona menor de 18 años es niño, niña o adolescente.",
        "Los adolescentes de 15 años o más participan.",
        "Una niña de 10 a 14 años habló.",
        "La fundación trabaja desde hace 12 años.",
        "La señora Pérez, 52 años, preside el comité.",
        "La Fundación, 12 años de experiencia con la niñez.",
        "Las niñas de 12 años representan el 20 %.",
    ],
}


@pytest.mark.parametrize(
    "text",
    [pytest.param(text, id=f"{lang}-{i}") for lang, texts in CHILD_FOUND.items() for i, text in enumerate(texts)],
)
def test_a_child_with_a_name_or_an_exact_age_is_found(text):
    assert kinds(text) == [CHILD_NAME_AGE]


@pytest.mark.parametrize(
    "text",
    [pytest.param(text, id=f"{lang}-{i}") for lang, texts in CHILD_NOT_FOUND.items() for i, text in enumerate(texts)],
)
def test_groups_ranges_adults_and_durations_are_not_a_child(text):
    assert CHILD_NAME_AGE not in kinds(text)


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Ali aged 10 came.", "Ali aged 10"),
        ("Fatoumata, 13yo, came.", "Fatoumata, 13yo"),
        ("Ibrahim, 12 y/o, came.", "Ibrahim, 12 y/o"),
        ("Fatim, 11a, vit chez sa tante.", "Fatim, 11a"),
        ("Kevin, 9 añitos, no va a la escuela.", "Kevin, 9 añitos"),
        ("Juanita de 7 años vive aquí.", "Juanita de 7 años"),
        ("Brayan tiene doce años y vende chicles.", "Brayan tiene doce años"),
        ("Rokia (fifteen) spoke.", "Rokia (fifteen)"),
        ("Elle s'appelle Mariam et elle a treize ans.", "s'appelle Mariam et elle a treize ans"),
        ("Ella se llama Sofía y tiene 13 años.", "se llama Sofía y tiene 13 años"),
        ("Her name is Grace and she is eleven.", "Her name is Grace and she is eleven"),
        ("La pequeña Abril tiene apenas seis años.", "pequeña Abril tiene apenas seis años"),
    ],
)
def test_ages_in_words_short_forms_and_names_given_apart_are_found(text, excerpt):
    assert [(f.kind, f.excerpt) for f in screen(text)] == [(CHILD_NAME_AGE, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "Se llama Ana y tiene 3 hijos.",
        "Her name is Grace and she is 35.",
        "Il s'appelle Paul, il a 15 ans d'expérience.",
        "Nuestra Fundación de 12 años de trabajo.",
        "Douze villages et treize écoles.",
        "Room 12a is free.",
        "Tumaco, 3a edición del festival de la niñez.",
        "Koffi, coordinateur de 15 ans d'expérience.",
        "La asociación se llama Semillas y tiene 12 años.",
        "Notre club s'appelle Wend Panga et il a 9 ans.",
    ],
)
def test_number_words_and_names_alone_are_not_a_child(text):
    assert CHILD_NAME_AGE not in kinds(text)


def test_number_words_become_digits_and_spans_map_back_to_the_text_as_written():
    numbered = with_digits("Elle a dix-sept ans, lui treize.")
    assert numbered.text == "Elle a 17 ans, lui 13."
    start = numbered.text.index("17")
    assert numbered.original(start, start + len("17 ans")) == (7, 7 + len("dix-sept ans"))
    assert with_digits("No numbers here.").text == "No numbers here."


def test_the_excerpt_covers_the_name_and_the_age():
    assert [f.excerpt for f in screen("Hier, Ibrahim (13 ans) a parlé.")] == ["Ibrahim (13 ans)"]
    assert [f.excerpt for f in screen("Awa (8) and Ibrahim (10) came.")] == ["Awa (8)", "Ibrahim (10)"]
    assert [f.excerpt for f in screen("12-year-old Aminata came.")] == ["12-year-old Aminata"]


# --------------------------------------------------------------------------------------------
# Findings and advice
# --------------------------------------------------------------------------------------------


def test_findings_come_in_text_order_with_their_span_and_reason():
    text = "Aminata, 12 ans, joignable au 77 123 45 67 ou à aminata@gmail.com."
    findings = screen(text)
    assert [f.kind for f in findings] == [CHILD_NAME_AGE, PHONE, EMAIL]
    for finding in findings:
        assert isinstance(finding, Finding)
        assert text[slice(*finding.span)] == finding.excerpt
        assert isinstance(finding.reason, str) and finding.reason
    assert findings[1].reason == "It looks like a phone number."
    assert findings[2].reason == "It looks like an e-mail address."


def test_nothing_to_find_in_empty_or_ordinary_text():
    assert screen("") == []
    assert screen("We ran 12 workshops in 2024.") == []
    assert advice([]) == ""


def test_advice_says_why_and_how_for_each_kind_found():
    phone_only = advice(screen("Call 77 123 45 67."))
    assert "identify or contact a child" in phone_only
    assert "Remove the phone number" in phone_only
    assert "e-mail" not in phone_only and "name or exact age" not in phone_only

    everything = advice(screen("Aminata, 12 years old: 77 123 45 67, aminata@gmail.com"))
    assert "Remove the phone number" in everything
    assert "Remove the e-mail address" in everything
    assert "Do not give a child's name or exact age" in everything


def test_the_rewrite_the_advice_suggests_passes_the_screen():
    text = advice(screen("Aminata, 12 years old"))
    suggested, instead_of = re.findall(r"“(.+?)”", text)
    assert screen(suggested) == []
    assert kinds(instead_of) == [CHILD_NAME_AGE]
    # The same rewrite in the other two languages, for the translators' examples.
    assert screen("une fille de 10 à 14 ans") == [] and screen("una niña de 10 a 14 años") == []


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_advice_and_reasons_are_plain_strings_in_every_language(app, locale):
    findings = screen("Aminata, 12 ans : 77 123 45 67, aminata@gmail.com")
    with app.app_context(), force_locale(locale):
        text = advice(findings)
        reasons = [finding.reason for finding in findings]
    assert isinstance(text, str) and text
    assert all(isinstance(reason, str) and reason for reason in reasons)
    # Whatever the translation, its suggested rewrite must pass and its bad example must not.
    suggested, instead_of = (q.strip() for q in re.findall(r"[“«]\s?(.+?)\s?[”»]", text))
    assert screen(suggested) == [], suggested
    assert kinds(instead_of) == [CHILD_NAME_AGE], instead_of


# --------------------------------------------------------------------------------------------
# The corpus: precision and recall per language
# --------------------------------------------------------------------------------------------


def measure(rows):
    """(precision, recall, misses) on binary flagging; a flagged sentence only counts as found when
    every kind it should have been flagged for was found."""
    true_pos = false_pos = false_neg = 0
    misses = []
    for text, expected in rows:
        found = set(kinds(text))
        if expected and set(expected) <= found:
            true_pos += 1
        elif expected:
            false_neg += 1
            misses.append(("missed", text, sorted(found)))
        elif found:
            false_pos += 1
            misses.append(("wrongly flagged", text, sorted(found)))
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, misses


def test_the_corpus_has_at_least_100_sentences_per_language_about_half_to_flag():
    assert sum(len(rows) for rows in CORPUS.values()) >= 300
    for rows in CORPUS.values():
        flagged = sum(1 for _text, expected in rows if expected)
        assert len(rows) >= 100
        assert abs(flagged - (len(rows) - flagged)) <= 2


def test_precision_and_recall_on_the_corpus():
    figures = {lang: measure(rows) for lang, rows in CORPUS.items()}
    figures["all"] = measure([row for rows in CORPUS.values() for row in rows])
    for lang, (precision, recall, misses) in figures.items():
        print(f"safeguarding corpus {lang}: precision {precision:.3f}, recall {recall:.3f}")
        for miss in misses:
            print("   ", *miss)

    precision_en, recall_en, _ = figures["en"]
    precision_fr, recall_fr, _ = figures["fr"]
    precision_es, recall_es, _ = figures["es"]
    precision_all, recall_all, _ = figures["all"]
    # Measured on the whole corpus (176 en, 178 fr, 176 es sentences, 530 in all): 1.000 everywhere.
    # The third batch (36 sentences per language, half to flag) was written before the screen was rebuilt
    # on phonenumbers and text2num, and run once on the old screen:
    #   batch 3: en precision 1.000, recall 0.444 (8/18); fr 1.000, 0.778 (14/18); es 1.000, 0.556 (10/18)
    # The rules for the kinds it missed were then written with its misses in view, so it is no longer
    # held out. The fourth batch (24 per language, half to flag) was written after those rules and run
    # once before any change: the held-out figures of the rebuilt screen.
    #   batch 4: en precision 1.000, recall 0.833 (10/12); fr 1.000, 0.750 (9/12); es 1.000, 0.667 (8/12)
    # Its misses were names followed by an apposition ("Binta, is just ten", "Nadia, aprendiz de 16 años",
    # "Mateo, de 14,") and "who turned twelve"; the patterns now read those constructions.
    # The two batches written after the first screen, on their first run before any change:
    #   batch 1: en precision 1.000, recall 0.750 (9/12); fr 1.000, 0.923 (12/13); es 1.000, 0.917 (11/12)
    #   batch 2: en precision 1.000, recall 0.900 (9/10); fr 1.000, 0.900 (9/10); es 1.000, 1.000 (10/10)
    assert precision_en >= 0.95  # measured 1.000
    assert recall_en >= 0.95  # measured 1.000
    assert precision_fr >= 0.95  # measured 1.000
    assert recall_fr >= 0.95  # measured 1.000
    assert precision_es >= 0.95  # measured 1.000
    assert recall_es >= 0.95  # measured 1.000
    assert precision_all >= 0.95  # measured 1.000
    assert recall_all >= 0.95  # measured 1.000


# --------------------------------------------------------------------------------------------
# No input makes the screen slow
# --------------------------------------------------------------------------------------------

SIZE = 100_000


def fill(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


ADVERSARIAL = {
    "digits": "7" * SIZE,
    "digits and spaces": fill("1 "),
    "digits and dots": fill("7."),
    "pairs of digits": fill("77 "),
    "zeros": fill("00 "),
    "brackets": fill("(1) "),
    "plus and dashes": fill("+1-"),
    "plus and digits": "+" + "9" * (SIZE - 1),
    "years": fill("2024 "),
    "at signs": fill("a@"),
    "dots then an at sign": fill("a.") + "@x",
    "a long local part": "a" * (SIZE - 5) + "@b.co",
    "dotted local parts": fill("a.b") + "@" + "c" * 70,
    "domain labels": "x@" + fill("a-") + ".com",
    "spelled-out addresses": fill("a at b dot "),
    "one long name": "A" + "a" * (SIZE - 1),
    "names and commas": fill("Aminata, "),
    "names and ages": fill("Awa (12) "),
    "child nouns": fill("une fille de "),
    "year-olds": fill("12-year-old "),
    "ranges": fill("girl aged 12 to "),
    "spaces": " " * SIZE,
    "dashes": "-" * SIZE,
    "mixed": fill("Aminata a 1 2 3 ans, +226 (0) x@y. "),
    "number words": fill("douze "),
    "compound number words": fill("dix-sept cent vingt et un "),
    "names given": fill("se llama Ana y tiene "),
    "short forms": fill("Awa, 13yo "),
    "chat links": fill("wa.me/"),
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_an_adversarial_input_of_100000_characters_is_screened_quickly(name):
    text = ADVERSARIAL[name]
    assert len(text) >= SIZE
    started = time.process_time()  # this process's CPU time: other work on the machine does not count
    screen(text)
    assert time.process_time() - started < 2.0  # generous; about 0.4 s at worst when measured


# --------------------------------------------------------------------------------------------
# Arabic (Morocco, Tunisia)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("مريم، 12 سنة، تحضر النادي.", "مريم، 12 سنة"),
        ("مريم، ١٢ سنة، تحضر النادي.", "مريم، ١٢ سنة"),
        ("أما سلمى فعمرها ١١ عاماً.", "فعمرها ١١ عاماً"),
        ("التقينا بأمين (10 أعوام) في المدرسة.", "بأمين (10 أعوام)"),  # the preposition is written onto the name
        ("يوسف البالغ من العمر 13 عاماً شارك في المجلس.", "البالغ من العمر 13 عاماً"),
        ("تبلغ هند من العمر 15 سنة.", "تبلغ هند من العمر 15 سنة"),
        ("نجحت ريم ذات الـ12 عاماً.", "ذات الـ12 عاماً"),
        ("اسمها فاطمة وعمرها عشر سنوات.", "اسمها فاطمة وعمرها عشر سنوات"),
        ("سلمى، ثلاث عشرة سنة، تحب القراءة.", "سلمى، ثلاث عشرة سنة"),
    ],
)
def test_an_arabic_child_with_a_name_or_an_exact_age_is_found(text, excerpt):
    assert [(f.kind, f.excerpt) for f in screen(text)] == [(CHILD_NAME_AGE, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "يستهدف المشروع الفتيات من 12 إلى 17 سنة.",
        "شارك أطفال تتراوح أعمارهم بين 6 و11 سنة.",
        "استمر البرنامج لمدة 3 سنوات.",
        "تعمل الجمعية منذ 15 سنة.",
        "الجمعية عمرها 12 سنة.",
        "الأطفال البالغون من العمر 10 سنوات فما فوق.",
        "الفتيات في سن 12–17 سنة.",
    ],
)
def test_arabic_groups_ranges_durations_and_organisations_are_not_a_child(text):
    assert screen(text) == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("اتصلوا على +212 6 12 34 56 78.", "+212 6 12 34 56 78"),
        ("اتصلوا على ٠٦١٢٣٤٥٦٧٨ مساءً.", "٠٦١٢٣٤٥٦٧٨"),
        ("رقم واتساب الفريق: ٢٠ ١٢٣ ٤٥٦.", "٢٠ ١٢٣ ٤٥٦"),
        ("الهاتف: 00216 98 765 432", "00216 98 765 432"),
        ("هاتف الجمعية: ٠٥٢٢-٣٤-٥٦-٧٨.", "٠٥٢٢-٣٤-٥٦-٧٨"),
        ("جوال المنشط: +212 661-234-567.", "+212 661-234-567"),
        ("للتواصل: +216 22 333 444", "+216 22 333 444"),
    ],
)
def test_moroccan_and_tunisian_numbers_are_found_in_arabic_text_with_either_digits(text, excerpt):
    """Arabic-Indic digits (٠-٩) are read as 0-9 before the phone check; the excerpt is the text as written."""
    assert [(f.kind, f.excerpt) for f in screen(text)] == [(PHONE, excerpt)]


@pytest.mark.parametrize(
    "text",
    ["المرسوم عدد 2019-1234 ينظم عمل الجمعيات.", "بلغت الميزانية 250000 درهم.", "يعيش في الحي 2 400 000 نسمة.",
     "تنعقد الدورة يوم 12/03/2026."],
)
def test_arabic_references_amounts_and_dates_are_not_phone_numbers(text):
    assert screen(text) == []


def test_an_email_address_in_arabic_text_is_found():
    assert [(f.kind, f.excerpt) for f in screen("أرسلوا أسئلتكم إلى meryem.alaoui@gmail.com قبل الجمعة.")] == [
        (EMAIL, "meryem.alaoui@gmail.com")
    ]


def test_precision_and_recall_on_the_arabic_corpus():
    """44 sentences written before the Arabic rules, then 22 written after them and run once.
    First runs: batch 1 precision 0.952, recall 0.909 (20/22: "فعمرها" with its prefix and an age in
    words missed; a Tunisian decree number taken for a phone); batch 2 precision 1.000, recall 1.000
    (11/11, no false alarm)."""
    assert len(AR) >= 60
    flagged = sum(1 for _text, expected in AR if expected)
    assert flagged == len(AR) - flagged
    precision, recall, misses = measure(AR)
    print(f"safeguarding corpus ar: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95, misses  # measured 1.000
    assert recall >= 0.95, misses  # measured 1.000
