"""The questions of the gender-equality assessment, with plain-language help.

Question keys are part of the public contract (API, exports). They follow the
IASC Gender with Age Marker, the OECD-DAC minimum (gender analysis and
do-no-harm for every activity) and the Lundy model of child participation.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.gate.models import Phase

TEXT = "text"
PERCENT = "percent"


@dataclass(frozen=True)
class Question:
    key: str
    label: object
    help: object
    kind: str = TEXT
    required: bool = True


DESIGN_QUESTIONS = (
    Question(
        "gender_analysis",
        _l("Gender analysis"),
        _l(
            "Describe the situation of girls and boys, women and men in the community where you work. "
            "Compare their needs, risks and opportunities by sex, age and diversity (for example disability, "
            "origin or where they live), and say where your information comes from."
        ),
    ),
    Question(
        "targeting",
        _l("Who the initiative is for"),
        _l(
            "Say which groups of children and adults the initiative will reach and why. Explain how you will "
            "make sure that girls, boys and the children most often left out can take part."
        ),
    ),
    Question(
        "disaggregated_data",
        _l("Data by sex and age"),
        _l(
            "Explain how you will count the people you reach by sex and by age band (0–5, 6–11, 12–17, adults), "
            "and how you will use these figures to adjust the initiative."
        ),
    ),
    Question(
        "tailored_activities",
        _l("Activities adapted to different needs"),
        _l(
            "Describe how the activities respond to the different needs of girls and boys found in your gender "
            "analysis: times, places, facilitators, materials, languages."
        ),
    ),
    Question(
        "protection_do_no_harm",
        _l("Protection and do no harm"),
        _l(
            "List the risks the initiative could create for children, especially girls (violence, exposure, "
            "stigma, travel), and what you will do to prevent them. Say who children can turn to if something "
            "goes wrong."
        ),
    ),
    Question(
        "coordination",
        _l("Coordination with others"),
        _l(
            "Optional. Name the local services, authorities or organisations you will work with, for example "
            "for referrals of children at risk, and how you will share information safely."
        ),
        required=False,
    ),
    Question(
        "child_participation",
        _l("Child participation"),
        _l(
            "Explain how children will take part, following four steps: a safe space to form their views, "
            "a voice to express them, an audience that listens, and influence: how their views will change "
            "decisions. Say how girls and boys of different ages are included."
        ),
    ),
    Question(
        "feedback_complaints",
        _l("Feedback and complaints"),
        _l(
            "Describe how children, families and the community can give feedback or make a complaint safely "
            "and confidentially, in a way children understand, and how you will answer."
        ),
    ),
    Question(
        "transparency",
        _l("Transparency"),
        _l(
            "Optional. Say how you will share information about the initiative, its budget and its results with "
            "the children and the community."
        ),
        required=False,
    ),
)

IMPLEMENTATION_EXTRA = (
    Question(
        "indicators",
        _l("Gender-sensitive indicators"),
        _l(
            "List the indicators you will follow, broken down by sex and age, and the target for each. Include at "
            "least one indicator on girls' participation or empowerment."
        ),
    ),
    Question(
        "gender_budget_share",
        _l("Share of the budget for gender equality (%)"),
        _l(
            "A number from 0 to 100: the part of the budget spent on activities whose main purpose is gender "
            "equality or the empowerment of girls."
        ),
        kind=PERCENT,
    ),
    Question(
        "safeguarding_plan",
        _l("Child safeguarding plan"),
        _l(
            "Describe your safeguarding measures during implementation: code of conduct, staff and volunteer "
            "checks, consent for photos and data, and what happens when a concern is reported."
        ),
    ),
)

RESULTS_QUESTIONS = (
    Question(
        "benefits",
        _l("Benefits for girls and boys"),
        _l(
            "Describe what changed for girls and for boys thanks to the initiative, with examples and figures. "
            "Say whether some groups benefited less and why."
        ),
    ),
    Question(
        "satisfaction",
        _l("Satisfaction of children and families"),
        _l(
            "Explain how you asked children and families what they thought of the initiative, and what they said, "
            "separately for girls and boys where possible."
        ),
    ),
    Question(
        "problems",
        _l("Problems and lessons learned"),
        _l(
            "Describe the difficulties you met, including any harm or complaint, how you handled them, and what "
            "you would do differently."
        ),
    ),
    Question(
        "disaggregated_results",
        _l("Results by sex and age"),
        _l("Give the number of children and adults reached, by sex and age band, compared with your targets."),
    ),
)

QUESTIONS: dict[Phase, tuple[Question, ...]] = {
    Phase.DESIGN: DESIGN_QUESTIONS,
    Phase.IMPLEMENTATION: DESIGN_QUESTIONS + IMPLEMENTATION_EXTRA,
    Phase.RESULTS: RESULTS_QUESTIONS,
}

PHASE_NAMES = {
    Phase.DESIGN: _l("design assessment"),
    Phase.IMPLEMENTATION: _l("implementation assessment"),
    Phase.RESULTS: _l("results assessment"),
}

GE_CODE_MEANINGS = {
    "GE-0": _l("GE-0: gender equality not targeted"),
    "GE-1": _l("GE-1: limited integration: some activities address gender equality"),
    "GE-2": _l("GE-2: fully integrated: gender equality is a significant, deliberate objective"),
    "GE-3": _l("GE-3: targeted: gender equality is the principal objective"),
}


def question(phase: Phase, key: str) -> Question:
    return next(q for q in QUESTIONS[phase] if q.key == key)
