"""The demo initiatives: each one's own title, summary and description, people reached, dates and budget.

Every initiative belongs to a demo organisation of app.demo.accounts and is written in its language
(French in Africa, Spanish in Latin America) unless `language` says otherwise. `story` names its path
through the stages, played by app.demo.projects through the real domain functions.
"""

from dataclasses import dataclass

WELLBEING, PROTECTION, ADVOCACY = "social_wellbeing", "child_protection", "rights_advocacy"
GIRLS, PARTICIPATION = "girls_empowerment", "child_participation"


@dataclass(frozen=True)
class DemoInitiative:
    org: str  # the organisation's slug
    story: str  # a key of app.demo.projects.STORIES
    place: str  # the town the assessment answers speak of
    title: str
    summary: str
    description: str  # Markdown
    themes: tuple[str, ...]
    groups: tuple[str, ...]  # target groups
    children: tuple[int, int, int, int, int, int]  # girls 0-5, 6-11, 12-17, then boys 0-5, 6-11, 12-17
    dates: tuple[str, str]  # start and end
    budget: int  # in the currency of the organisation's country
    girls_focused: bool = False
    ge: str = "GE-2"  # the partner's self-assessed gender-equality code
    review_ge: str | None = None  # the reviewer's code (the self-assessed one when None)
    language: str | None = None  # the organisation's language when None
    note: str = ""  # the note of the decision the story ends with (changes, rejection, withdrawal)


INITIATIVES: tuple[DemoInitiative, ...] = (
    # Burkina Faso
    DemoInitiative(
        "lanternes-koudougou", "completed", "Koudougou",
        title="Lanternes du savoir : tutorat des collégiennes de Koudougou",
        summary=(
            "Tutorat du soir, clubs de lecture et dialogue avec les familles pour que 240 collégiennes de "
            "Koudougou passent en classe supérieure au lieu de quitter l'école."
        ),
        description=(
            "Dans les collèges de Koudougou, une fille sur trois abandonne avant la classe de 3e. Le projet "
            "propose :\n\n"
            "- un **tutorat du soir** trois fois par semaine, animé par des étudiantes de l'université Norbert "
            "Zongo ;\n"
            "- des **clubs de lecture** où les filles choisissent les livres ;\n"
            "- des **visites aux familles** pour parler des tâches ménagères et des mariages précoces.\n\n"
            "Les garçons des mêmes classes sont invités aux séances de lecture mixtes du samedi."
        ),
        themes=(GIRLS, WELLBEING), groups=("adolescent_girls", "parents_caregivers", "teachers_educators"),
        children=(0, 40, 200, 0, 0, 60), dates=("2024-10-01", "2026-06-30"), budget=18_500_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "lanternes-koudougou", "launch_review", "Koudougou",
        title="Kits d'hygiène menstruelle et latrines séparées dans huit écoles de Koudougou",
        summary=(
            "Des kits lavables cousus par des couturières locales, des latrines séparées et des séances "
            "d'information pour que les filles ne manquent plus l'école pendant leurs règles."
        ),
        description=(
            "Les enseignantes constatent jusqu'à quatre jours d'absence par mois chez les filles réglées.\n\n"
            "### Ce que nous ferons\n\n"
            "- coudre 1 200 kits lavables avec un atelier de couturières de Koudougou ;\n"
            "- réhabiliter des latrines séparées, avec point d'eau, dans huit écoles ;\n"
            "- animer des séances d'information pour les filles, les garçons et les mères, séparément puis "
            "ensemble.\n\n"
            "Les associations de parents d'élèves entretiennent les latrines."
        ),
        themes=(GIRLS, WELLBEING), groups=("girls", "adolescent_girls", "parents_caregivers", "teachers_educators"),
        children=(0, 350, 420, 0, 300, 260), dates=("2027-01-04", "2027-12-17"), budget=22_000_000,
        girls_focused=True, ge="GE-3", review_ge="GE-2",
    ),
    DemoInitiative(
        "lanternes-koudougou", "draft_started", "Koudougou",
        title="Pères alliés : parler de la scolarité des filles dans les grins de Koudougou",
        summary=(
            "Des discussions entre hommes, dans les grins de thé des quartiers, pour que les pères soutiennent la"
            " poursuite des études de leurs filles jusqu'au baccalauréat."
        ),
        description=(
            "Les mères que nous accompagnons disent souvent que la décision de retirer une fille de l'école "
            "revient au père.\n\n"
            "Nous voulons former douze pères « relais » qui animeront des discussions dans les *grins* (cercles "
            "de thé) de six secteurs, avec des témoignages d'anciennes élèves devenues infirmières ou "
            "enseignantes."
        ),
        themes=(GIRLS, ADVOCACY), groups=("parents_caregivers", "community_leaders", "adolescent_girls"),
        children=(0, 0, 150, 0, 0, 0), dates=("2027-09-01", "2028-06-30"), budget=9_500_000,
        girls_focused=True,
    ),
    DemoInitiative(
        "voix-des-enfants-kaya", "launch_review", "Kaya",
        title="Budget participatif des enfants de Kaya",
        summary=(
            "Le conseil communal des enfants de Kaya décide de l'usage d'une enveloppe municipale de 5 millions "
            "de francs CFA pour des projets choisis et suivis par les enfants eux-mêmes."
        ),
        description=(
            "La mairie de Kaya a accepté de réserver une ligne de son budget aux propositions du conseil des "
            "enfants.\n\n"
            "- 30 conseillères et conseillers de 10 à 17 ans, élus dans les écoles et les sites de personnes "
            "déplacées ;\n"
            "- une formation au budget et au plaidoyer ;\n"
            "- un vote public des projets et un suivi des travaux par les enfants.\n\n"
            "La parité entre filles et garçons est inscrite dans le règlement du conseil."
        ),
        themes=(PARTICIPATION, ADVOCACY), groups=("girls", "boys", "migrant_children", "community_leaders"),
        children=(0, 120, 160, 0, 110, 150), dates=("2027-01-15", "2027-12-15"), budget=14_000_000,
    ),
    DemoInitiative(
        "voix-des-enfants-kaya", "draft", "Kaya",
        title="Carnets de plaidoyer des enfants déplacés du Centre-Nord",
        summary=(
            "Les enfants des sites de déplacés de Kaya écrivent et dessinent ce qui leur manque, puis présentent "
            "leurs carnets aux autorités régionales et aux acteurs humanitaires."
        ),
        description=(
            "Plus de la moitié des personnes déplacées du Centre-Nord sont des enfants, et on les consulte "
            "rarement.\n\n"
            "Avec des ateliers d'écriture et de dessin, filles et garçons de 8 à 17 ans préparent des **carnets "
            "de plaidoyer** sur l'école, l'eau et la sécurité, qu'ils remettent eux-mêmes lors de la réunion de "
            "coordination humanitaire."
        ),
        themes=(ADVOCACY, PARTICIPATION), groups=("migrant_children", "girls", "boys"),
        children=(0, 90, 110, 0, 80, 100), dates=("2027-04-01", "2027-12-31"), budget=7_800_000,
        ge="GE-1",
    ),
    DemoInitiative(
        "voix-des-enfants-kaya", "submitted", "Kaya",
        title="Children's Voices for Safe Schools in Kaya",
        summary=(
            "Pupils map the dangers on their way to school and inside it, then work with teachers and the town "
            "council on a safety plan for twelve primary schools in Kaya."
        ),
        description=(
            "Insecurity has closed many schools in the Centre-Nord region, and those still open take in displaced"
            " pupils.\n\n"
            "- girls and boys draw **risk maps** of their route and their school;\n"
            "- school safety committees with equal numbers of girls and boys;\n"
            "- a safety plan signed by the head teachers and presented to the town council.\n\n"
            "The proposal is written in English for the programme's international co-funders."
        ),
        themes=(PROTECTION, PARTICIPATION), groups=("girls", "boys", "migrant_children", "teachers_educators"),
        children=(0, 420, 180, 0, 400, 170), dates=("2027-02-01", "2027-11-30"), budget=16_000_000,
        language="en",
    ),
    # Côte d'Ivoire
    DemoInitiative(
        "jeunes-voix-bouake", "completed", "Bouaké",
        title="Radio Jeunes Voix : une émission mensuelle sur les droits des filles",
        summary=(
            "Douze émissions préparées et animées par des collégiennes et des collégiens de Bouaké sur "
            "l'excision, le mariage précoce et l'école, diffusées sur deux radios communautaires."
        ),
        description=(
            "Chaque mois, une équipe de huit jeunes reporters (cinq filles, trois garçons) choisit un thème, "
            "interroge des habitants et anime un débat en direct.\n\n"
            "- formation au reportage et à l'éthique de l'interview ;\n"
            "- diffusion sur deux radios communautaires de la vallée du Bandama ;\n"
            "- un numéro gratuit pour les questions des auditeurs, en français et en baoulé."
        ),
        themes=(PARTICIPATION, ADVOCACY, GIRLS), groups=("adolescent_girls", "adolescent_boys", "community_leaders"),
        children=(0, 0, 60, 0, 0, 36), dates=("2024-11-01", "2025-12-20"), budget=11_200_000,
        girls_focused=True, ge="GE-3", review_ge="GE-2",
    ),
    DemoInitiative(
        "jeunes-voix-bouake", "changes_requested", "Bouaké",
        title="Reporters en herbe dans les villages de la vallée du Bandama",
        summary=(
            "Étendre les ateliers de radio des enfants à six villages autour de Bouaké, avec des clubs d'écoute "
            "dans les écoles primaires et un reportage produit par chaque club."
        ),
        description=(
            "Après les émissions de Bouaké, des enseignants des villages voisins nous ont demandé d'ouvrir des "
            "clubs chez eux.\n\n"
            "- six clubs d'écoute de 20 enfants de 9 à 13 ans ;\n"
            "- un enregistreur partagé par deux clubs ;\n"
            "- une émission spéciale réalisée par les clubs à la fin de l'année scolaire."
        ),
        themes=(PARTICIPATION, ADVOCACY), groups=("girls", "boys", "teachers_educators"),
        children=(0, 60, 0, 0, 60, 0), dates=("2027-03-01", "2027-07-31"), budget=6_900_000,
        ge="GE-1",
        note=(
            "Le projet est prometteur, mais l'analyse de genre ne dit pas comment les filles des villages, "
            "souvent retenues par les travaux domestiques, pourront venir aux clubs. Précisez aussi à qui les "
            "enfants peuvent s'adresser en cas de problème."
        ),
    ),
    DemoInitiative(
        "foyer-akwaba-daloa", "incubating", "Daloa",
        title="Accueil de nuit sécurisé pour les adolescentes des marchés de Daloa",
        summary=(
            "Un dortoir de douze places, ouvert de 19 h à 7 h, pour les jeunes vendeuses qui dorment sur les "
            "marchés de Daloa, avec écoute, soins et orientation vers la famille ou une formation."
        ),
        description=(
            "Chaque soir, des adolescentes venues des villages dorment sous les étals du grand marché, exposées "
            "aux agressions.\n\n"
            "- un dortoir de 12 places tenu par deux éducatrices ;\n"
            "- repas du soir, douche, consultation infirmière chaque semaine ;\n"
            "- médiation familiale et orientation vers l'école de la deuxième chance.\n\n"
            "L'accueil est gratuit et ne dépend pas d'un retour en famille."
        ),
        themes=(GIRLS, PROTECTION), groups=("adolescent_girls", "out_of_school_children", "migrant_children"),
        children=(0, 0, 90, 0, 0, 0), dates=("2027-02-01", "2028-01-31"), budget=24_500_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "foyer-akwaba-daloa", "completion_review", "Daloa",
        title="Lire, compter, épargner : alphabétisation des jeunes vendeuses de Daloa",
        summary=(
            "Cours d'alphabétisation et groupes d'épargne pour 120 adolescentes vendeuses du marché de Daloa, aux"
            " heures creuses, pour qu'elles gèrent mieux leurs gains et reprennent une formation."
        ),
        description=(
            "La plupart des jeunes vendeuses n'ont jamais été à l'école ou l'ont quittée avant 10 ans.\n\n"
            "- cours de lecture et de calcul de 14 h à 16 h, au marché même ;\n"
            "- douze groupes d'épargne et de crédit solidaires ;\n"
            "- accompagnement vers la formation professionnelle pour celles qui le souhaitent."
        ),
        themes=(GIRLS, WELLBEING), groups=("adolescent_girls", "out_of_school_children"),
        children=(0, 0, 120, 0, 0, 0), dates=("2025-10-01", "2026-09-30"), budget=13_800_000,
        girls_focused=True, ge="GE-3",
    ),
    # Madagascar
    DemoInitiative(
        "filles-du-baobab", "active", "Toliara",
        title="Bourses et groupes de parole contre le mariage précoce à Toliara",
        summary=(
            "Bourses scolaires, groupes de parole et dialogue avec les chefs de fokontany pour que 150 filles de "
            "11 à 17 ans des villages autour de Toliara restent à l'école plutôt que d'être mariées."
        ),
        description=(
            "Dans le sud-ouest de Madagascar, près d'une fille sur deux est mariée avant 18 ans.\n\n"
            "### Activités\n\n"
            "- 150 bourses couvrant frais, fournitures et uniforme ;\n"
            "- groupes de parole chaque semaine, animés par des jeunes femmes du village ;\n"
            "- un *dina* (convention locale) contre le mariage des mineures, discuté avec les chefs de fokontany."
        ),
        themes=(GIRLS, ADVOCACY, PROTECTION),
        groups=("adolescent_girls", "girls", "community_leaders", "parents_caregivers"),
        children=(0, 50, 100, 0, 0, 0), dates=("2025-09-01", "2027-07-31"), budget=95_000_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "filles-du-baobab", "rejected", "Toliara",
        title="Caravane de sensibilisation aux droits de l'enfant dans l'Atsimo-Andrefana",
        summary=(
            "Une tournée d'un mois avec sonorisation, théâtre et distribution de t-shirts dans trente villages "
            "pour faire connaître la Convention relative aux droits de l'enfant."
        ),
        description=(
            "La caravane s'arrêterait une journée dans chaque village : spectacle, discours des autorités, remise"
            " de t-shirts et d'affiches.\n\n"
            "L'équipe compterait quinze animateurs et un camion sonorisé loué pour la durée de la tournée."
        ),
        themes=(ADVOCACY,), groups=("community_leaders", "parents_caregivers"),
        children=(0, 600, 500, 0, 600, 500), dates=("2027-06-01", "2027-07-15"), budget=68_000_000,
        ge="GE-1", review_ge="GE-0",
        note=(
            "Non retenu : la caravane touche beaucoup de monde une seule fois, sans suivi ni participation réelle"
            " des enfants, et rien n'est prévu pour les filles alors que le mariage précoce est le premier risque"
            " relevé dans la région. Une nouvelle proposition appuyée sur vos groupes de parole sera la "
            "bienvenue."
        ),
    ),
    DemoInitiative(
        "ravinala-antsirabe", "incubating_resubmitted", "Antsirabe",
        title="Jardins scolaires et repas équilibrés dans les quartiers périphériques d'Antsirabe",
        summary=(
            "Des potagers cultivés par les élèves et leurs parents dans cinq écoles d'Antsirabe pour enrichir la "
            "cantine, avec un suivi de la croissance des enfants et des ateliers de cuisine."
        ),
        description=(
            "Un enfant sur trois des quartiers périphériques d'Antsirabe présente un retard de croissance.\n\n"
            "- cinq jardins scolaires et un petit élevage de poules ;\n"
            "- pesée et mesure chaque trimestre avec le centre de santé ;\n"
            "- ateliers de cuisine ouverts aux pères comme aux mères, pour partager la charge des repas."
        ),
        themes=(WELLBEING,), groups=("girls", "boys", "parents_caregivers", "teachers_educators"),
        children=(40, 380, 0, 40, 360, 0), dates=("2027-02-15", "2028-02-14"), budget=82_000_000,
        ge="GE-1",
    ),
    DemoInitiative(
        "ravinala-antsirabe", "completed", "Antsirabe",
        title="Positive Parenting Circles in Antsirabe's Outer Districts",
        summary=(
            "Monthly circles where mothers and fathers learn non-violent discipline, share childcare and talk "
            "about their children's schooling, run with the health centres of four districts of Antsirabe."
        ),
        description=(
            "Physical punishment at home remains common in the outer districts of Antsirabe.\n\n"
            "- 16 parenting circles of 15 parents, at least a third of them fathers;\n"
            "- home visits for families referred by the health centres;\n"
            "- play sessions for children under six while their parents meet.\n\n"
            "Written in English for the co-funding foundation's reporting."
        ),
        themes=(PROTECTION, WELLBEING), groups=("parents_caregivers", "girls", "boys"),
        children=(110, 90, 0, 105, 95, 0), dates=("2024-09-01", "2025-12-19"), budget=74_000_000,
        language="en",
    ),
    # Senegal
    DemoInitiative(
        "jigeen-jamm-ziguinchor", "active", "Ziguinchor",
        title="Référentes genre dans les collèges de Ziguinchor",
        summary=(
            "Former une enseignante référente dans chacun des dix collèges publics de Ziguinchor pour prévenir le"
            " harcèlement et les violences sexuelles et accompagner les élèves qui les signalent."
        ),
        description=(
            "Les violences basées sur le genre en milieu scolaire restent peu signalées en Casamance.\n\n"
            "- dix enseignantes formées à l'écoute et à l'orientation ;\n"
            "- un protocole de signalement signé avec l'inspection d'académie ;\n"
            "- des clubs « Respect » mixtes animés par des élèves dans chaque collège."
        ),
        themes=(GIRLS, PROTECTION), groups=("adolescent_girls", "adolescent_boys", "teachers_educators"),
        children=(0, 0, 1400, 0, 0, 1250), dates=("2026-01-05", "2027-07-31"), budget=29_000_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "jigeen-jamm-ziguinchor", "submitted", "Ziguinchor",
        title="Une ligne d'écoute pour les collégiennes de Casamance",
        summary=(
            "Une ligne téléphonique gratuite, tenue par des conseillères formées, où les collégiennes de "
            "Ziguinchor, Bignona et Oussouye peuvent parler de violences ou de grossesse en toute "
            "confidentialité."
        ),
        description=(
            "Les référentes des collèges nous disent que beaucoup d'élèves n'osent pas parler en face à face.\n\n"
            "- une ligne ouverte de 12 h à 20 h, en français, wolof, diola et mandingue ;\n"
            "- trois conseillères formées et supervisées par une psychologue ;\n"
            "- un protocole d'orientation vers les services de santé et de protection."
        ),
        themes=(GIRLS, PROTECTION), groups=("adolescent_girls", "out_of_school_children"),
        children=(0, 0, 900, 0, 0, 0), dates=("2027-03-01", "2028-02-29"), budget=21_500_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "rive-sud-saint-louis", "launch_review", "Saint-Louis",
        title="Retour en famille des enfants en situation de rue à Saint-Louis",
        summary=(
            "Accueil de jour, recherche des familles et médiation pour que 80 enfants vivant dans la rue à "
            "Saint-Louis retrouvent un foyer, avec un suivi de douze mois après le retour."
        ),
        description=(
            "Chaque année, notre équipe de rue rencontre plus de 200 enfants, surtout des garçons de 8 à 15 ans, "
            "mais aussi des filles de plus en plus jeunes.\n\n"
            "- accueil de jour avec repas, soins et jeux ;\n"
            "- recherche des familles jusque dans les régions d'origine ;\n"
            "- médiation familiale et suivi à domicile pendant un an.\n\n"
            "Une éducatrice est chargée des filles, accueillies dans un espace séparé."
        ),
        themes=(PROTECTION,),
        groups=("out_of_school_children", "migrant_children", "boys", "girls", "parents_caregivers"),
        children=(0, 8, 12, 0, 30, 30), dates=("2027-01-10", "2028-01-09"), budget=26_000_000,
        ge="GE-1",
    ),
    DemoInitiative(
        "rive-sud-saint-louis", "withdrawn_incubating", "Saint-Louis",
        title="Atelier de réparation de filets pour les adolescents de Guet Ndar",
        summary=(
            "Une formation de six mois à la réparation de filets et de moteurs pour les adolescents de Guet Ndar "
            "qui ont quitté l'école, avec des pêcheurs comme maîtres d'apprentissage."
        ),
        description=(
            "À Guet Ndar, beaucoup de garçons quittent l'école vers 13 ans pour embarquer sur les pirogues.\n\n"
            "- un atelier de 20 places encadré par deux pêcheurs retraités ;\n"
            "- des cours de lecture et de calcul deux matinées par semaine ;\n"
            "- une attestation reconnue par le service des pêches."
        ),
        themes=(WELLBEING, PROTECTION), groups=("adolescent_boys", "out_of_school_children"),
        children=(0, 0, 0, 0, 0, 20), dates=("2027-01-15", "2027-07-15"), budget=12_500_000,
        ge="GE-1",
        note=(
            "Nous retirons l'initiative : la chambre des métiers ouvre en janvier un centre de formation gratuit "
            "à Guet Ndar pour le même public, et nous y orienterons les adolescents."
        ),
    ),
    # Togo
    DemoInitiative(
        "filles-debout-sokode", "completed", "Sokodé",
        title="Mentorat des adolescentes leaders de Sokodé",
        summary=(
            "Quarante adolescentes de Sokodé suivies pendant un an par des femmes mentores (élues, commerçantes, "
            "infirmières) pour apprendre à prendre la parole et à mener un projet dans leur quartier."
        ),
        description=(
            "Les assemblées de quartier de Sokodé comptent très peu de femmes et aucune jeune fille.\n\n"
            "- un binôme mentore-adolescente qui se voit deux fois par mois ;\n"
            "- des ateliers de prise de parole et de conduite de projet ;\n"
            "- un micro-projet par groupe de cinq filles, présenté à l'assemblée de quartier."
        ),
        themes=(GIRLS, PARTICIPATION), groups=("adolescent_girls", "community_leaders"),
        children=(0, 0, 40, 0, 0, 0), dates=("2024-10-01", "2025-09-30"), budget=9_600_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "filles-debout-sokode", "draft_ready", "Sokodé",
        title="Les filles au conseil de village : préparation aux assemblées de Tchaoudjo",
        summary=(
            "Préparer les adolescentes de huit villages de la préfecture de Tchaoudjo à siéger comme "
            "observatrices aux conseils de village et à y porter les priorités des jeunes filles."
        ),
        description=(
            "Après le mentorat à Sokodé, les chefs de huit villages ont accepté d'ouvrir leurs conseils à deux "
            "observatrices de 15 à 17 ans.\n\n"
            "- des sessions de préparation sur les règles du conseil et la prise de parole ;\n"
            "- une consultation des autres filles du village avant chaque conseil ;\n"
            "- un compte rendu public après chaque séance."
        ),
        themes=(GIRLS, PARTICIPATION, ADVOCACY), groups=("adolescent_girls", "community_leaders"),
        children=(0, 0, 160, 0, 0, 0), dates=("2027-10-01", "2028-07-31"), budget=8_400_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "mono-enfance-solidaire", "changes_requested", "Tohoun",
        title="Soutien scolaire du soir dans les villages riverains du Mono",
        summary=(
            "Des séances de soutien scolaire le soir, éclairées par des lampes solaires, pour les élèves du CM1 à"
            " la 5e de six villages riverains du Mono qui n'ont ni électricité ni aide à la maison."
        ),
        description=(
            "Dans les villages riverains du Mono, les enfants travaillent aux champs après l'école et révisent "
            "rarement.\n\n"
            "- six centres d'étude du soir dans les écoles, avec lampes solaires ;\n"
            "- douze répétiteurs recrutés parmi les bacheliers des villages ;\n"
            "- un goûter et des fournitures pour chaque élève inscrit."
        ),
        themes=(WELLBEING,), groups=("girls", "boys", "teachers_educators"),
        children=(0, 180, 90, 0, 180, 90), dates=("2027-03-01", "2027-12-18"), budget=10_800_000,
        ge="GE-1", review_ge="GE-0",
        note=(
            "Merci de compléter l'analyse de genre : les filles rentrent-elles seules le soir, et qui garde les "
            "plus jeunes pendant les séances ? Prévoyez aussi des répétitrices et un moyen pour les enfants de "
            "signaler un problème avec un répétiteur."
        ),
    ),
    DemoInitiative(
        "mono-enfance-solidaire", "incubating_planning", "Tohoun",
        title="Flood-Safe Learning Corners along the Mono River",
        summary=(
            "Raised, waterproof learning corners in six villages that flood every rainy season, so that girls and"
            " boys of the Mono riverbanks keep learning and playing safely when schools close."
        ),
        description=(
            "Every year from July to October the Mono floods and schools close for weeks.\n\n"
            "- six raised learning corners with waterproof storage for books and games;\n"
            "- trained volunteers, women and men, from each village;\n"
            "- an early-warning link with the village development committees.\n\n"
            "Written in English for the regional disaster-risk fund that co-finances it."
        ),
        themes=(WELLBEING, PROTECTION), groups=("girls", "boys", "children_with_disabilities", "community_leaders"),
        children=(60, 150, 40, 60, 145, 40), dates=("2027-03-01", "2028-02-28"), budget=15_300_000,
        ge="GE-1", language="en",
    ),
    # Morocco
    DemoInitiative(
        "atlas-enfance-heureuse", "active_reporting", "Azilal",
        title="Dar Taliba d'Azilal : internat et tutorat pour les collégiennes des douars",
        summary=(
            "Quarante places d'internat, du tutorat et des activités sportives pour que les filles des douars de "
            "montagne de la province d'Azilal poursuivent leurs études au collège."
        ),
        description=(
            "Dans les douars éloignés, le collège est à plus de deux heures de marche et beaucoup de familles "
            "retirent leurs filles après le primaire.\n\n"
            "- 40 places d'internat encadrées par deux éducatrices ;\n"
            "- un tutorat du soir en arabe, en français et en mathématiques ;\n"
            "- sport et théâtre le mercredi, rencontres mensuelles avec les familles."
        ),
        themes=(GIRLS, WELLBEING), groups=("adolescent_girls", "parents_caregivers"),
        children=(0, 0, 40, 0, 0, 0), dates=("2025-09-01", "2027-06-30"), budget=480_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "atlas-enfance-heureuse", "submitted", "Tabant",
        title="Transport scolaire partagé dans la vallée des Aït Bouguemez",
        summary=(
            "Deux minibus gérés par une association de parents pour conduire chaque jour 110 élèves des douars de"
            " la vallée des Aït Bouguemez au collège de Tabant, avec une accompagnatrice à bord."
        ),
        description=(
            "Sans transport, les familles hésitent à laisser leurs filles marcher deux heures sur la piste.\n\n"
            "- deux minibus et deux chauffeurs formés à la sécurité ;\n"
            "- une accompagnatrice à bord de chaque véhicule ;\n"
            "- une cotisation des familles selon leurs revenus, gratuite pour les plus pauvres."
        ),
        themes=(WELLBEING, GIRLS), groups=("adolescent_girls", "adolescent_boys", "parents_caregivers"),
        children=(0, 0, 60, 0, 0, 50), dates=("2027-09-01", "2028-06-30"), budget=350_000,
        girls_focused=True,
    ),
    DemoInitiative(
        "atlas-enfance-heureuse", "draft_reopened", "Azilal",
        title="Ateliers d'éveil pour les 3-5 ans des douars d'Azilal",
        summary=(
            "Des ateliers d'éveil deux matinées par semaine pour les enfants de 3 à 5 ans de douze douars, animés"
            " par des jeunes femmes du village formées au jeu éducatif."
        ),
        description=(
            "Aucun des douze douars n'a de préscolaire, et les grandes sœurs restent souvent à la maison pour "
            "garder les petits.\n\n"
            "- douze animatrices formées et accompagnées ;\n"
            "- des malles de jeux et de livres en amazigh et en arabe ;\n"
            "- des rencontres avec les pères et les mères sur le jeu et le langage."
        ),
        themes=(WELLBEING, GIRLS), groups=("girls", "boys", "parents_caregivers"),
        children=(150, 0, 0, 140, 0, 0), dates=("2027-10-01", "2028-06-30"), budget=260_000,
        review_ge="GE-1",
        note=(
            "Le dossier ne montre pas comment les grandes sœurs libérées de la garde des petits pourront "
            "retourner à l'école, et le budget dépasse le plafond de ce cycle."
        ),
    ),
    DemoInitiative(
        "espace-nour-tetouan", "incubating", "Tétouan",
        title="Compétences numériques et sécurité en ligne pour les adolescentes de Tétouan",
        summary=(
            "Un cycle de douze ateliers pour que 90 adolescentes de Tétouan apprennent à utiliser le numérique "
            "pour leurs études et à se protéger du harcèlement et du chantage en ligne."
        ),
        description=(
            "Les adolescentes qui viennent à l'Espace Nour nous parlent de plus en plus de chantage à partir de "
            "photos et de faux comptes.\n\n"
            "- des ateliers sur les outils numériques, la vie privée et les réglages de sécurité ;\n"
            "- un groupe de paires éducatrices formées pour répondre aux questions ;\n"
            "- l'orientation vers la cellule de prise en charge des femmes et des enfants victimes de violence."
        ),
        themes=(GIRLS, PROTECTION), groups=("adolescent_girls",),
        children=(0, 0, 90, 0, 0, 0), dates=("2027-02-01", "2027-12-20"), budget=190_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "espace-nour-tetouan", "changes_requested", "Tétouan",
        title="Permanence juridique pour les jeunes filles de Tétouan",
        summary=(
            "Une permanence hebdomadaire tenue par une avocate bénévole pour informer les jeunes filles de 14 à "
            "17 ans de leurs droits et les accompagner dans leurs démarches d'état civil, de scolarité et de "
            "plainte."
        ),
        description=(
            "Beaucoup de jeunes filles ne savent pas qu'elles peuvent porter plainte ou obtenir un acte de "
            "naissance sans leur père.\n\n"
            "- une permanence chaque samedi à l'Espace Nour ;\n"
            "- des fiches simples sur les droits, en arabe et en français ;\n"
            "- un accompagnement aux audiences par une éducatrice."
        ),
        themes=(GIRLS, ADVOCACY, PROTECTION), groups=("adolescent_girls", "out_of_school_children"),
        children=(0, 0, 120, 0, 0, 0), dates=("2027-04-01", "2028-03-31"), budget=140_000,
        girls_focused=True, ge="GE-3",
        note=(
            "Le besoin est réel, mais la protection des jeunes filles qui portent plainte contre un proche n'est "
            "pas décrite : où sont-elles hébergées, qui informe la famille ? Décrivez aussi comment les filles "
            "elles-mêmes ont été consultées."
        ),
    ),
    DemoInitiative(
        "oasis-participation", "launch_review", "Tinjdad",
        title="Les enfants de l'oasis de Tinjdad décident de leurs espaces de jeu",
        summary=(
            "Le conseil des enfants de Tinjdad conçoit avec la commune trois espaces de jeu ombragés et sûrs, "
            "choisit leur emplacement et suit leur construction, filles et garçons à parts égales."
        ),
        description=(
            "À Tinjdad, les seuls lieux de jeu sont la rue et les palmeraies, où les filles ne sont pas "
            "autorisées à aller.\n\n"
            "- un relevé des lieux fréquentés par les filles et par les garçons ;\n"
            "- des maquettes conçues par les enfants avec un architecte bénévole ;\n"
            "- une décision finale votée par le conseil des enfants et inscrite au plan d'action communal."
        ),
        themes=(PARTICIPATION, WELLBEING),
        groups=("girls", "boys", "children_with_disabilities", "community_leaders"),
        children=(0, 210, 90, 0, 200, 85), dates=("2027-01-15", "2027-12-31"), budget=410_000,
    ),
    # Tunisia
    DemoInitiative(
        "jasmin-protection-sfax", "active_sent_back", "Sfax",
        title="Cellules d'écoute dans les écoles primaires de Sfax",
        summary=(
            "Des cellules d'écoute tenues par une psychologue et un enseignant dans douze écoles primaires de "
            "Sfax, pour repérer les violences subies par les enfants et les signaler au délégué à la protection "
            "de l'enfance."
        ),
        description=(
            "Les délégués à la protection de l'enfance de Sfax reçoivent peu de signalements venant des écoles.\n\n"
            "- douze cellules d'écoute, une demi-journée par semaine dans chaque école ;\n"
            "- la formation des enseignants au repérage et au signalement ;\n"
            "- des ateliers en classe sur le corps, les émotions et le droit de dire non."
        ),
        themes=(PROTECTION,), groups=("girls", "boys", "teachers_educators"),
        children=(0, 1300, 0, 0, 1350, 0), dates=("2026-02-01", "2027-06-30"), budget=165_000,
        ge="GE-1",
    ),
    DemoInitiative(
        "jasmin-protection-sfax", "submitted", "Sfax",
        title="Child-Friendly Interviews in Sfax's Police Stations and Courts",
        summary=(
            "Training police officers, prosecutors and court staff in Sfax to interview child victims and "
            "witnesses once, in a child-friendly room and with a psychologist present, instead of in repeated "
            "hearings."
        ),
        description=(
            "Child victims of violence in Sfax are often heard four or five times by different services.\n\n"
            "- a child-friendly interview room at the juvenile court;\n"
            "- training for 40 police officers and court staff, women and men;\n"
            "- a joint protocol with the child protection delegate.\n\n"
            "Written in English for the European co-funder."
        ),
        themes=(PROTECTION, ADVOCACY), groups=("girls", "boys", "community_leaders"),
        children=(0, 60, 90, 0, 50, 70), dates=("2027-03-01", "2028-02-28"), budget=120_000,
        ge="GE-1", language="en",
    ),
    DemoInitiative(
        "filles-avenir-gafsa", "completion_review", "Gafsa",
        title="Bourses de transport pour les lycéennes du bassin minier de Gafsa",
        summary=(
            "Des abonnements de transport et un tutorat mensuel pour 150 lycéennes de Redeyef, Métlaoui et Om "
            "Larayes, qui abandonnaient faute de moyens pour rejoindre le lycée."
        ),
        description=(
            "Dans le bassin minier, le lycée est souvent dans une autre ville et les familles renoncent à payer "
            "le transport des filles.\n\n"
            "- 150 abonnements annuels de bus ;\n"
            "- un tutorat mensuel avec des étudiantes originaires de la région ;\n"
            "- une rencontre chaque trimestre avec les parents."
        ),
        themes=(GIRLS, WELLBEING), groups=("adolescent_girls", "parents_caregivers"),
        children=(0, 0, 150, 0, 0, 0), dates=("2025-09-15", "2026-07-15"), budget=96_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "filles-avenir-gafsa", "draft", "Redeyef",
        title="Clubs de sciences pour les collégiennes de Redeyef",
        summary=(
            "Des clubs de sciences et de robotique le samedi pour les collégiennes de Redeyef, animés par des "
            "ingénieures de la région, pour leur ouvrir les filières scientifiques."
        ),
        description=(
            "Dans le bassin minier, les filières scientifiques du lycée comptent trois garçons pour une fille.\n\n"
            "- deux clubs de 20 collégiennes ;\n"
            "- des kits de robotique et des expériences simples ;\n"
            "- une visite par trimestre dans une entreprise ou un laboratoire."
        ),
        themes=(GIRLS,), groups=("adolescent_girls",),
        children=(0, 0, 40, 0, 0, 0), dates=("2027-10-01", "2028-06-15"), budget=38_000,
        girls_focused=True, ge="GE-3",
    ),
    # Colombia
    DemoInitiative(
        "semillas-del-pacifico", "active", "Tumaco",
        title="Espacios protectores para la niñez en los barrios de bajamar de Tumaco",
        summary=(
            "Tres espacios protectores con juego, refuerzo escolar y acompañamiento psicosocial para niñas y "
            "niños de 6 a 14 años de los barrios de bajamar de Tumaco afectados por el conflicto armado."
        ),
        description=(
            "En los barrios de bajamar, las niñas y los niños viven entre el reclutamiento, las balaceras y el "
            "cierre de escuelas.\n\n"
            "- tres espacios abiertos de lunes a sábado, con facilitadoras y facilitadores de la comunidad;\n"
            "- acompañamiento psicosocial individual y en grupo;\n"
            "- rutas seguras de la casa al espacio, acordadas con los líderes del barrio."
        ),
        themes=(PROTECTION, WELLBEING), groups=("girls", "boys", "migrant_children", "parents_caregivers"),
        children=(0, 180, 70, 0, 170, 80), dates=("2025-08-01", "2027-07-31"), budget=380_000_000,
    ),
    DemoInitiative(
        "semillas-del-pacifico", "draft_started", "Tumaco",
        title="Escuela de familias protectoras en la costa nariñense",
        summary=(
            "Encuentros mensuales con madres, padres y cuidadores de Tumaco y Francisco Pizarro sobre crianza sin"
            " violencia, prevención del reclutamiento y reparto de las tareas de cuidado."
        ),
        description=(
            "Las familias nos piden herramientas para proteger a sus hijas e hijos sin recurrir al castigo.\n\n"
            "- doce encuentros por grupo, con cuidado infantil durante las sesiones;\n"
            "- un grupo solo de padres, para hablar de su papel en el cuidado;\n"
            "- visitas a las familias que no pueden asistir."
        ),
        themes=(PROTECTION,), groups=("parents_caregivers", "girls", "boys"),
        children=(90, 120, 60, 85, 115, 60), dates=("2027-07-01", "2028-06-30"), budget=160_000_000,
    ),
    DemoInitiative(
        "voces-del-cauca", "completion_review", "Silvia",
        title="Consejos infantiles en las veredas de Silvia y Totoró",
        summary=(
            "Diez consejos infantiles creados con los cabildos indígenas y las juntas campesinas de Silvia y "
            "Totoró, donde niñas y niños de 8 a 16 años presentan sus propuestas a las autoridades propias."
        ),
        description=(
            "Cada comunidad definió su propia forma de consejo, en nasa yuwe, namtrik o español.\n\n"
            "- diez consejos con paridad entre niñas y niños;\n"
            "- una minga anual donde los consejos presentan sus propuestas;\n"
            "- acuerdos firmados con los cabildos sobre las propuestas acogidas."
        ),
        themes=(PARTICIPATION, ADVOCACY), groups=("girls", "boys", "community_leaders"),
        children=(0, 90, 60, 0, 85, 55), dates=("2025-02-01", "2026-10-31"), budget=210_000_000,
    ),
    DemoInitiative(
        "voces-del-cauca", "rejected", "Popayán",
        title="Festival juvenil de música andina en Popayán",
        summary=(
            "Un festival de dos días en Popayán con agrupaciones juveniles de música andina, premios para los "
            "mejores grupos y transmisión por la radio regional."
        ),
        description=(
            "El festival reuniría unas veinte agrupaciones juveniles del departamento.\n\n"
            "- dos días de concierto en la plaza principal;\n"
            "- premios en instrumentos para los tres mejores grupos;\n"
            "- transmisión en directo por la radio regional."
        ),
        themes=(WELLBEING,), groups=("adolescent_boys", "adolescent_girls"),
        children=(0, 0, 80, 0, 0, 160), dates=("2027-08-01", "2027-08-31"), budget=120_000_000,
        ge="GE-0",
        note=(
            "No seleccionada: el festival no aborda la protección, el bienestar social ni los derechos de la "
            "niñez más allá del evento, y el análisis de género muestra el doble de varones que de niñas sin "
            "medidas para cambiarlo."
        ),
    ),
    # Costa Rica
    DemoInitiative(
        "ninas-protagonistas", "launch_review", "Liberia",
        title="Clubes de ciencia y robótica para niñas de Liberia y Nicoya",
        summary=(
            "Ocho clubes de ciencia y robótica para niñas de 9 a 15 años en escuelas de Liberia y Nicoya, "
            "diseñados y evaluados por las propias participantes con mentoras del sector tecnológico."
        ),
        description=(
            "En Guanacaste, pocas niñas eligen carreras científicas y muchas dicen que «la tecnología es para "
            "hombres».\n\n"
            "- ocho clubes semanales con kits de robótica;\n"
            "- mentoras ingenieras y técnicas de la región;\n"
            "- una feria anual donde las niñas presentan sus proyectos a sus familias y a la comunidad."
        ),
        themes=(GIRLS, PARTICIPATION), groups=("girls", "adolescent_girls", "teachers_educators"),
        children=(0, 110, 90, 0, 0, 0), dates=("2027-02-01", "2027-11-30"), budget=28_000_000,
        girls_focused=True, ge="GE-3",
    ),
    DemoInitiative(
        "guardianes-ninez-limon", "submitted", "Limón",
        title="Tourism Partners against the Sexual Exploitation of Children in Limón",
        summary=(
            "Training hotel, taxi and tour-operator staff in Limón and Puerto Viejo to recognise and report the "
            "sexual exploitation of children, and signing their employers up to a code of conduct."
        ),
        description=(
            "Cruise-ship and beach tourism bring risks of sexual exploitation of girls and boys in Limón "
            "province.\n\n"
            "- training for 300 workers of hotels, taxis and tour operators;\n"
            "- a code of conduct signed by the businesses, with yearly checks;\n"
            "- a reporting line linked to the national child welfare agency (PANI).\n\n"
            "Written in English, the language of many of Limón's tourism workers."
        ),
        themes=(PROTECTION,), groups=("adolescent_girls", "adolescent_boys", "community_leaders"),
        children=(0, 0, 200, 0, 0, 150), dates=("2027-04-01", "2028-03-31"), budget=32_000_000,
        language="en",
    ),
    # Honduras
    DemoInitiative(
        "caminos-seguros-sps", "active", "San Pedro Sula",
        title="Caminos seguros a la escuela en la colonia Rivera Hernández",
        summary=(
            "Rutas acompañadas por madres y padres voluntarios, puntos seguros en comercios y un sistema de "
            "alerta para que 600 niñas y niños de la Rivera Hernández lleguen sin riesgo a tres escuelas."
        ),
        description=(
            "En la colonia Rivera Hernández, muchas familias dejan de enviar a sus hijas a la escuela por miedo "
            "al acoso de las pandillas.\n\n"
            "- cuatro rutas acompañadas mañana y tarde;\n"
            "- veinte comercios señalizados como puntos seguros;\n"
            "- un chat de alerta entre voluntarios y docentes."
        ),
        themes=(PROTECTION, WELLBEING), groups=("girls", "boys", "parents_caregivers", "teachers_educators"),
        children=(0, 220, 90, 0, 200, 90), dates=("2026-02-01", "2027-11-30"), budget=1_250_000,
    ),
    DemoInitiative(
        "caminos-seguros-sps", "withdrawn_draft", "San Pedro Sula",
        title="Uniformes y útiles escolares para familias de Chamelecón",
        summary=(
            "Entrega de uniformes, zapatos y útiles a 400 niñas y niños de familias de Chamelecón que no pueden "
            "pagarlos, al inicio del año escolar."
        ),
        description=(
            "El costo del uniforme es una de las primeras razones de ausencia escolar que nos cuentan las "
            "familias.\n\n"
            "- entrega de uniformes, zapatos y útiles a 400 niñas y niños;\n"
            "- prioridad para los hogares encabezados por mujeres solas."
        ),
        themes=(WELLBEING,), groups=("girls", "boys", "parents_caregivers"),
        children=(0, 200, 0, 0, 200, 0), dates=("2027-01-15", "2027-03-15"), budget=540_000,
        ge="GE-1",
        note=(
            "Retiramos la propuesta: la alcaldía de San Pedro Sula anunció que entregará uniformes gratuitos en "
            "todas las escuelas públicas de Chamelecón este año."
        ),
    ),
    DemoInitiative(
        "voces-de-la-montana", "changes_requested", "Intibucá",
        title="Radio escolar bilingüe en las comunidades lencas de Intibucá",
        summary=(
            "Cinco radios escolares conducidas por niñas y niños lencas de Intibucá, con programas en español y "
            "en lenca sobre sus derechos, su cultura y la vida de la comunidad."
        ),
        description=(
            "Las radios escolares que iniciamos en dos escuelas se volvieron el espacio donde las niñas y los "
            "niños hablan de lo que les preocupa.\n\n"
            "- cinco cabinas escolares con equipo básico;\n"
            "- formación en locución, entrevista y ética;\n"
            "- un programa semanal en la radio comunitaria de La Esperanza."
        ),
        themes=(PARTICIPATION, GIRLS), groups=("girls", "boys", "teachers_educators", "community_leaders"),
        children=(0, 70, 50, 0, 70, 50), dates=("2027-03-01", "2028-02-28"), budget=690_000,
        review_ge="GE-1",
        note=(
            "Buena propuesta, pero falta explicar cómo se protegerá la identidad de las niñas y los niños que "
            "hablan en la radio sobre temas sensibles, y quién revisa los programas antes de emitirlos."
        ),
    ),
    # Peru
    DemoInitiative(
        "chaska-wawa-ayacucho", "incubating", "Vilcashuamán",
        title="Derecho a la identidad para la niñez quechuahablante de Vilcashuamán",
        summary=(
            "Campañas itinerantes con el registro civil para que 500 niñas y niños de comunidades "
            "quechuahablantes de Vilcashuamán obtengan su DNI, con información en quechua para las familias."
        ),
        description=(
            "Sin DNI, muchas niñas y niños no pueden acceder al seguro de salud ni a los programas sociales.\n\n"
            "- ocho campañas itinerantes con el registro civil (RENIEC);\n"
            "- promotoras quechuahablantes que visitan a las familias;\n"
            "- atención prioritaria a las niñas, registradas con más retraso que los niños."
        ),
        themes=(ADVOCACY, WELLBEING), groups=("girls", "boys", "parents_caregivers"),
        children=(120, 90, 40, 110, 90, 50), dates=("2027-02-01", "2027-12-15"), budget=145_000,
    ),
    DemoInitiative(
        "ninez-amazonica-iquitos", "active", "Iquitos",
        title="Promotoras adolescentes contra la trata en el río Nanay",
        summary=(
            "Veinticinco adolescentes formadas como promotoras informan a otras chicas y chicos de las "
            "comunidades del río Nanay sobre las ofertas de trabajo engañosas y cómo pedir ayuda."
        ),
        description=(
            "Las redes de trata captan a adolescentes de las comunidades ribereñas con falsas ofertas de trabajo "
            "en Iquitos.\n\n"
            "- formación de 25 promotoras y 10 promotores adolescentes;\n"
            "- charlas en las escuelas y en las fiestas comunales;\n"
            "- una ruta de alerta con la DEMUNA y la policía fluvial."
        ),
        themes=(PROTECTION, GIRLS), groups=("adolescent_girls", "adolescent_boys", "community_leaders"),
        children=(0, 0, 420, 0, 0, 380), dates=("2026-03-01", "2027-08-31"), budget=230_000,
        girls_focused=True, ge="GE-3", review_ge="GE-2",
    ),
)
