"""The evaluation frameworks a teacher may tag evidence with, as data, each with its source.

An evaluator reads evidence against a rubric; tagging an artifact with the rubric's components
lets the coverage view show what is still missing before the meeting. The names were checked
against published copies of each framework (noted per framework); where a count or a name
could not be confirmed, the framework's ``note`` says so rather than guessing quietly.
Codes never hold a dot: they become part of a link's sync key, which is joined with dots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ilearn_tui.domain.picking import pick


@dataclass(frozen=True, slots=True)
class Component:
    code: str  # what a teacher types: "1a", "14", "II-A"
    name: str
    domain: str  # the domain, standard or area it belongs to


@dataclass(frozen=True, slots=True)
class Framework:
    key: str  # stored with each link: "danielson", "marzano", "ma"
    title: str
    source: str
    note: str
    components: tuple[Component, ...]
    aliases: tuple[str, ...] = ()

    def component(self, code: str) -> Component:
        for candidate in self.components:
            if candidate.code == code:
                return candidate
        raise KeyError(f"{self.title} has no component {code!r}")

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.domain for c in self.components))

    def read_codes(self, typed: Iterable[str], option: str = "--component") -> list[str]:
        """The codes ``typed`` names, each once, by the forgiving list rule.

        The command line's ``--component`` and the app's Components field read tags by this one
        rule, so "1A" or "questioning" finds Danielson's 1a or 3b in both, and a slip is refused
        (a ``UsageError`` naming ``option``, the text and what would be accepted) in both.
        """
        names = {c.code: (c.name,) for c in self.components}
        return list(dict.fromkeys(pick(option, text, names) for text in typed))


def split_codes(text: str) -> list[str]:
    """A field's "3b, 1e" as the codes typed; commas or semicolons part them (names hold spaces)."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _listed(domain: str, rows: str) -> tuple[Component, ...]:
    """One domain's components written as ``code | name`` lines (data reads better so)."""
    found = []
    for line in rows.strip().splitlines():
        code, name = (part.strip() for part in line.split("|"))
        found.append(Component(code, name, domain))
    return tuple(found)


DANIELSON = Framework(
    "danielson",
    "Danielson Framework for Teaching",
    "Charlotte Danielson, The Framework for Teaching Evaluation Instrument (2013 edition), "
    "The Danielson Group; names checked against the UFT's published list of the 22 components.",
    "Domains 1 and 4 are usually evidenced by artifacts rather than observation.",
    _listed(
        "Domain 1: Planning and Preparation",
        """
        1a | Demonstrating Knowledge of Content and Pedagogy
        1b | Demonstrating Knowledge of Students
        1c | Setting Instructional Outcomes
        1d | Demonstrating Knowledge of Resources
        1e | Designing Coherent Instruction
        1f | Designing Student Assessments
        """,
    )
    + _listed(
        "Domain 2: The Classroom Environment",
        """
        2a | Creating an Environment of Respect and Rapport
        2b | Establishing a Culture for Learning
        2c | Managing Classroom Procedures
        2d | Managing Student Behavior
        2e | Organizing Physical Space
        """,
    )
    + _listed(
        "Domain 3: Instruction",
        """
        3a | Communicating with Students
        3b | Using Questioning and Discussion Techniques
        3c | Engaging Students in Learning
        3d | Using Assessment in Instruction
        3e | Demonstrating Flexibility and Responsiveness
        """,
    )
    + _listed(
        "Domain 4: Professional Responsibilities",
        """
        4a | Reflecting on Teaching
        4b | Maintaining Accurate Records
        4c | Communicating with Families
        4d | Participating in a Professional Community
        4e | Growing and Developing Professionally
        4f | Showing Professionalism
        """,
    ),
    aliases=("fft", "framework for teaching"),
)

MARZANO = Framework(
    "marzano",
    "Marzano Focused Teacher Evaluation Model",
    "Robert J. Marzano and Beverly Carbaugh, The Marzano Focused Teacher Evaluation Model "
    "(Learning Sciences International, 2017); element names checked against LSI's one-page "
    "overview of the model.",
    "The elements are numbered 1-23 here in the overview's order; districts may number them "
    "differently, so the names are what to match against your district's form.",
    _listed(
        "Standards-Based Planning",
        """
        1 | Planning Standards-Based Lessons/Units
        2 | Aligning Resources to Standard(s)
        3 | Planning to Close the Achievement Gap Using Data
        """,
    )
    + _listed(
        "Standards-Based Instruction",
        """
        4 | Identifying Critical Content from the Standards
        5 | Previewing New Content
        6 | Helping Students Process New Content
        7 | Using Questions to Help Students Elaborate on Content
        8 | Reviewing Content
        9 | Helping Students Practice Skills, Strategies, and Processes
        10 | Helping Students Examine Similarities and Differences
        11 | Helping Students Examine Their Reasoning
        12 | Helping Students Revise Knowledge
        13 | Helping Students Engage in Cognitively Complex Tasks
        """,
    )
    + _listed(
        "Conditions for Learning",
        """
        14 | Using Formative Assessment to Track Progress
        15 | Providing Feedback and Celebrating Progress
        16 | Organizing Students to Interact with Content
        17 | Establishing and Acknowledging Adherence to Rules and Procedures
        18 | Using Engagement Strategies
        19 | Establishing and Maintaining Effective Relationships in a Student-Centered Classroom
        20 | Communicating High Expectations for Each Student to Close the Achievement Gap
        """,
    )
    + _listed(
        "Professional Responsibilities",
        """
        21 | Adhering to School and District Policies and Procedures
        22 | Maintaining Expertise in Content and Pedagogy
        23 | Promoting Teacher Leadership and Collaboration
        """,
    ),
    aliases=("focused model", "fte"),
)

MASSACHUSETTS = Framework(
    "ma",
    "Massachusetts Standards and Indicators of Effective Teaching Practice",
    "Massachusetts DESE, Model System for Educator Evaluation: Classroom Teacher Rubric "
    "(August 2018); 603 CMR 35.03; DESE, 2017 Draft Model Classroom Teacher Rubric and "
    "Proposed Refinements (the structure regulation requires: four Standards, 16 Indicators).",
    "The 2018 rubric's introduction says 17 indicators, but DESE's account of that revision "
    "says it kept the structure the regulation requires, four Standards and 16 Indicators, "
    "and no source found names a 17th: these 16 are all there are to list.",
    _listed(
        "Standard I: Curriculum, Planning, and Assessment",
        """
        I-A | Curriculum and Planning
        I-B | Assessment
        I-C | Analysis
        """,
    )
    + _listed(
        "Standard II: Teaching All Students",
        """
        II-A | Instruction
        II-B | Learning Environment
        II-C | Cultural Proficiency
        II-D | Expectations
        """,
    )
    + _listed(
        "Standard III: Family and Community Engagement",
        """
        III-A | Engagement
        III-B | Collaboration
        III-C | Communication
        """,
    )
    + _listed(
        "Standard IV: Professional Culture",
        """
        IV-A | Reflection
        IV-B | Professional Growth
        IV-C | Collaboration
        IV-D | Decision-Making
        IV-E | Shared Responsibility
        IV-F | Professional Responsibilities
        """,
    ),
    aliases=("massachusetts", "dese"),
)

FRAMEWORKS: dict[str, Framework] = {f.key: f for f in (DANIELSON, MARZANO, MASSACHUSETTS)}
NONE = "none"
