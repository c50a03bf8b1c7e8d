"""The patterns of the child-safeguarding screen (app.community.safeguarding): phone numbers, e-mail
addresses, links to private chats, and a child's name or description next to an exact age, in English,
French and Spanish. Whether digits make a valid number of a country is libphonenumber's to say (in the
screen); number words are digits before the age patterns read the text (safeguarding_numbers).

Every repetition in these patterns is bounded or unambiguous, so no input makes them backtrack without
bound; numbers are cut into runs of digit groups here and judged in Python by the screen.
"""

import re

# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------

DIGITS = re.compile(r"[0-9]+")
# Groups of digits written as one number: between two groups at most two spaces, or one dot or dash
# (with a space on either side), or a bracket ("(+504) 9912-3456", "+57 (1) 234 5678").
_SP = "[ \t\u00a0\u202f]"
RUN = re.compile(
    rf"[0-9]+(?:(?:{_SP}{{1,2}}|{_SP}?[.\-\u2010\u2011\u2013]{_SP}?|{_SP}?\){_SP}?\(?|{_SP}?\(){_SP}?[0-9]+)*"
)

# A word just before the number that says it is a phone number: shorter numbers count too.
PHONE_CUE = re.compile(
    r"\b(?:t[ée]l[ée]?(?:phone|[ée]fono)?s?|tel|phone|mobile|portable|cell(?:ulaire|ular)?|celular|"
    r"m[óo]vil|whats\s?app|appel(?:ez|er|le)?|call|ring|llam(?:ar|e|a|en)|marque|composez|dial|"
    r"joignable|contactez|contacte|contactar|fixe|fijo|landline|hotline)(?![\w])"
    # Arabic, with the prefixes written onto the word (و، ف، ب، ل، ال): هاتف، اتصلوا، واتساب، الجوال
    r"|(?<![\u0621-\u064a])(?:[وفبل]?(?:ال)?)(?:هاتف|هواتف|اتصل|اتصلوا|اتصال|واتساب|واتس|جوال|محمول|نقال)"
    r"[\u0621-\u064a]{0,3}(?![\u0621-\u064a])",
    re.IGNORECASE,
)
# A word just before the number that says it is a reference, a law, an account or an amount.
OTHER_CUE = re.compile(
    r"(?:\b(?:n|no|nº|num)\s?[°º.]|\b(?:r[ée]f[ée]rence|referencia|reference|r[ée]f|"
    r"facture|invoice|factura|dossier|expediente|contrat|contract|contrato|d[ée]cret|decree|decreto|"
    r"loi|law|ley|arr[êe]t[ée]|resoluci[óo]n|resolution|nit|ruc|rccm|nif|ifu|ninea|rut|iban|bic|swift|"
    r"compte|account|cuenta|isbn|issn|code|c[óo]digo|r[ée]c[ée]piss[ée]|agr[ée]ment|registro|"
    r"registration|matricule|c[ée]dula|dni|cni|passport|passeport|pasaporte|bp|b\.p|cp|apartado|"
    r"xof|fcfa|cfa|cop|usd|eur|mga|mad|dh|tnd|dt|pen|crc|hnl|lps?|us\$|s/)(?![\w])|[$€₡£#]"
    # Arabic: a decree, a law, a decision, "number" in a reference (عدد), an invoice, a file, an account
    r"|(?<![\u0621-\u064a])(?:[وفبل]?(?:ال)?)(?:مرسوم|قانون|قرار|عدد|فاتورة|ملف|حساب|مرجع|ظهير|منشور)"
    r"(?![\u0621-\u064a]))",
    re.IGNORECASE,
)
# What follows a number that makes it an amount, a share or a count.
AFTER_AMOUNT = re.compile(
    r"\s{0,2}(?:[$€₡£%‰]|(?:xof|fcfa|f\s?cfa|cfa|francs?|cop|pesos?|usd|dollars?|d[óo]lares|eur|euros?|"
    r"mga|ariary|ar|mad|dh|dirhams?|tnd|dinars?|dt|pen|soles|crc|colones|hnl|lempiras?|km|kg|ha|hectares?|"
    r"habitants?|inhabitants|habitantes|personnes|people|personas|persons|enfants|children|ni[ñn][oa]s|"
    r"m[ée]nages|households|hogares|b[ée]n[ée]ficiaires|beneficiaries|beneficiarios|families|familles|"
    r"familias|tonnes|tons|toneladas|litres|liters|litros)(?![\w])"
    r"|(?:درهم|دراهم|دينار|دنانير|نسمة|طفل|أطفال|شخص|أشخاص|أسرة|أسر|مستفيد|كلم|كيلومتر|كغ|طن|لتر)"
    r"[\u0621-\u064a\u064b-\u0652]{0,3}(?![\u0621-\u064a]))",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# E-mail addresses
# --------------------------------------------------------------------------------------------

EMAIL_ADDRESS = re.compile(
    r"\b(?<![\w.%+-])[\w.%+-]{1,64}\s?@\s?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])"
)
_AT = r"(?:\s?[\[(]\s?(?:at|arroba|arobase)\s?[\])]\s?|\s(?:at|arroba|arobase)\s)"
_DOT = r"(?:\s?[\[(]\s?(?:dot|point|punto)\s?[\])]\s?|\s(?:dot|point|punto)\s)"
OBFUSCATED_EMAIL = re.compile(
    r"\b(?<![\w.+-])[\w.+-]{1,64}"
    + _AT
    + r"[a-z0-9-]{1,63}(?:(?:\.|"
    + _DOT
    + r")[a-z0-9-]{1,63}){0,4}"
    + _DOT
    + r"(?:com|org|net|info|edu|gov|gouv|int|fr|sn|bf|ci|mg|tg|ma|tn|co|cr|hn|pe|es|be|ch|ca|uk|us)(?![\w])",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# Links that open a private chat or a messaging group
# --------------------------------------------------------------------------------------------

MESSAGING_LINK = re.compile(
    r"(?<![\w.-])(?:(?:https?://)?(?:www\.)?(?:wa\.me|api\.whatsapp\.com|web\.whatsapp\.com|chat\.whatsapp\.com|"
    r"whatsapp\.com/(?:send|channel|dl)|t\.me|telegram\.me|telegram\.dog|m\.me|signal\.me|signal\.group|"
    r"invite\.viber\.com|viber\.me|msng\.link)(?![\w.-])[/?#][^\s<>\"'()\[\]]{0,300}"
    r"|(?:whatsapp|tg|viber|signal|sms|tel|callto)://?[^\s<>\"'()\[\]]{1,300}"
    r"|\btel:\+?[0-9][0-9 ().-]{5,30}[0-9])",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# A child's name or description with an exact age
# --------------------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOWER = "a-zß-öø-ÿā-ž"
# A capitalised first name ("Aminata", "Marie-Claire", "N'Deye"); case-sensitive inside (?i) patterns.
_NAME = (
    rf"\b(?<![\w'’-])(?P<name>(?-i:(?:[{_UPPER}]['’])?[{_UPPER}][{_LOWER}]{{1,20}}"
    rf"(?:-[{_UPPER}][{_LOWER}]{{1,20}})?))(?![\w'’])"
)
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "dix-sept|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|diecis[ée]is|diecisiete"
)


# A short form glued to the age: "13yo", "12 y/o", "9yrs", "11a" (French and Spanish notes), "14ans".
# "11a" counts only before punctuation: "3a edición" is an ordinal.
_GLUED_UNIT = r"(?:yo|y/o|y\.o\.?|yrs?|ans|an|años|añitos|a)(?![\w])"


def _age(group: str, words: bool = True) -> str:
    """An age a child can have: 1 to 17, in digits or also in words; not a decimal, not part of a bigger
    number; a letter may follow only as a short form of "years" ("13yo")."""
    choices = r"1[0-7]|0?[1-9]" + ("|" + _NUMBER_WORDS if words else "")
    return rf"\b(?<![\d.,\w-])(?P<{group}>{choices})(?:(?![\d\w]|[.,]\d)|(?={_GLUED_UNIT}))"


_AGE = _age("age")
_YEARS = (
    r"(?P<unit>\s?(?:-\s?)?(?:years?|yrs?\.?)(?:[\s-]old)?|\s?(?:yo|y/o|y\.\s?o\.?)"
    r"|\s?(?:ans|an|años|año|anos|añitos|añito)(?:\s(?:de\s)?edad)?|a(?=[,;:)]|\.(?:\s|$)|$))(?![\w])"
)
_S = r"\s{1,3}"

# "only", "just", "barely" before an age.
_ONLY = (
    r"(?:(?:only|just|barely|seulement|[àa]\speine|tout\sjuste|apenas|s[oó]lo|reci[ée]n|tan\ss[oó]lo)"
    + _S + r")?"
)
# "Aminata, 12 years old", "Fatou (11 ans)", "Mariam, âgée de 14 ans", "Juan, de 7 años", "Moussa a 10 ans".
_NAME_LINK = (
    r"(?:\s{0,2}[,(–—-]\s{0,3}(?:(?:aged|age|who\sis|who's|who\swas|qui\sa|qui\savait|[âa]g[ée]e?\s(?:de|d['’])|"
    r"de|que\stiene|quien\stiene|que\sten[ií]a|quien\sten[ií]a|de\sapenas|de\ss[oó]lo|de\stan\ss[oó]lo|"
    r"qui\sa\seu|qui\svient\sd['’]avoir|qui\saura|que\scumpli[óo]|quien\scumpli[óo]|who\sturned|who\sjust\sturned)"
    + _S + r")?"
    # An appositive: "Nadia, apprentie de 16 ans", "Nadia, aprendiz de 16 años", "Kojo, a pupil aged 9".
    + r"|\s?,\s{1,3}(?-i:[a-zà-öø-ÿ]{1,20})(?:\s(?-i:[a-zà-öø-ÿ]{1,20})){0,2}\s{1,3}(?:de|d['’]|aged|of)" + _S
    + r"|(?:\s?,)?" + _S
    + r"(?:is|was|turned|turns|(?:has\s)?just\sturned|a|avait|aura|a\seu|vient\sd['’]avoir|f[êe]te\sses|"
    r"est\s[âa]g[ée]e?\sde|tiene|ten[ií]a|cumpli[óo]|cumple|tendr[áa]|acaba\sde\scumplir|de)" + _S
    + _ONLY + r")"
)
NAME_AGE = re.compile(_NAME + _NAME_LINK + _AGE + _YEARS, re.IGNORECASE)
# What may follow an age given without "years": the end of the clause or a word that goes on the sentence.
_AGE_ENDS = (
    r"(?=\s?(?:[.,;:!?)]|$)|\s(?:and|but|now|today|yesterday|last|this|in|on|when|while|so|because|already|"
    r"et|mais|depuis|en|le|la|cette|y|pero|ya|desde|el|este|esta|hace)\b)"
)
# "Aminata (12)", "Pedro, 9, ...", "Aminata is 9.", "Mariam turned 13 and ...", "Fatima, aged 11, ...".
NAME_BARE_AGE = re.compile(
    _NAME
    + r"(?:\s?\(\s?(?:(?:aged|age)\s{1,3})?"
    + _age("age", words=False)
    + r"\s?\)|\s?,\s?(?:de\s{1,3})?"
    + _age("age2", words=False)
    + r"\s?,|(?:\s?,)?"
    + _S
    + r"(?:is|was|turned|turns|(?:has\s)?just\sturned|aged|age|who\sis|who's|who\swas|who\sturned|cumpli[óo]|"
    r"cumple|que\scumpli[óo]|quien\scumpli[óo]|a\seu|qui\sa\seu)"
    + _S
    + _ONLY
    + _age("age3")
    + _AGE_ENDS
    + r"|(?:\s?,)?"
    + _S
    + r"(?:aged|[âa]g[ée]e?\sde)"
    + _S
    + _age("age4")
    + r"(?![\w-]))",
    re.IGNORECASE,
)
# A name introduced ("her name is Grace", "s'appelle Mariam", "se llama Sofía", "a boy called Yao") and,
# further in the same sentence, an age: "... and she is 11", "... et elle a 13 ans", "... y tiene 13 años".
NAMED_THEN_AGE = re.compile(
    r"\b(?:(?:his|her|my|whose)\sname\sis|named|called|s['’]appelle|se\snomme|pr[ée]nomm[ée]e?|nomm[ée]e?|"
    r"se\sllama|llamad[oa]|de\snombre)\s{1,3}"
    + _NAME
    + r"[^.!?\n]{0,60}?\b(?:is|was|'s|turned|turns|(?:has\s)?just\sturned|a|avait|vient\sd['’]avoir|a\seu|tiene|"
    r"ten[ií]a|cumpli[óo]|cumple|acaba\sde\scumplir)"
    + _S
    + _ONLY
    + _AGE
    + r"(?:"
    + _YEARS
    + r"|"
    + _AGE_ENDS
    + r")",
    re.IGNORECASE,
)
# "12-year-old Aminata", "a 12-year-old girl", "the 10-year-old boy".
YEAR_OLD = re.compile(
    r"\b(?<![\w-])(?:(?P<det>a|an|the|this|that|one|every|each|any|no|two|three|several|many|some|all)\s{1,3})?"
    + _AGE
    + r"(?P<old>(?:\s?-\s?|\s)(?:year|yr)(?:\s?-\s?|\s)old)(?![\w-])(?:\s{1,3}(?P<next>[\w'’-]{1,25}))?",
    re.IGNORECASE,
)
# "a girl aged 12", "the boy, aged 10", "a girl of 13", "une fille de 12 ans", "la niña de 9 años".
_EN_NOUNS = (
    r"girl|boy|child|kid|teenager|teen|adolescent|student|pupil|schoolgirl|schoolboy|daughter|son|orphan|mother|"
    r"baby|toddler|youngster|niece|nephew|survivor|victim|apprentice|talib[ée]|young\s(?:woman|man|mother|person)"
)
_FR_NOUNS = (
    r"fille|fillette|gar[çc]on|gar[çc]onnet|enfant|adolescente?|ado|[ée]l[èe]ve|[ée]coli[èe]re?|coll[ée]gienne?|"
    r"lyc[ée]enne?|orpheline?|b[ée]b[ée]|nourrisson|petite?|gamine?|talib[ée]|apprentie?|victime|survivante?|"
    r"m[èe]re|maman|fils|ni[èe]ce|neveu|s(?:œ|oe)ur|fr[èe]re|jeune"
)
_ES_NOUNS = (
    r"ni[ñn]a|ni[ñn]o|nena|nene|chica|chico|chiquilla|chiquillo|adolescente|joven|muchacha|muchacho|estudiante|"
    r"alumna|alumno|escolar|beb[ée]|hija|hijo|hu[ée]rfana|hu[ée]rfano|nieta|nieto|hermana|hermano|peque[ñn]a|"
    r"peque[ñn]o|v[ií]ctima|sobreviviente|madre|mam[áa]"
)
EN_NOUN = re.compile(_EN_NOUNS, re.IGNORECASE)
EN_CHILD_AGE = re.compile(
    r"\b(?<![\w-])(?P<noun>"
    + _EN_NOUNS
    + r")(?![\w-])(?:\s{0,2},?"
    + _S
    + r"(?P<link>aged|age|of)"
    + _S
    + r"|\s?,\s{1,3}(?="
    + _age("comma_age")
    + r"(?:\s?,|"
    + _YEARS.replace("?P<unit>", "")
    + r")))"
    + _AGE
    + r"(?:"
    + _YEARS
    + r")?",
    re.IGNORECASE,
)
FR_ES_CHILD_AGE = re.compile(
    r"\b(?<![\w-])(?P<noun>"
    + _FR_NOUNS
    + "|"
    + _ES_NOUNS
    + r")(?![\w-])(?:"
    + _S
    + _NAME.replace("?P<name>", "")
    + r")?(?:\s?,\s{0,3}|\s{0,2},?"
    + _S
    + r"(?:[âa]g[ée]e?"
    + _S
    + r")?(?:de|d['’])\s{0,3}"
    r"(?:(?:apenas|s[oó]lo|tan\ss[oó]lo|escasos|seulement|[àa]\speine|tout\sjuste)"
    + _S
    + r")?|"
    + _S
    + r"(?:tiene|ten[ií]a|cumpli[óo]|cumple|a|avait|vient\sd['’]avoir|a\seu)"
    + _S
    + _ONLY
    + r")"
    + _AGE
    + r"\s?(?P<unit>ans|años|anos|añitos|a(?=[,;:)]|\.(?:\s|$)|$))(?![\w])",
    re.IGNORECASE,
)

# After the age: a range ("12 to 17"), "or older", or a duration ("12 years later", "12 ans d'expérience").
NOT_ONE_AGE = re.compile(
    r"\s{0,2}(?:[-–—/]\s{0,2}(?:\d|" + _NUMBER_WORDS + r")|\+"
    r"|\s(?:to|à|au|a|y|and|et|or|ou|o)\s{1,3}(?:\d{1,3}|" + _NUMBER_WORDS + r")(?![\w])"
    r"|\s(?:o\smás|ou\splus|et\splus|y\smás|and\s(?:over|older|above|up)|or\s(?:over|older|more|above)|"
    r"later|ago|after|before|plus\stard|plus\stôt|après|auparavant|después|antes|atrás|más\starde|"
    r"of\s(?:work|service|experience|existence|war|conflict|marriage|operation|activity|activities|partnership|"
    r"collaboration|engagement|history|struggle|schooling|education|research)|"
    r"d['’](?:expérience|existence|activité|activités|engagement|ancienneté|études|action|actions|histoire|"
    r"intervention|interventions|exercice|école)|"
    r"de\s(?:travail|service|vie\scommune|mariage|prison|présence|collaboration|partenariat|carrière|lutte|guerre|"
    r"conflit|fonctionnement|scolarité|experiencia|trabajo|servicio|matrimonio|cárcel|prisión|existencia|labor|"
    r"conflicto|colaboración|trayectoria|historia|carrera|lucha|escolaridad)))(?![\w])",
    re.IGNORECASE,
)
PLURAL_PEOPLE = frozenset(
    "girls boys children kids teenagers teens adolescents students pupils schoolgirls schoolboys daughters sons "
    "orphans babies toddlers youngsters participants learners members survivors victims mothers people olds".split()
)
NOT_A_PERSON = frozenset(
    "programme program project projet proyecto partnership partenariat organisation organization association "
    "network building school law tradition policy strategy plan campaign car vehicle tree house agreement "
    "convention committee initiative centre center fund database system".split()
)
# What may be named before an age without being a child: "our association is called Semillas and is 12".
NAMED_THINGS = NOT_A_PERSON | frozenset(
    "asociación fundación fondation foundation club réseau red programa organización ong ngo groupe grupo "
    "group team équipe equipo école escuela colegio collège lycée comité centro radio émission programa "
    "festival feria foire coopérative cooperativa cooperative collectif colectivo".split()
)
WORDS_BEFORE = re.compile(r"[\w'’-]{1,30}")
NOT_A_NAME = frozenset(
    # Words that start sentences or headings.
    "The A An This That These Those It He She They We You I Our Their His Her Its My Your Today Yesterday "
    "Now Then Since After Before During In On At By For From With Without About Also And But Or So Yet Here "
    "There When While Where Finally However Overall Meanwhile Moreover Every Each All Some Many Most One "
    "Le La Les L Un Une Des Du De Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Notre Nos Leur Leurs Son "
    "Sa Ses Aujourd Hier Maintenant Alors Ainsi Puis Ensuite Enfin Depuis Pendant Après Avant Dans Pour Par "
    "Avec Sans Sur Sous Chez Et Mais Ou Donc Or Ni Car Désormais Chaque Tous Toutes Plus Moins Environ "
    "El Los Las Una Unos Unas Este Esta Estos Estas Ese Esa Él Ella Ellos Ellas Nosotros Nuestro Nuestra "
    "Su Sus Hoy Ayer Ahora Luego Después Antes Desde Durante Para Por Con Sin Sobre Entre Hasta Pero Así "
    "Además Finalmente Cada Todos Todas Más Menos Cerca Casi Solo Sólo "
    # Months and days.
    "January February March April May June July August September October November December "
    "Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre "
    "Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Setiembre Octubre Noviembre Diciembre "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Lundi Mardi Mercredi Jeudi Vendredi Samedi "
    "Dimanche Lunes Martes Miércoles Jueves Viernes Sábado Domingo "
    # Words of the programme's documents.
    "Article Articles Artículo Section Sección Chapter Chapitre Capítulo Annex Annexe Anexo Table Tableau "
    "Tabla Figure Figura Phase Fase Step Étape Paso Stage Etapa Objective Objectif Objetivo Goal "
    "Indicator Indicateur Indicador Activity Activité Actividad Output Outcome Result Résultat Resultado "
    "Group Groupe Grupo Module Session Séance Sesión Workshop Atelier Taller Lot Level Niveau Nivel Grade "
    "Grado Class Classe Clase Year Année Año Week Semaine Semana Month Mois Mes Day Jour Día Page Room "
    "Salle Sala Budget Presupuesto Total Age Âge Edad Ages Âges Edades Team Équipe Equipo Code Código "
    "Law Loi Ley Decree Décret Decreto Version Round Tour Ronda Cohort Cohorte Zone Zona Region Région "
    "Región District Commune Comuna Municipio Province Provincia Department Département Departamento "
    # Organisations and what they run.
    "Fundación Fondation Foundation Asociación Association Associação Programme Programa Program Proyecto "
    "Projet Project Centre Centro Center Escuela École School Colegio Collège Lycée Club Comité Committee "
    "Red Réseau Network Plan Taller Atelier Campaña Campagne Campaign Casa Maison House Hogar Foyer "
    # Countries and places of the programme.
    "Burkina Faso Côte Ivoire Madagascar Senegal Sénégal Togo Morocco Maroc Marruecos Tunisia Tunisie "
    "Túnez Colombia Colombie Costa Rica Honduras Peru Pérou Perú Africa Afrique África America Amérique "
    "América Dakar Thiès Kaolack Ziguinchor Touba Louga Kolda Ouagadougou Ouaga Bobo Dioulasso Koudougou "
    "Kaya Ziniaré Abidjan Bouaké Korhogo Yamoussoukro Daloa Antananarivo Tana Toamasina Antsirabe Mahajanga "
    "Toliara Fianarantsoa Lomé Sokodé Kpalimé Atakpamé Dapaong Rabat Casablanca Marrakech Fès Tanger "
    "Agadir Meknès Oujda Tunis Sfax Sousse Kairouan Bizerte Gabès Bogotá Medellín Cali Barranquilla "
    "Cartagena Cúcuta Soacha Limón Alajuela Heredia Cartago Puntarenas Tegucigalpa Sula Ceiba "
    "Choluteca Lima Cusco Cuzco Arequipa Piura Trujillo Iquitos Puno Ayacucho".split()
)
NEXT_WORD = re.compile(r"\s{1,3}([\w'’-]{1,25})")
# "a girl of 13" is an age; "a mother of 3", "a son of 12 farmers" are not.
OF_IS_NOT_AGE = frozenset({"mother", "sister", "brother", "daughter", "son", "young mother"})
VERBS_IN_S = frozenset({"is", "was", "has", "as", "lives", "says", "goes", "works", "walks", "sells"})


# --------------------------------------------------------------------------------------------
# Arabic (Morocco, Tunisia): Arabic has no capital letters, so a name is an Arabic word without the
# article (ال) next to an age, or the word after "اسمها / تُدعى"; an age is one or two digits (the
# screen reads Arabic-Indic digits as 0-9 first) and a unit of years. "عمرها / البالغة من العمر"
# single out one child; plural forms (أعمارهم، البالغون) and ranges (من 12 إلى 17، بين 6 و11) do not.
# --------------------------------------------------------------------------------------------

_AR_LETTER = "\u0621-\u064a\u0671-\u06d3"  # Arabic letters, without the diacritics and digits
_AR_HARAKAT = "\u064b-\u0652"
_AR_YEARS = (
    rf"(?:سنة|سنوات|سنين|سنه|عام(?:[{_AR_HARAKAT}]*ا[{_AR_HARAKAT}]*|[{_AR_HARAKAT}]+)?|أعوام|اعوام)"
    rf"(?![{_AR_LETTER}])"
)
# Ages in words too, from one to seventeen ("عشر سنوات", "ثلاث عشرة سنة").
_AR_UNITS = "إحدى|أحد|اثنا|اثنتا|اثني|اثنتي|ثلاثة|ثلاث|أربعة|أربع|خمسة|خمس|ستة|ست|سبعة|سبع|ثمانية|ثماني|ثمان|تسعة|تسع"
_AR_AGE_WORDS = (
    rf"(?:(?:{_AR_UNITS})\s(?:عشرة|عشر)|عشرة|عشر|{_AR_UNITS}|واحدة|واحد|اثنتان|اثنان|اثنتين|اثنين|سنتان|سنتين|عامان|عامين)"
)
_AR_AGE = rf"(?:الـ\s?|ال)?(?P<age>\d{{1,2}}|{_AR_AGE_WORDS}(?![{_AR_LETTER}]))\s?(?:{_AR_YEARS})"
_AR_NAME = rf"(?P<name>(?!ال)[{_AR_LETTER}]{{2,15}})"
# "مريم، 12 سنة", "مريم (12 سنة)", "أمين (10 أعوام)", "خديجة، ٩ سنوات"
AR_NAME_AGE = re.compile(rf"(?<![{_AR_LETTER}]){_AR_NAME}\s?(?:[،,]\s?|\(\s?){_AR_AGE}")
# "عمرها ١١ عاماً", "البالغ من العمر 13 عاماً", "تبلغ هند من العمر 15 سنة", "ذات الـ12 عاماً", "بعمر 9 سنوات"
AR_ONE_CHILD_AGE = re.compile(
    rf"(?<![{_AR_LETTER}])(?:[وف]?(?:عمرها|عمره|عمرُها|عمرُه)\s?|(?:البالغة|البالغ)\s(?:من\s)?العمر\s?|"
    rf"(?:تبلغ|يبلغ)(?:\s[{_AR_LETTER}]{{2,15}})?\sمن\sالعمر\s?|(?:ذات|ذو|ذي)\s|بعمر\s?)"
    + _AR_AGE
)
# "اسمها فاطمة ... 12 سنة": a name given, then an age within the sentence.
AR_NAMED_THEN_AGE = re.compile(
    rf"(?<![{_AR_LETTER}])(?:اسمها|اسمه|تدعى|تُدعى|يدعى|يُدعى)\s[{_AR_LETTER}]{{2,15}}[^.!?؟\n]{{0,40}}?" + _AR_AGE
)
# After the age: a range or a threshold, not one age ("12 إلى 17", "6 و11", "10 سنوات فما فوق").
AR_NOT_ONE_AGE = re.compile(r"\s?(?:[-–—]\s?\d|(?:إلى|الى|حتى|و)\s?\d|فما\s|فأكثر|وما\s)")
# Before the age: "من 12", "بين 6", "دون 5", "لمدة": a range, a threshold or a duration.
AR_BEFORE_NOT_AGE = re.compile(r"(?:من|بين|دون|تحت|فوق|أقل من|أكثر من|لمدة|منذ|خلال)\s?$")
# Things that have an age too: "الجمعية عمرها 12 سنة".
AR_NAMED_THINGS = frozenset(
    "الجمعية جمعية الجمعيات المنظمة منظمة المدرسة مدرسة النادي نادي المشروع مشروع المبادرة مبادرة المركز مركز "
    "الشبكة شبكة البرنامج برنامج الدار دار الفريق فريق".split()
)
AR_WORDS_BEFORE = re.compile(rf"[{_AR_LETTER}]+")
