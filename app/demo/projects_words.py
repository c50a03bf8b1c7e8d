"""The words of the demo initiatives' assessments, reviews and decisions, in French, Spanish and English.

A small bank of paragraphs per language: each answer is one of the variants of its question,
with `{place}` replaced by the initiative's town. app.demo.projects composes them.
"""

ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "gender_analysis": (
            "À {place}, les filles quittent l'école plus tôt que les garçons, surtout après 12 ans : tâches "
            "domestiques, mariages précoces et longues distances jusqu'au collège. Les garçons de 12 à 17 ans sont "
            "davantage poussés vers le travail dans les champs ou sur les marchés. Les enfants en situation de "
            "handicap sont rarement vus dans les activités collectives. Ces constats viennent de groupes de "
            "discussion séparés avec 48 filles, 40 garçons et 30 mères, et des registres scolaires.",
            "Notre diagnostic de {place} croise les chiffres du service social, des entretiens avec les "
            "enseignantes et les enseignants et des cartes des risques dessinées par les enfants eux-mêmes. Les "
            "adolescentes signalent surtout le harcèlement sur le trajet et la charge des tâches ménagères ; les "
            "garçons du même âge, la pression pour gagner de l'argent et la violence entre pairs. Les plus jeunes, "
            "filles comme garçons, manquent d'espaces de jeu sûrs.",
            "Les données recueillies à {place} auprès des familles, des agents de santé communautaire et de deux "
            "écoles montrent des écarts nets : à 11 ans, filles et garçons sont scolarisés presque autant, mais à "
            "15 ans une fille sur trois a quitté l'école contre un garçon sur cinq. Les enfants déplacés et ceux qui "
            "vivent avec un handicap cumulent les obstacles, et les mères sont peu présentes là où se décident les "
            "activités pour les enfants.",
        ),
        "targeting": (
            "L'initiative s'adresse d'abord aux enfants de {place} que les activités existantes atteignent le moins "
            ": adolescentes non scolarisées, enfants en situation de handicap et enfants de familles déplacées. Les "
            "listes de participants sont établies avec les comités de quartier, et des places sont réservées aux "
            "filles et aux enfants qui ne parlent pas la langue de l'école.",
            "Nous visons des groupes mixtes d'enfants de 6 à 17 ans, avec au moins une moitié de filles, et un "
            "groupe réservé aux adolescentes pour les sujets qu'elles préfèrent aborder entre elles. Les animatrices "
            "vont voir les familles qui ne viennent pas d'elles-mêmes, et le transport est pris en charge pour les "
            "enfants des quartiers éloignés de {place}.",
        ),
        "disaggregated_data": (
            "Chaque séance a une fiche de présence qui note le sexe et la tranche d'âge (0-5, 6-11, 12-17 ans, "
            "adultes) de chaque participant, sans nom de famille. Les chiffres sont comparés chaque mois aux cibles "
            "; si la participation des filles ou d'une tranche d'âge baisse de plus de 10 %, l'équipe en cherche la "
            "cause avec les enfants et ajuste les horaires ou les lieux.",
            "Nous tenons un registre anonyme par sexe et par âge (0-5, 6-11, 12-17 ans, adultes), complété par une "
            "case handicap. Un bilan trimestriel présenté à l'équipe et au comité d'enfants montre qui participe et "
            "qui décroche ; c'est sur cette base que le calendrier sera revu au moment des récoltes et des examens.",
        ),
        "tailored_activities": (
            "Les séances des adolescentes ont lieu en fin de matinée, après les corvées d'eau, dans une salle fermée "
            "et avec des animatrices ; celles des garçons se tiennent en fin d'après-midi. Les supports sont illustrés "
            "et traduits dans la langue locale pour les enfants qui lisent peu, et les activités des 6-11 ans passent "
            "par le jeu, le dessin et le conte.",
            "Le programme suit les besoins relevés dans l'analyse : jeux coopératifs pour les plus jeunes, ateliers "
            "d'abord non mixtes puis mixtes pour les adolescents, accompagnement individuel pour les enfants en "
            "situation de handicap. Les lieux sont à moins de vingt minutes à pied et les horaires respectent le "
            "calendrier scolaire de {place}.",
        ),
        "protection_do_no_harm": (
            "Les risques relevés sont les trajets de retour à la nuit tombée, la stigmatisation des filles qui "
            "participent et l'exposition de l'image des enfants. Les activités se terminent avant 17 h 30, les "
            "adolescentes rentrent en groupe et aucune photo n'est prise sans l'accord de l'enfant et de sa famille. "
            "Chaque enfant sait qu'il peut s'adresser à la référente protection de l'association ou au service "
            "social.",
            "Avant le démarrage, nous avons examiné avec les enfants ce qui pourrait mal tourner : jalousies dans les "
            "familles, violences sur le trajet, révélations de violences pendant les ateliers. Le personnel signe le "
            "code de conduite, deux adultes sont toujours présents, et la procédure d'orientation vers les services "
            "de protection de {place} est connue de tous. Les enfants reçoivent une carte avec les numéros d'aide "
            "gratuits.",
        ),
        "coordination": (
            "Nous travaillons avec le service de l'action sociale pour l'orientation des enfants en danger, avec les "
            "directions d'école et avec le centre de santé. Une réunion trimestrielle permet de suivre les "
            "situations ; les informations sur un enfant ne circulent qu'avec son accord et celui de ses parents.",
            "L'initiative s'inscrit dans le plan communal pour l'enfance de {place}. Les situations qui dépassent nos "
            "compétences sont orientées vers la police des mineurs, le centre de santé ou le juge des enfants, selon "
            "un circuit convenu par écrit ; nous ne partageons que les informations strictement nécessaires.",
        ),
        "child_participation": (
            "Espace : un comité de douze enfants, filles et garçons de 9 à 17 ans, se réunit chaque mois dans un lieu "
            "sûr. Voix : ils choisissent les sujets et la forme (dessin, théâtre, vote). Écoute : le bureau de "
            "l'association et un élu de {place} assistent à une séance par trimestre. Influence : chaque proposition "
            "reçoit une réponse écrite, et les enfants savent ce qui a été changé grâce à eux.",
            "Nous suivons le modèle de Lundy. Les enfants ont un espace à eux pour préparer leurs avis, avec une "
            "animatrice formée ; les filles peuvent d'abord en discuter entre elles. Ils présentent leurs conclusions "
            "aux parents, aux enseignants et aux autorités locales lors d'une assemblée annuelle, et un tableau "
            "affiché indique ce qui a été retenu, ce qui ne l'a pas été et pourquoi.",
        ),
        "feedback_complaints": (
            "Une boîte à suggestions fermée à clé est installée dans chaque lieu d'activité, avec des fiches à "
            "pictogrammes pour les plus jeunes. Les enfants peuvent aussi parler à une personne de confiance de leur "
            "choix ou appeler la ligne d'écoute de l'association. Chaque plainte reçoit une réponse dans les quinze "
            "jours ; celles qui concernent un membre du personnel vont directement à la présidente.",
            "Les enfants donnent leur avis à la fin de chaque cycle avec un jeu de cartes de couleur, et les parents "
            "lors des réunions de quartier. Deux référents, une femme et un homme, reçoivent les plaintes en toute "
            "confidentialité. Nous expliquons aux enfants, avec des mots simples, ce qui se passe après une plainte, "
            "et nous leur rendons compte des changements décidés.",
        ),
        "transparency": (
            "Le budget et les résultats sont présentés chaque année aux familles et au comité d'enfants sous forme "
            "d'affiche illustrée. Une version du rapport final adaptée aux enfants est préparée avec eux.",
            "Nous affichons au local le calendrier, les montants reçus et leur utilisation, et nous faisons une "
            "restitution publique à mi-parcours devant les parents et les autorités de {place}.",
        ),
        "indicators": (
            "Filles et garçons participant à au moins 75 % des séances, par tranche d'âge : cible 80 %. Part des "
            "filles au comité d'enfants : cible 50 %. Propositions des enfants reprises par les autorités : 3 par "
            "an. Adolescentes qui se disent capables de prendre la parole en public : 70 % en fin de projet contre "
            "35 % au départ.",
            "Maintien à l'école des filles et des garçons accompagnés, par âge : cible 90 %. Enfants orientés vers un "
            "service de protection et suivis jusqu'à la clôture de leur dossier. Séances animées ou co-animées par "
            "des adolescentes : cible 30 %. Satisfaction mesurée deux fois par an, séparément chez les filles et "
            "chez les garçons.",
        ),
        "safeguarding_plan": (
            "Tout le personnel et les bénévoles signent le code de conduite et fournissent un extrait de casier "
            "judiciaire ; deux jours de formation à la protection de l'enfance ont lieu avant le démarrage. Les "
            "photos ne sont prises qu'avec le consentement écrit des parents et l'accord de l'enfant, sans "
            "localisation. Toute préoccupation est signalée à la référente dans les 24 heures.",
            "La politique de sauvegarde de l'association s'applique : vérification des références, question sur la "
            "protection à l'entretien de recrutement, binôme d'adultes pour toute activité, registre des incidents "
            "tenu par la référente. Les données des enfants sont gardées sous clé et détruites à la fin du projet ; "
            "un signalement reçoit une réponse écrite et, si besoin, est transmis au service social.",
        ),
        "benefits": (
            "Les filles ont gagné en confiance : plusieurs ont pris la parole à l'assemblée communale de {place} et "
            "trois ont été élues déléguées de classe. Les garçons se sont davantage impliqués dans les tâches "
            "partagées et contre le harcèlement. Les enfants en situation de handicap ont moins profité des sorties, "
            "faute de transport adapté, ce que nous voulons corriger.",
            "Les progrès les plus nets concernent la protection : les enfants savent vers qui se tourner, et les "
            "signalements aux services sociaux ont été traités plus vite. Les adolescentes suivies sont restées "
            "scolarisées, et les garçons ont participé aux ateliers sur le respect et le consentement. Les plus "
            "jeunes ont moins profité des activités, pensées surtout pour les 10-17 ans.",
        ),
        "satisfaction": (
            "Nous avons interrogé les enfants en fin de cycle, filles et garçons séparément, avec des émoticônes "
            "pour les plus jeunes, et réuni les parents en groupes de discussion. 87 % des filles et 81 % des "
            "garçons se disent satisfaits ou très satisfaits ; ils demandent plus de sorties et des séances pendant "
            "les vacances. Les mères apprécient la sécurité des lieux.",
            "L'évaluation a été menée par le comité d'enfants lui-même : questionnaire illustré, entretiens entre "
            "pairs et restitution publique. Les filles citent surtout l'espace sûr et les animatrices ; les garçons, "
            "le sport et le théâtre. Quelques parents auraient voulu être mieux informés du contenu des ateliers sur "
            "les droits.",
        ),
        "problems": (
            "La saison des pluies a fermé deux lieux d'activité pendant six semaines et la présence des adolescentes "
            "a baissé au moment des récoltes. Une famille s'est plainte d'une photo publiée : elle a été retirée en "
            "une semaine et la procédure de consentement a été renforcée. Nous prévoirions désormais un calendrier "
            "aligné sur les saisons et plus de budget pour le transport.",
            "Le départ de deux animatrices à mi-parcours a ralenti les activités, et deux situations de violence "
            "révélées en atelier ont demandé un suivi plus long que prévu ; elles ont été orientées vers les services "
            "de protection selon notre procédure. Il faudra former dès le départ une animatrice suppléante.",
        ),
    },
    "es": {
        "gender_analysis": (
            "En {place}, las niñas dejan la escuela antes que los niños, sobre todo después de los 12 años, por el "
            "trabajo doméstico, los embarazos tempranos y la inseguridad en el camino. Los adolescentes varones están "
            "más expuestos al reclutamiento y a la violencia entre pares. Las niñas y niños con discapacidad casi no "
            "participan en actividades comunitarias. Lo sabemos por grupos focales separados con 45 niñas, 38 niños "
            "y 25 madres, y por los registros escolares.",
            "Nuestro diagnóstico en {place} combina datos de la oficina de protección de la niñez, entrevistas con "
            "docentes y mapas de riesgo dibujados por las niñas y los niños. Las adolescentes señalan el acoso en "
            "la calle y la carga de cuidado de hermanos menores; los varones de la misma edad, la presión para "
            "aportar ingresos y las peleas entre grupos. La niñez de 0 a 5 años casi no tiene espacios seguros de "
            "juego.",
            "Las cifras reunidas en {place} con familias, promotoras de salud y dos escuelas muestran brechas claras: "
            "a los 11 años niñas y niños asisten a la escuela casi por igual, pero a los 15 una de cada tres niñas ya "
            "no estudia, frente a uno de cada cinco niños. La niñez indígena, migrante o con discapacidad acumula "
            "barreras, y las madres casi no están en los espacios donde se decide sobre la niñez.",
        ),
        "targeting": (
            "La iniciativa llega primero a quienes menos alcanzan los servicios de {place}: adolescentes fuera de la "
            "escuela, niñas y niños con discapacidad y familias desplazadas. Las listas se arman con las "
            "organizaciones del barrio y se reservan cupos para niñas y para quienes no hablan la lengua de la "
            "escuela.",
            "Trabajamos con grupos mixtos de 6 a 17 años, con al menos la mitad de niñas, y con un grupo solo de "
            "adolescentes mujeres para los temas que prefieren hablar entre ellas. Las facilitadoras visitan a las "
            "familias que no se acercan solas, y cubrimos el transporte desde las comunidades más alejadas de {place}.",
        ),
        "disaggregated_data": (
            "Cada sesión tiene una planilla de asistencia que registra sexo y rango de edad (0-5, 6-11, 12-17 años, "
            "personas adultas), sin apellidos. Cada mes comparamos las cifras con las metas; si la participación de "
            "las niñas o de un rango de edad baja más de 10 %, buscamos la causa con ellas y ellos y ajustamos "
            "horarios o lugares.",
            "Llevamos un registro anónimo por sexo y edad (0-5, 6-11, 12-17 años, personas adultas) con una casilla "
            "de discapacidad. Un informe trimestral al equipo y al consejo infantil muestra quién participa y quién "
            "se retira; con esos datos ajustaremos el calendario en época de cosecha y de exámenes.",
        ),
        "tailored_activities": (
            "Las sesiones con adolescentes mujeres son a media mañana, en un salón cerrado y con facilitadoras; las "
            "de los varones, al final de la tarde. Los materiales tienen ilustraciones y están en la lengua de la "
            "comunidad, y con los de 6 a 11 años trabajamos desde el juego, el dibujo y el cuento.",
            "El programa responde a lo encontrado en el análisis: juegos cooperativos para los más pequeños, talleres "
            "primero separados y luego mixtos para adolescentes, y acompañamiento individual para niñas y niños con "
            "discapacidad. Los lugares quedan a menos de veinte minutos a pie y los horarios respetan el calendario "
            "escolar de {place}.",
        ),
        "protection_do_no_harm": (
            "Los riesgos identificados son el regreso a casa de noche, el estigma hacia las niñas que participan y "
            "la exposición de la imagen de la niñez. Las actividades terminan antes de las 5:30 p. m., las "
            "adolescentes regresan en grupo y no se toman fotos sin el acuerdo de la niña o el niño y de su familia. "
            "Todas y todos saben que pueden acudir a la referente de protección o a la oficina local de protección "
            "de la niñez.",
            "Antes de empezar revisamos con las niñas y los niños qué podría salir mal: celos en las familias, "
            "violencia en el camino, revelaciones de abuso en los talleres. El equipo firma el código de conducta, "
            "siempre hay dos personas adultas y la ruta de atención de {place} es conocida por todos. Cada niña y "
            "niño recibe una tarjeta con las líneas de ayuda gratuitas.",
        ),
        "coordination": (
            "Trabajamos con la oficina local de protección de la niñez para remitir casos, con las escuelas y con el "
            "puesto de salud. Una mesa trimestral da seguimiento a los casos; la información de "
            "cada niña o niño solo circula con su acuerdo y el de su familia.",
            "La iniciativa hace parte de la política municipal de infancia de {place}. Los casos que superan nuestras "
            "capacidades se remiten a la fiscalía, al puesto de salud o a la defensoría de la niñez según una ruta "
            "acordada por escrito, compartiendo solo la información estrictamente necesaria.",
        ),
        "child_participation": (
            "Espacio: un consejo de doce niñas y niños de 9 a 17 años se reúne cada mes en un lugar seguro. Voz: "
            "eligen los temas y la forma (dibujo, teatro, votación). Audiencia: la junta directiva y una persona de "
            "la alcaldía de {place} asisten a una sesión por trimestre. Influencia: cada propuesta recibe respuesta "
            "por escrito, y las niñas y los niños saben qué cambió gracias a ellos.",
            "Seguimos el modelo de Lundy. Las niñas y los niños tienen un espacio propio para formar su opinión, con "
            "una facilitadora formada; las niñas pueden conversar primero entre ellas. Presentan sus conclusiones a "
            "familias, docentes y autoridades en una asamblea anual, y un cartel público muestra qué se acogió, qué "
            "no y por qué.",
        ),
        "feedback_complaints": (
            "Hay un buzón con llave en cada lugar de actividades, con fichas de dibujos para los más pequeños. Las "
            "niñas y los niños también pueden hablar con una persona de confianza o llamar a la línea de la "
            "organización. Toda queja recibe respuesta en quince días; las que involucran a alguien del equipo van "
            "directo a la dirección.",
            "Al final de cada ciclo las niñas y los niños opinan con un juego de tarjetas de colores, y las familias "
            "en las reuniones del barrio. Dos referentes, una mujer y un hombre, reciben las quejas de forma "
            "confidencial. Explicamos con palabras sencillas qué pasa después de una queja y contamos qué cambios se "
            "decidieron.",
        ),
        "transparency": (
            "Cada año presentamos el presupuesto y los resultados a las familias y al consejo infantil con un afiche "
            "ilustrado, y preparamos con ellos una versión del informe final pensada para la niñez.",
            "Publicamos en la sede el calendario, los montos recibidos y su uso, y hacemos una rendición de cuentas a "
            "mitad de camino con las familias y las autoridades de {place}.",
        ),
        "indicators": (
            "Niñas y niños que asisten al menos al 75 % de las sesiones, por rango de edad: meta 80 %. Porcentaje de "
            "niñas en el consejo infantil: meta 50 %. Propuestas de la niñez acogidas por las autoridades: 3 por "
            "año. Adolescentes mujeres que se sienten capaces de hablar en público: 70 % al cierre frente a 35 % al "
            "inicio.",
            "Permanencia escolar de las niñas y los niños acompañados, por edad: meta 90 %. Casos remitidos a "
            "protección con seguimiento hasta su cierre. Sesiones facilitadas o cofacilitadas por adolescentes "
            "mujeres: meta 30 %. Satisfacción medida dos veces al año, por separado para niñas y niños.",
        ),
        "safeguarding_plan": (
            "Todo el equipo y el voluntariado firma el código de conducta y presenta antecedentes judiciales; hay "
            "dos días de formación en protección infantil antes de empezar. Las fotos requieren consentimiento "
            "escrito de la familia y el acuerdo de la niña o el niño, sin ubicación. Cualquier preocupación se "
            "informa a la referente en 24 horas.",
            "Aplicamos la política de salvaguarda de la organización: verificación de referencias, una pregunta "
            "sobre protección en cada entrevista, parejas de adultos en toda actividad y un registro de incidentes a "
            "cargo de la referente. Los datos de la niñez se guardan bajo llave y se destruyen al cierre; cada "
            "reporte recibe respuesta escrita y, si hace falta, se remite a las autoridades.",
        ),
        "benefits": (
            "Las niñas ganaron confianza: varias hablaron en el cabildo abierto de {place} y tres fueron elegidas "
            "representantes de curso. Los niños se involucraron más en las tareas compartidas y en la prevención del "
            "acoso. La niñez con discapacidad aprovechó menos las salidas por falta de transporte adaptado, algo que "
            "queremos corregir.",
            "Los avances más claros son de protección: las niñas y los niños saben a quién acudir y los casos "
            "remitidos se atendieron más rápido. Las adolescentes acompañadas siguen estudiando y los varones "
            "participaron en los talleres sobre respeto y consentimiento. Los más pequeños aprovecharon menos, "
            "porque las actividades se pensaron sobre todo para 10 a 17 años.",
        ),
        "satisfaction": (
            "Consultamos a niñas y niños por separado al final de cada ciclo, con caritas para los más pequeños, y "
            "a las familias en grupos focales. El 88 % de las niñas y el 82 % de los niños se declaran satisfechos o "
            "muy satisfechos; piden más salidas y actividades en vacaciones. Las madres valoran la seguridad de los "
            "espacios.",
            "La evaluación la hizo el propio consejo infantil: encuesta ilustrada, entrevistas entre pares y una "
            "devolución pública. Las niñas destacan el espacio seguro y las facilitadoras; los niños, el deporte y el "
            "teatro. Algunas familias quisieran más información sobre los talleres de derechos.",
        ),
        "problems": (
            "Las lluvias cerraron dos lugares de actividades durante seis semanas y la asistencia de las "
            "adolescentes bajó en época de cosecha. Una familia se quejó por una foto publicada: se retiró en una "
            "semana y reforzamos el consentimiento. La próxima vez ajustaríamos el calendario a las temporadas y "
            "reservaríamos más presupuesto para transporte.",
            "La salida de dos facilitadoras a mitad del proyecto retrasó actividades, y dos casos de violencia "
            "revelados en los talleres exigieron un acompañamiento más largo; se remitieron según nuestra ruta. "
            "Aprendimos que hay que formar desde el inicio a una facilitadora suplente.",
        ),
    },
    "en": {
        "gender_analysis": (
            "In {place}, girls leave school earlier than boys, especially after 12: household work, early marriage "
            "and long distances to secondary school. Boys aged 12 to 17 are pushed towards work in the fields or at "
            "the market. Children with disabilities are rarely seen in group activities. These findings come from "
            "separate focus groups with 48 girls, 40 boys and 30 mothers, and from school registers.",
            "Our assessment in {place} combines social-service figures, interviews with teachers and risk maps drawn "
            "by the children themselves. Adolescent girls mostly report harassment on the way to school and the "
            "burden of housework; boys of the same age, pressure to earn money and peer violence. The youngest "
            "children, girls and boys alike, lack safe places to play.",
        ),
        "targeting": (
            "The initiative first reaches the children of {place} that existing services reach least: out-of-school "
            "adolescent girls, children with disabilities and children of displaced families. Participant lists are "
            "drawn up with neighbourhood committees, and places are kept for girls and for children who do not "
            "speak the language of the school.",
            "We work with mixed groups of children aged 6 to 17, at least half of them girls, plus a group for "
            "adolescent girls only for the topics they prefer to discuss among themselves. Facilitators visit the "
            "families who do not come forward, and transport is covered for children from the outlying areas of "
            "{place}.",
        ),
        "disaggregated_data": (
            "Every session has an attendance sheet recording each participant's sex and age band (0-5, 6-11, 12-17, "
            "adults), without surnames. Figures are compared with the targets each month; if girls' participation "
            "or any age band drops by more than 10%, the team looks for the reason with the children and changes "
            "times or places.",
            "We keep an anonymous register by sex and age band (0-5, 6-11, 12-17, adults) with a disability field. "
            "A quarterly review with the team and the children's committee shows who takes part and who drops out; "
            "we use it to adjust the calendar around harvests and exams.",
        ),
        "tailored_activities": (
            "Sessions for adolescent girls take place late in the morning, after water collection, in a closed room "
            "with women facilitators; boys' sessions are held late in the afternoon. Materials are illustrated and "
            "translated into the local language for children who read little, and activities for 6-11 year-olds "
            "use play, drawing and storytelling.",
            "The programme follows the needs found in the analysis: cooperative games for the youngest, workshops "
            "for adolescents first in single-sex then in mixed groups, and one-to-one support for children with "
            "disabilities. Venues are within a twenty-minute walk and times follow the school calendar of {place}.",
        ),
        "protection_do_no_harm": (
            "The risks we identified are travelling home after dark, stigma against girls who take part, and "
            "exposure of children's images. Activities end before 5.30 pm, adolescent girls walk home in groups, "
            "and no photo is taken without the agreement of the child and their family. Every child knows they can "
            "turn to the organisation's safeguarding focal point or to the social services.",
            "Before starting, we looked with the children at what could go wrong: jealousy within families, "
            "violence on the way, disclosures of abuse during workshops. Staff sign the code of conduct, two adults "
            "are always present, and the referral pathway to the protection services of {place} is known to "
            "everyone. Children receive a card with free helpline numbers.",
        ),
        "coordination": (
            "We work with the district social welfare office for referrals of children at risk, with school heads "
            "and with the health centre. A quarterly meeting follows up on cases; information about a child is "
            "shared only with their consent and their parents'.",
        ),
        "child_participation": (
            "Space: a committee of twelve girls and boys aged 9 to 17 meets every month in a safe place. Voice: they "
            "choose the topics and the format (drawing, drama, voting). Audience: the board and a local councillor "
            "of {place} attend one meeting each quarter. Influence: every proposal receives a written answer, and "
            "the children know what changed because of them.",
            "We follow the Lundy model. Children have their own space to form their views, with a trained "
            "facilitator; girls can first discuss among themselves. They present their conclusions to parents, "
            "teachers and local authorities at a yearly assembly, and a public board shows what was taken up, what "
            "was not, and why.",
        ),
        "feedback_complaints": (
            "A locked suggestion box stands in every venue, with picture cards for the youngest. Children can also "
            "speak to a trusted adult of their choice or call the organisation's helpline. Every complaint is "
            "answered within fifteen days; complaints about a staff member go straight to the chair of the board.",
            "Children give feedback at the end of each cycle with a game of coloured cards, and parents at "
            "neighbourhood meetings. Two focal points, a woman and a man, receive complaints in confidence. We "
            "explain to children in simple words what happens after a complaint and report back on the changes "
            "decided.",
        ),
        "transparency": (
            "The budget and results are presented every year to families and to the children's committee on an "
            "illustrated poster, and a child-friendly version of the final report is written with the children.",
        ),
        "indicators": (
            "Girls and boys attending at least 75% of sessions, by age band: target 80%. Share of girls on the "
            "children's committee: target 50%. Children's proposals taken up by the authorities: 3 a year. "
            "Adolescent girls who feel able to speak in public: 70% at the end against 35% at baseline.",
            "School retention of the girls and boys supported, by age: target 90%. Children referred to a "
            "protection service and followed until their case is closed. Sessions led or co-led by adolescent "
            "girls: target 30%. Satisfaction measured twice a year, separately for girls and boys.",
        ),
        "safeguarding_plan": (
            "All staff and volunteers sign the code of conduct and provide a police record; two days of child "
            "safeguarding training take place before the start. Photos are taken only with written parental consent "
            "and the child's agreement, without location data. Any concern is reported to the focal point within "
            "24 hours.",
            "The organisation's safeguarding policy applies: reference checks, a safeguarding question in every "
            "recruitment interview, two adults at every activity, and an incident log kept by the focal point. "
            "Children's data are kept locked and destroyed at the end of the project; every report receives a "
            "written answer and, where needed, is referred to the authorities.",
        ),
        "benefits": (
            "Girls gained confidence: several spoke at the town meeting in {place} and three were elected class "
            "representatives. Boys took a greater part in shared chores and in stopping bullying. Children with "
            "disabilities benefited less from outings for lack of adapted transport, which we want to correct.",
            "The clearest progress is in protection: children know whom to turn to, and referrals to the social "
            "services were handled faster. The adolescent girls supported stayed in school, and boys joined the "
            "workshops on respect and consent. The youngest benefited less, as activities were designed mainly for "
            "10-17 year-olds.",
        ),
        "satisfaction": (
            "We asked children at the end of each cycle, girls and boys separately, with smiley faces for the "
            "youngest, and held focus groups with parents. 87% of girls and 81% of boys say they are satisfied or "
            "very satisfied; they ask for more outings and sessions during the holidays. Mothers value the safety "
            "of the venues.",
            "The evaluation was run by the children's committee itself: an illustrated questionnaire, peer "
            "interviews and a public feedback meeting. Girls mostly mention the safe space and the facilitators; "
            "boys, sport and drama. Some parents would have liked more information on the rights workshops.",
        ),
        "problems": (
            "The rainy season closed two venues for six weeks and adolescent girls' attendance fell during the "
            "harvest. A family complained about a published photo: it was removed within a week and the consent "
            "procedure was strengthened. Next time we would align the calendar with the seasons and budget more "
            "for transport.",
            "Two facilitators left halfway through, which slowed activities, and two cases of violence disclosed in "
            "workshops needed longer follow-up than planned; they were referred through our procedure. We learnt "
            "to train a stand-in facilitator from the start.",
        ),
    },
}

# The answer to `disaggregated_results`, filled in with the figures reached and the targets.
RESULTS_FIGURES = {
    "fr": (
        "Enfants atteints : {girls} filles et {boys} garçons, pour une cible de {girls_target} filles et "
        "{boys_target} garçons. 0-5 ans : {g0} filles, {b0} garçons ; 6-11 ans : {g1} filles, {b1} garçons ; "
        "12-17 ans : {g2} filles, {b2} garçons. {adults} adultes (parents, enseignants) ont aussi participé."
    ),
    "es": (
        "Niñez alcanzada: {girls} niñas y {boys} niños, frente a una meta de {girls_target} niñas y {boys_target} "
        "niños. 0-5 años: {g0} niñas, {b0} niños; 6-11 años: {g1} niñas, {b1} niños; 12-17 años: {g2} niñas, "
        "{b2} niños. También participaron {adults} personas adultas (familias y docentes)."
    ),
    "en": (
        "Children reached: {girls} girls and {boys} boys, against a target of {girls_target} girls and "
        "{boys_target} boys. Ages 0-5: {g0} girls, {b0} boys; 6-11: {g1} girls, {b1} boys; 12-17: {g2} girls, "
        "{b2} boys. {adults} adults (parents, teachers) also took part."
    ),
}

JUSTIFICATIONS = {
    "fr": {
        "GE-0": "L'initiative s'adresse à tous les enfants sans distinction ; aucune action spécifique sur l'égalité "
        "entre filles et garçons n'est prévue.",
        "GE-1": "Certaines activités, comme les groupes de parole non mixtes, visent l'égalité des genres, mais "
        "l'objectif principal reste le bien-être de tous les enfants.",
        "GE-2": "L'égalité entre filles et garçons est un objectif délibéré : chaque activité découle de l'analyse "
        "de genre, les données sont suivies par sexe et par âge, et une part claire du budget y est consacrée.",
        "GE-3": "L'autonomisation des filles est l'objectif principal : les activités, les indicateurs et la plus "
        "grande part du budget visent à réduire les inégalités qu'elles subissent.",
    },
    "es": {
        "GE-0": "La iniciativa se dirige a toda la niñez sin distinción; no prevé acciones específicas de igualdad "
        "entre niñas y niños.",
        "GE-1": "Algunas actividades, como los grupos de conversación separados, apuntan a la igualdad de género, "
        "pero el objetivo principal sigue siendo el bienestar de toda la niñez.",
        "GE-2": "La igualdad entre niñas y niños es un objetivo deliberado: cada actividad surge del análisis de "
        "género, los datos se siguen por sexo y edad y una parte clara del presupuesto se dedica a ella.",
        "GE-3": "El empoderamiento de las niñas es el objetivo principal: las actividades, los indicadores y la "
        "mayor parte del presupuesto buscan reducir las desigualdades que ellas enfrentan.",
    },
    "en": {
        "GE-0": "The initiative is for all children alike; it plans no specific action on equality between girls "
        "and boys.",
        "GE-1": "Some activities, such as single-sex discussion groups, address gender equality, but the main aim "
        "remains the wellbeing of all children.",
        "GE-2": "Equality between girls and boys is a deliberate objective: each activity follows from the gender "
        "analysis, data are tracked by sex and age, and a clear share of the budget is set aside for it.",
        "GE-3": "Girls' empowerment is the principal objective: the activities, indicators and most of the budget "
        "aim to reduce the inequalities girls face.",
    },
}

# Reviewers' comments, by (phase, verdict).
REVIEWS = {
    "fr": {
        ("design", "satisfactory"): "Analyse de genre solide, fondée sur des données locales ; la participation des "
        "enfants est pensée selon les quatre dimensions. Le code proposé est justifié.",
        ("design", "needs_work"): "L'évaluation est complète mais trop générale : précisez les besoins différents "
        "des filles et des garçons de chaque tranche d'âge et le traitement des plaintes des enfants.",
        ("implementation", "satisfactory"): "Indicateurs ventilés par sexe et par âge, plan de sauvegarde clair. "
        "Rien ne s'oppose au lancement.",
        ("implementation", "needs_work"): "Le plan de sauvegarde ne dit pas qui reçoit les signalements ni dans "
        "quel délai ; complétez-le avant le lancement.",
        ("results", "satisfactory"): "Résultats bien documentés par sexe et par âge, avec un regard honnête sur "
        "les difficultés. Bilan validé.",
    },
    "es": {
        ("design", "satisfactory"): "Análisis de género sólido, basado en datos locales; la participación infantil "
        "está pensada en sus cuatro dimensiones. El código propuesto está justificado.",
        ("design", "needs_work"): "La evaluación está completa pero es muy general: precisen las necesidades "
        "distintas de niñas y niños en cada rango de edad y cómo se atenderán sus quejas.",
        ("implementation", "satisfactory"): "Indicadores desagregados por sexo y edad y un plan de salvaguarda "
        "claro. Nada impide el lanzamiento.",
        ("implementation", "needs_work"): "El plan de salvaguarda no dice quién recibe los reportes ni en qué plazo; "
        "complétenlo antes del lanzamiento.",
        ("results", "satisfactory"): "Resultados bien documentados por sexo y edad, con una mirada honesta sobre "
        "las dificultades. Cierre validado.",
    },
    "en": {
        ("design", "satisfactory"): "A sound gender analysis based on local data; child participation covers all "
        "four dimensions. The proposed code is justified.",
        ("design", "needs_work"): "The assessment is complete but too general: spell out the different needs of "
        "girls and boys in each age band and how children's complaints will be handled.",
        ("implementation", "satisfactory"): "Indicators broken down by sex and age and a clear safeguarding plan. "
        "Nothing stands in the way of the launch.",
        ("implementation", "needs_work"): "The safeguarding plan does not say who receives reports or how fast; "
        "complete it before the launch.",
        ("results", "satisfactory"): "Results well documented by sex and age, with an honest look at the "
        "difficulties. Completion approved.",
    },
}

# Decision notes used when an initiative's own data gives none.
NOTES = {
    "fr": {
        "changes_requested": "Merci de préciser le circuit de traitement des plaintes et de ventiler les cibles par "
        "sexe et par âge avant de soumettre à nouveau.",
        "send_back": "Le plan de sauvegarde doit nommer la référente et fixer un délai de signalement avant le "
        "lancement.",
        "reopen": "Réouverture à la demande de l'organisation, qui a revu son analyse de genre avec ses partenaires "
        "locaux.",
        "rejected": "L'initiative ne répond pas aux priorités du programme pour ce cycle.",
        "withdrawn": "L'organisation retire l'initiative.",
    },
    "es": {
        "changes_requested": "Por favor precisen la ruta de atención de quejas y desagreguen las metas por sexo y "
        "edad antes de volver a enviar.",
        "send_back": "El plan de salvaguarda debe nombrar a la referente y fijar un plazo de reporte antes del "
        "lanzamiento.",
        "reopen": "Se reabre a pedido de la organización, que revisó su análisis de género con sus aliados locales.",
        "rejected": "La iniciativa no responde a las prioridades del programa en este ciclo.",
        "withdrawn": "La organización retira la iniciativa.",
    },
    "en": {
        "changes_requested": "Please describe how complaints will be handled and break the targets down by sex and "
        "age before submitting again.",
        "send_back": "The safeguarding plan must name the focal point and set a reporting deadline before the "
        "launch.",
        "reopen": "Reopened at the organisation's request after it reworked its gender analysis with local partners.",
        "rejected": "The initiative does not match the programme's priorities for this cycle.",
        "withdrawn": "The organisation withdraws the initiative.",
    },
}

# What a partner adds to an answer after a reviewer asked for changes.
REVISIONS = {
    "fr": {
        "feedback_complaints": " Depuis l'examen, une référente plaintes a été désignée et chaque enfant reçoit "
        "une réponse écrite ou orale sous dix jours.",
        "safeguarding_plan": " La référente sauvegarde est la coordinatrice du projet ; tout signalement lui est "
        "transmis dans les 24 heures et à la direction dans les 48 heures.",
    },
    "es": {
        "feedback_complaints": " Desde la revisión, una referente de quejas fue designada y cada niña o niño recibe "
        "respuesta escrita u oral en diez días.",
        "safeguarding_plan": " La referente de salvaguarda es la coordinadora del proyecto; todo reporte le llega en "
        "24 horas y a la dirección en 48 horas.",
    },
    "en": {
        "feedback_complaints": " Since the review, a complaints focal point has been named and every child receives "
        "a written or spoken answer within ten days.",
        "safeguarding_plan": " The safeguarding focal point is the project coordinator; every report reaches her "
        "within 24 hours and the board within 48 hours.",
    },
}
