"""Licence-renewal presets for thirteen states, as data.

Each preset carries its source and the day it was checked against it. Where the only sources
are district or university pages (or a number was not found in the state's own text), the
preset says what to confirm with the district instead of presenting the figure as settled.
Variants a state's rule has (National Board certification, a professional certificate, an
ESOL extension, a grade band) are presets of their own, so choosing one is choosing a preset.
"""

from __future__ import annotations

from ilearn_tui.domain.renewal_rules import CHECKED_ON, Cap, Category, Requirement

_MA_SOURCE = "https://www.doe.mass.edu/lawsregs/603cmr44.html?section=06"
_NY_SOURCE = "http://www.nysed.gov/bilingual-ed/teachers/professional-development-ell-educators"
_TX_SOURCE = (
    "https://tea.texas.gov/Texas_Educators/Certification/Certification_Renewals/"
    "Renewing_My_Standard_Certificate/"
)
_IL_SOURCE = "https://www.roe54.k12.il.us/page/renewal"
_NC_SOURCE = "https://www.gcsnc.com/Page/29641"
_GA_SOURCE = "https://www.gapsc.com/CurrentEducator/takeCareYourCertificate/RenewCertificate.aspx"

_MA_CATEGORIES = (
    Category("sei", "SEI, ESL or bilingual education", 15, "SEI/ESL"),
    Category("swd", "Students with disabilities / diverse learners", 15, "Disabilities"),
    Category("content", "Content knowledge", 15, "Content"),
    Category("pedagogy", "Pedagogy", 15, "Pedagogy"),
)

_TX_CAPS = (
    Cap("Independent study", 0.20, types=("resource", "book")),
    Cap("Presenting", 0.10, roles=("facilitated",)),
    Cap("Mentoring", 0.30, types=("coaching",)),
)
_TX_CONFIRM = (
    "the required topics (data use, students with disabilities, English learners, digital "
    "learning, …) and the caps come from secondary sources: confirm them with your district"
)
_TX_NOTES = (
    "caps: independent study (online resources, book studies) at most 20%, presenting at most "
    "10%, mentoring (peer coaching) at most 30% of the total",
)


def _tx(key: str, name: str, hours: int) -> Requirement:
    return Requirement(
        key,
        name,
        "CPE hours",
        hours,
        5,
        source=_TX_SOURCE,
        checked_on=CHECKED_ON,
        confirm=_TX_CONFIRM,
        caps=_TX_CAPS,
        notes=_TX_NOTES,
    )


def _ny(key: str, name: str, ell_share: int, nbct: str = "") -> Requirement:
    """New York's CTLE hours: a share of the 100 on language acquisition for English learners."""
    return Requirement(
        key,
        name,
        "CTLE hours",
        100,
        5,
        (Category("ell", f"English language learners ({ell_share}%)", ell_share, "ELL"),),
        source=_NY_SOURCE,
        checked_on=CHECKED_ON,
        notes=(f"approved sponsors only;{nbct} no carry-over",),
    )


def _nc(key: str, name: str, categories: tuple[Category, ...]) -> Requirement:
    return Requirement(
        key,
        name,
        "renewal credits",
        8,
        5,
        categories,
        source=_NC_SOURCE,
        hour_rate=0.1,
        # A semester hour as 15 contact hours, like the other presets' default: left at 15
        # units, one college course would count as nearly twice the whole requirement.
        semester_credit_rate=1.5,
        checked_on=CHECKED_ON,
        confirm=(
            "the 2024 split comes from a district page, and a semester hour counted as 1.5 "
            "renewal credits is not in the research notes: confirm both with your district"
        ),
        notes=(
            "1 CEU = 10 contact hours; clock hours count at 10 to a renewal credit",
            "a semester hour counts as 15 contact hours (1.5 renewal credits)",
            *(("the split applies to renewals from 30 June 2024; the rest is general",) * bool(categories)),
        ),
    )


PRESET_LIST: tuple[Requirement, ...] = (
    Requirement(
        "MA",
        "Massachusetts professional licence",
        "PDPs",
        150,
        5,
        _MA_CATEGORIES,
        topic_minimum=10,
        source=_MA_SOURCE,
        semester_credit_rate=22.5,
        checked_on=CHECKED_ON,
        confirm="1 graduate credit = 22.5 PDPs comes from secondary sources: confirm it with your district",
        per_extra_licence=30,
        goal_kinds_asked_by="Massachusetts",
        notes=(
            "of the 30 PDPs for each additional licence, 15 are in its content",
            "a passed performance assessment counts 120 PDPs (90 content, 30 pedagogy)",
        ),
    ),
    _ny("NY", "New York professional certificate (CTLE)", 15, " National Board certification meets it;"),
    _ny("NY-ESOL", "New York certificate with ESOL or a bilingual extension (CTLE)", 50),
    _tx("TX", "Texas standard classroom certificate (CPE)", 150),
    _tx("TX-PRO", "Texas professional certificate (principal, counselor, librarian, …) (CPE)", 200),
    Requirement(
        "IL",
        "Illinois professional educator licence",
        "hours",
        120,
        5,
        source=_IL_SOURCE,
        checked_on=CHECKED_ON,
        notes=("1 semester hour = 15 hours; 1 quarter hour = 10 hours",),
    ),
    Requirement(
        "IL-NBCT",
        "Illinois professional educator licence, National Board certified",
        "hours",
        60,
        5,
        source=_IL_SOURCE,
        checked_on=CHECKED_ON,
        notes=("1 semester hour = 15 hours; 1 quarter hour = 10 hours",),
    ),
    Requirement(
        "VA",
        "Virginia renewable licence (10 years)",
        "points",
        270,
        10,
        source="https://harrisonburg.k12.va.us/District/Department/100-Careers/4350-Teacher-Licensure.html",
        semester_credit_rate=30,
        checked_on=CHECKED_ON,
        confirm=(
            "270 points for 10 years is what division pages state (180 per 5 years before "
            "2018-07-01); it is not in VDOE's own text: confirm the points with your division"
        ),
        checklist=(
            "child-abuse recognition training",
            "dyslexia awareness training",
            "first aid, CPR and AED training",
        ),
        notes=("1 semester hour = 30 points",),
    ),
    Requirement(
        "PA",
        "Pennsylvania Act 48",
        "hours",
        180,
        5,
        source=(
            "https://www.ed.psu.edu/academics/departments/department-curriculum-and-instruction/"
            "undergraduate/advising-certification/act-48-professional-development-plans-pa-educators"
        ),
        semester_credit_rate=30,
        checked_on=CHECKED_ON,
        notes=("180 hours or 6 credits, or a mix: 1 credit = 30 hours; no carry-over",),
    ),
    Requirement(
        "FL",
        "Florida professional certificate",
        "inservice points",
        120,
        5,
        (Category("swd", "Teaching students with disabilities", 20, "Students with disabilities"),),
        source="https://regulations.justia.com/states/florida/6/6a/chapter-6a-4/section-6a-4-0051",
        semester_credit_rate=20,
        checked_on=CHECKED_ON,
        notes=("120 points or 6 semester hours: 1 semester hour = 20 points",),
    ),
    Requirement(
        "FL-READING",
        "Florida professional certificate, a coverage needing reading",
        "inservice points",
        120,
        5,
        (
            Category("swd", "Teaching students with disabilities", 20, "Students with disabilities"),
            Category("reading", "Reading / dyslexia", 40, "Reading"),
        ),
        source="https://regulations.justia.com/states/florida/6/6a/chapter-6a-4/section-6a-4-0051",
        semester_credit_rate=20,
        checked_on=CHECKED_ON,
        notes=("120 points or 6 semester hours: 1 semester hour = 20 points",),
    ),
    Requirement(
        "OH",
        "Ohio five-year professional licence",
        "contact hours",
        180,
        5,
        source=(
            "https://education.ohio.gov/Topics/Teaching/Licensure/Renew-License/"
            "How-to-Renew-a-Currently-Valid-Five-Year-Professio"
        ),
        semester_credit_rate=30,
        checked_on=CHECKED_ON,
        notes=(
            "6 semester hours, or 18 CEUs (180 contact hours), combinable: a semester hour counts "
            "as 30 contact hours, a CEU as 10; under your LPDC-approved IPDP",
        ),
    ),
    Requirement(
        "NJ",
        "New Jersey professional development (20 hours a year)",
        "hours",
        20,
        1,
        source="https://regulations.justia.com/states/new-jersey/title-6a/chapter-9c/subchapter-4/section-6a-9c-4-4",
        checked_on=CHECKED_ON,
        confirm="the hours are prorated for part-time work or leave: confirm your share with your district",
        rolling=True,
        notes=(
            "a year counts from the start date's anniversary; your individual PDP is updated by 31 October",
        ),
    ),
    _nc("NC", "North Carolina professional licence", ()),
    _nc(
        "NC-K5",
        "North Carolina professional licence, K-5",
        (
            Category("subject", "Content / subject area", 3, "Subject"),
            Category("literacy", "Literacy", 3, "Literacy"),
        ),
    ),
    _nc(
        "NC-6-12",
        "North Carolina professional licence, 6-12",
        (Category("subject", "Content / subject area", 4, "Subject"),),
    ),
    Requirement(
        "GA",
        "Georgia certificate, employed in a Georgia school",
        "hours",
        0,
        5,
        source=_GA_SOURCE,
        checked_on=CHECKED_ON,
        confirm="the period is not in the research notes: confirm your certificate's dates with GaPSC",
        track_only=True,
        notes=("your evaluator affirms progress on your professional learning goal; no hour count",),
    ),
    Requirement(
        "GA-NOT-EMPLOYED",
        "Georgia certificate, not employed in a Georgia school",
        "hours",
        100,
        5,
        source=_GA_SOURCE,
        checked_on=CHECKED_ON,
        confirm="the period is not in the research notes: confirm your certificate's dates with GaPSC",
        notes=("100 hours, or 6 semester hours, or 10 PLUs/CEUs, or a content test",),
    ),
    Requirement(
        "WA",
        "Washington professional certificate",
        "clock hours",
        100,
        5,
        (Category("equity", "Equity-based practices", 15, "Equity"),),
        source=(
            "https://ospi.k12.wa.us/certification/teacher-certificate/"
            "already-washington-certified-educators/professional-teacher"
        ),
        checked_on=CHECKED_ON,
        notes=("or credits, or Professional Growth Plans; 15 hours in equity since 2023-07-01",),
    ),
    Requirement(
        "CA",
        "California clear credential",
        "hours",
        0,
        5,
        source="https://www.ctc.ca.gov/credentials/leaflets/renewal-and-reissuance-of-credentials-(cl-494)",
        checked_on=CHECKED_ON,
        track_only=True,
        notes=("renews every 5 years with no coursework or professional-development hours",),
    ),
)

PRESETS: dict[str, Requirement] = {rule.key: rule for rule in PRESET_LIST}

# The thirteen states, each with at least one preset ("IL" and "IL-NBCT" are both Illinois).
STATES = ("MA", "NY", "TX", "IL", "VA", "PA", "FL", "OH", "NJ", "NC", "GA", "WA", "CA")
