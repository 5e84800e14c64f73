"""A sample journal of a fictional teacher, for ``ilearn demo`` and for trying the app safely.

The content is written as if for a full school year and then placed on real days: the
previous year keeps its dates, while the current year's finished work is squeezed into the
days up to ``today`` and its planned work into the days after, so the demo never shows
finished work in the future whatever day it is opened. Everything is fixed data, so the
same ``today`` always gives the same journal.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from ilearn_tui.dates import school_year_bounds
from ilearn_tui.errors import UsageError
from ilearn_tui.settings import load_settings, save_settings
from ilearn_tui.store.evidence import store_file
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row

MonthDay = tuple[int, int]
PREV, THIS = "P", "C"  # the two cycles: the previous school year and the current one

TEACHER = {
    "teacher_name": "Maren Ekdahl",
    "teacher_role": "Grade 7 science teacher",
    "school": "Riverbend Middle School",
}
MISSION = (
    "Riverbend Middle School: every learner known, challenged and ready to contribute to a changing world."
)
VISIONS = {
    PREV: "## The lab I want\n\nA room where **students argue from evidence**, not from who talks "
    "loudest. Lab teams where every voice counts, and where *how do we know?* is the question "
    "everyone asks before accepting an answer.\n\n- Students write conclusions they can defend.\n"
    "- I check understanding every lesson, not only at the end of a unit.\n"
    "- The schoolyard and the creek behind it become part of the classroom.",
    THIS: "## The lab I want, year two\n\nLast year my students learnt to *argue* from evidence. "
    "This year I want them to **produce the evidence themselves**: ask a question, design a fair "
    "test, fail, fix it and tell someone outside our room what they found.\n\n"
    "1. Students plan their own investigations.\n2. Feedback is something they *use*, in class "
    "time, not a grade they file.\n3. Our data travels: a partner class, families, the town.",
}
# The tables below are laid out by hand, one record per group of lines, to read as content.
# fmt: off
# (key, cycle, kind, text)
OUTCOMES = (
    ("Pk1", PREV, "knowledge", "Explain how matter and energy move through an ecosystem"),
    ("Pk2", PREV, "knowledge", "Construct a claim from data and back it with reasoning"),
    ("Ph1", PREV, "habit of mind", "Question the evidence: ask 'how do we know?' before accepting"),
    ("Pd1", PREV, "disposition", "Curiosity about the natural world close to home"),
    ("Ps1", PREV, "21st-century skill", "Collaborate in lab teams with clear roles and fair talk"),
    ("Ck1", THIS, "knowledge", "Plan a fair test: variables, controls and enough trials"),
    ("Ch1", THIS, "habit of mind", "Persist through a failed experiment and revise the design"),
    ("Ch2", THIS, "habit of mind", "Use feedback to improve work rather than file it away"),
    ("Cd1", THIS, "disposition", "See themselves as people who do science"),
    ("Cs1", THIS, "21st-century skill", "Communicate findings to an audience beyond our classroom"),
    ("Cs2", THIS, "21st-century skill", "Use digital tools to collect, graph and share data"),
)
# (cycle, kind, text)
INTERESTS = (
    (PREV, "learn", "Argument-driven inquiry and claim-evidence-reasoning writing"),
    (PREV, "learn", "Formative assessment: hinge questions and exit tickets"),
    (PREV, "learn", "Citizen science and global partner classes"),
    (PREV, "share", "Lab safety routines and lab team roles"),
    (PREV, "share", "Using the schoolyard for ecology fieldwork"),
    (THIS, "learn", "Student-designed investigations and how to scaffold them"),
    (THIS, "learn", "Feedback students act on (feedback lessons, revision time)"),
    (THIS, "learn", "Data loggers and simple stream-quality testing"),
    (THIS, "share", "Claim-evidence-reasoning frames for lab conclusions"),
    (THIS, "share", "Hinge questions in five minutes a lesson"),
)
# (key, cycle, title, why, skills, success indicators, target, status, outcomes, questions)
GOALS = (
    ("P1", PREV, "Students argue from evidence in their lab conclusions",
     "Conclusions were lists of what happened. Arguing from evidence is the heart of science.",
     "Scientific argument, writing, academic talk",
     "Three quarters of lab conclusions have a claim, evidence and reasoning by June.",
     (6, 15), "achieved", ("Pk2", "Ph1"),
     (("P1a", "Does a claim-evidence-reasoning frame raise the quality of lab conclusions?"),
      ("P1b", "Do quieter students write stronger arguments when they rehearse them aloud first?"))),
    ("P2", PREV, "Make formative assessment a daily habit",
     "I found out who was lost only at the unit test, when it was too late to help.",
     "Formative assessment, questioning, regrouping",
     "A hinge question or exit ticket in four of five lessons; I regroup at least weekly.",
     (5, 31), "achieved", ("Pk1",),
     (("P2a", "Do mid-lesson hinge questions change how and when I regroup students?"),)),
    ("P3", PREV, "Connect our ecology unit with a partner class abroad",
     "Comparing our creek with another place could make ecology feel real and global.",
     "Global collaboration, data sharing, communication",
     "Two exchanges of data with a partner class and one joint video call.",
     (4, 30), "dropped", ("Pd1", "Ps1"),
     (("P3a", "Does collecting and swapping our own field data raise engagement in ecology?"),)),
    ("C1", THIS, "Students design their own investigations",
     "Last year they argued well from my experiments. Now they should own the question too.",
     "Experimental design, persistence, peer review",
     "Most plans score 3 of 4 on our rubric; students revise a failed design without being told.",
     (6, 15), "in progress", ("Ck1", "Ch1", "Cd1"),
     (("C1a", "Does a planning scaffold with peer review improve student-designed experiments?"),
      ("C1b", "Which parts of investigation design do students find hardest to do alone?"))),
    ("C2", THIS, "Make feedback something students act on",
     "My written comments took hours and changed little. Feedback should cause thinking.",
     "Feedback, self-assessment, revision",
     "Students revise in class after every lab; more than half of revisions raise the score.",
     (5, 31), "in progress", ("Ch2",),
     (("C2a", "Do feedback lessons (class time to respond) improve revisions more than comments?"),)),
    ("C3", THIS, "Share our stream-quality data with a partner class",
     "The partner-class idea failed last year on logistics, not on value. Second attempt, simpler.",
     "Global collaboration, data literacy, digital tools",
     "One shared data set, one video call and questions from students that compare both places.",
     (6, 1), "open", ("Cs1", "Cs2"),
     (("C3a", "How does comparing data with a class in another country change students' questions?"),)),
)
# (key, cycle, type, date, status, role, hours, credits, title, provider, collaborators, goals, notes)
ACTIVITIES = (
    ("p-plc1", PREV, "plc", (9, 10), "done", "attended", 12, 0, "Grade 7 science PLC, first term",
     "Riverbend MS", "Keiko (Grade 8 science), Tomas (Grade 7 math)", "P1 P2", "Weekly, 40 minutes."),
    ("p-book", PREV, "book", (9, 24), "done", "attended", 9, 9, "Book study on argument in science",
     "Riverbend library", "Ruth (librarian), Keiko, Sam (learning support)", "P1", "Six sessions."),
    ("p-cer", PREV, "workshop", (10, 8), "done", "attended", 6, 6, "Claim, evidence, reasoning workshop",
     "District Science Office", "", "P1", "Left with sentence frames and a rubric draft."),
    ("p-chat", PREV, "chat", (10, 16), "done", "attended", 1, 0, "#scichat on argument in middle school",
     "#scichat", "", "P1", ""),
    ("p-coach", PREV, "coaching", (10, 29), "done", "attended", 4, 4, "Peer coaching cycle on questioning",
     "Adaeze (instructional coach)", "Adaeze", "P2", "Pre-meeting, observation, debrief."),
    ("p-video", PREV, "video", (11, 12), "done", "attended", 2, 2, "Video reflection: a forces lesson",
     "", "", "P2", "Filmed period 3; watched it twice."),
    ("p-rounds", PREV, "rounds", (11, 20), "done", "attended", 5, 5, "Instructional rounds: student talk",
     "Riverbend MS", "Keiko, Tomas, Sam", "P1", "Four classrooms, one problem of practice."),
    ("p-pod", PREV, "resource", (12, 5), "done", "attended", 1.5, 0, "Podcast series on hinge questions",
     "", "", "P2", ""),
    ("p-cit", PREV, "resource", (1, 8), "done", "attended", 1, 0, "Article: citizen science in grade 7",
     "", "", "P3", ""),
    ("p-course", PREV, "course", (1, 20), "done", "attended", 20, 20, "Assessment for learning in science",
     "Northfield University (online)", "", "P2", "Eight weeks, with a final assignment."),
    ("p-walk", PREV, "walk", (2, 6), "done", "attended", 2, 2, "Learning walk: exit tickets everywhere",
     "Riverbend MS", "Tomas", "P2", "Visited languages, art and math."),
    ("p-glob", PREV, "chat", (2, 13), "done", "attended", 1, 0, "Global classrooms chat on partnerships",
     "#globalclassroom", "", "P3", ""),
    ("p-edcamp", PREV, "edcamp", (2, 27), "done", "attended", 5, 5, "EdCamp Riverbend Valley",
     "EdCamp volunteers", "Keiko", "", "Sessions on grading, podcasts and lab safety."),
    ("p-plc2", PREV, "plc", (3, 4), "done", "attended", 10, 0, "Grade 7 science PLC, second term",
     "Riverbend MS", "Keiko, Tomas", "P1", "Scored lab conclusions together."),
    ("p-mini", PREV, "mini", (3, 12), "done", "facilitated", 1, 1, "Mini-session I led: CER frames",
     "Riverbend MS", "", "P1", "Twelve colleagues came, four departments."),
    ("p-roles", PREV, "workshop", (4, 2), "done", "facilitated", 1.5, 1.5, "Workshop I led: lab team roles",
     "Riverbend MS", "Sam", "", "For the new-teacher group."),
    ("p-conf", PREV, "conference", (4, 17), "done", "attended", 12, 12, "State science teachers conference",
     "State Science Teachers Association", "Keiko", "P1 P3", "Two days."),
    ("p-field", PREV, "other", (5, 6), "done", "attended", 3, 0, "Field day planning with the nature centre",
     "County nature centre", "Sam", "P3", ""),
    ("c-plc1", THIS, "plc", (9, 9), "done", "attended", 10, 0, "Grade 7 PLC: investigation design",
     "Riverbend MS", "Keiko, Tomas", "C1", "Weekly, 40 minutes."),
    ("c-cohort", THIS, "cohort", (9, 23), "done", "attended", 12, 12, "Inquiry teaching cohort",
     "District Science Office", "Teachers from four schools", "C1", "Monthly, with classroom tasks."),
    ("c-coach", THIS, "coaching", (10, 7), "done", "attended", 4, 4, "Peer coaching: launching open labs",
     "", "Keiko", "C1", "We swapped rooms for one lesson each."),
    ("c-book", THIS, "book", (10, 14), "done", "attended", 8, 8, "Book study on feedback",
     "Riverbend library", "Ruth, Tomas, Sam", "C2", ""),
    ("c-video", THIS, "video", (10, 28), "done", "attended", 2, 2, "Video reflection: conferring in labs",
     "", "", "C2", ""),
    ("c-chat", THIS, "chat", (11, 4), "done", "attended", 1, 0, "#scichat: student-designed experiments",
     "#scichat", "", "C1", ""),
    ("c-course", THIS, "course", (11, 18), "done", "attended", 15, 15, "Teaching with data in science",
     "Open Science Teaching Network", "", "C1 C3", "Self-paced, with a discussion forum."),
    ("c-rounds", THIS, "rounds", (12, 2), "done", "attended", 5, 5, "Instructional rounds: feedback",
     "Riverbend MS", "Keiko, Tomas, Sam", "C2", ""),
    ("c-walk", THIS, "walk", (12, 9), "done", "attended", 1.5, 0, "Learning walk in the Grade 8 science wing",
     "", "Keiko", "C1", ""),
    ("c-mini", THIS, "mini", (1, 13), "done", "facilitated", 1, 1, "Mini-session I led: hinge questions",
     "Riverbend MS", "", "C2", "Staff PD day, two rounds of 20 minutes."),
    ("c-web", THIS, "resource", (1, 20), "done", "attended", 1, 0, "Webinar: global classroom partnerships",
     "", "", "C3", ""),
    ("c-loggers", THIS, "workshop", (2, 3), "done", "attended", 6, 6, "Data loggers and stream sampling",
     "County nature centre", "Sam", "C3", "Borrowed four loggers for the spring."),
    ("c-edcamp", THIS, "edcamp", (2, 28), "done", "facilitated", 5, 5, "EdCamp Riverbend Valley",
     "EdCamp volunteers", "Keiko, Ruth", "C2", "I pitched a session on feedback lessons."),
    ("c-coach2", THIS, "coaching", (3, 10), "done", "attended", 3, 3, "Coaching follow-up: feedback lessons",
     "Adaeze (instructional coach)", "Adaeze", "C2", ""),
    ("c-plc2", THIS, "plc", (3, 17), "done", "attended", 6, 0, "PLC: a common rubric for plans",
     "Riverbend MS", "Keiko, Tomas", "C1", ""),
    ("c-call", THIS, "other", (3, 24), "done", "attended", 1, 0, "Video call with the partner-class teacher",
     "", "Partner teacher in Chile", "C3", ""),
    ("c-conf", THIS, "conference", (4, 16), "planned", "facilitated", 12, 12,
     "State science teachers conference (presenting)", "State Science Teachers Association", "Keiko",
     "C1", "Poster: student-designed investigations."),
    ("c-rounds2", THIS, "rounds", (4, 28), "planned", "attended", 4, 4,
     "Instructional rounds: student-led labs", "Riverbend MS", "Keiko, Tomas", "C1", ""),
    ("c-ws", THIS, "workshop", (5, 5), "planned", "facilitated", 1.5, 1.5,
     "Workshop I will lead: open investigations", "Riverbend MS", "", "C1", ""),
    ("c-walk2", THIS, "walk", (5, 19), "planned", "facilitated", 1, 0, "Learning walk with new staff",
     "Riverbend MS", "", "", ""),
    ("c-summer", THIS, "course", (6, 23), "planned", "attended", 24, 24,
     "Summer institute: climate science for middle school", "Northfield University", "", "C3", ""),
    ("c-book2", THIS, "book", (7, 7), "planned", "attended", 6, 6,
     "Summer book study: assessment in inquiry classrooms", "Riverbend library", "Ruth", "C2", ""),
)
# (key, cycle, question, kind, title, started, phase, plan, act, observe, reflect)
INNOVATIONS = (
    ("p-inv", PREV, "P1a", "action research", "CER frames in two Grade 7 classes", (10, 1), "reflect",
     "Periods 2 and 5 get the claim-evidence-reasoning frame and a rubric; period 3 keeps the old "
     "template for six weeks. Score every lab conclusion with the same rubric.",
     "Taught the frame with a silly example first (who ate the cake?), then used it in four labs.",
     "Full arguments rose from 38% to 71% by spring; period 3 caught up fast once they got the frame.",
     "The frame works, but students lean on it. Next year: fade it out by spring."),
    ("c-inv", THIS, "C1a", "action research", "Planning scaffold with peer review", (9, 30), "observe",
     "A one-page planner (question, variables, trials, safety) and a peer-review round before any lab.",
     "Three open investigations so far; peer review with a checklist and two stars and a wish.",
     "Plans are bolder and more precise. Controls are still the weak point for about a third.", ""),
    ("c-glob", THIS, "C3a", "global connection", "Stream-quality data exchange", (1, 20), "plan",
     "Sample our creek monthly with loggers; swap a shared spreadsheet with the partner class; "
     "one video call where students present their most surprising number.", "", "", ""),
)
# (key, cycle, date, kind, title, url or file, description, student info, goal, question, activity,
#  innovation)
EVIDENCE = (
    ("p-rubric", PREV, (10, 2), "document", "CER rubric for lab conclusions",
     "https://example.org/riverbend/cer-rubric", "Four-level rubric used in every lab.",
     0, "P1", "P1a", "", "p-inv"),
    ("p-samples", PREV, (1, 30), "student work", "Scanned lab notebooks, period 3",
     "https://example.org/riverbend/notebooks-p3", "Names visible; for the review meeting only.",
     1, "P1", "P1b", "", "p-inv"),
    ("p-hinge", PREV, (12, 3), "lesson plan", "Hinge-question bank for the forces unit",
     "https://example.org/riverbend/hinge-forces", "Twenty questions with the wrong answers explained.",
     0, "P2", "P2a", "", ""),
    ("p-cert", PREV, (3, 15), "certificate", "Certificate: assessment for learning in science",
     "https://example.org/certificates/afl-science", "20 hours.", 0, "P2", "", "p-course", ""),
    ("p-field", PREV, (5, 8), "data", "Schoolyard field day counts", "schoolyard-field-day.csv",
     "Invertebrate counts from three sites by the creek.", 0, "P3", "P3a", "", ""),
    ("c-planner", THIS, (12, 5), "lesson plan", "Investigation planner and peer-review checklist",
     "investigation-planner.md", "The one-page scaffold, version 3.", 0, "C1", "C1a", "", "c-inv"),
    ("c-clip", THIS, (12, 11), "video", "Clip: students peer-reviewing plans",
     "https://example.org/riverbend/peer-review-clip", "Faces visible; not for sharing.",
     1, "C1", "C1a", "", "c-inv"),
    ("c-coachnotes", THIS, (10, 9), "feedback", "Coaching notes from Keiko",
     "https://example.org/riverbend/coaching-notes", "What she noticed in my open lab.",
     0, "C1", "", "c-coach", ""),
    ("c-slides", THIS, (10, 20), "lesson plan", "Feedback lesson slides",
     "https://example.org/riverbend/feedback-lesson", "Codes, not comments: the routine.",
     0, "C2", "C2a", "", ""),
    ("c-tracker", THIS, (1, 27), "data", "Revision tracker (anonymised)",
     "https://example.org/riverbend/revision-tracker", "Scores before and after each revision.",
     0, "C2", "C2a", "", ""),
    ("c-callnotes", THIS, (3, 25), "document", "Notes from the partner-class call",
     "https://example.org/riverbend/partner-call", "Questions students asked each other.",
     0, "C3", "C3a", "c-call", "c-glob"),
)
EVIDENCE_FILES = {
    "schoolyard-field-day.csv": "site,mayfly_nymphs,snails,worms,water_temp_c\n"
    "upstream,14,6,3,11.5\nbridge,9,11,5,12.0\nculvert,2,17,12,13.5\n",
    "investigation-planner.md": "# Investigation planner\n\n1. My question:\n2. What I change:\n"
    "3. What I measure:\n4. What I keep the same:\n5. How many trials, and why:\n6. Safety:\n\n"
    "## Peer review\n- Two stars (what is strong):\n- One wish (what to fix first):\n",
}
# (goal, indicator, date, rating, value, note, evidence)
CHECKS = (
    ("P1", "student achievement", (10, 20), None, 38, "% of conclusions with claim, evidence and "
     "reasoning", ""),
    ("P1", "student achievement", (1, 30), None, 55, "% full arguments; period 3 still behind", "p-samples"),
    ("P1", "student achievement", (6, 5), None, 71, "% full arguments across all classes", ""),
    ("P1", "instructional practice", (10, 20), 2, None, "I still write the conclusions for them", ""),
    ("P1", "instructional practice", (2, 10), 3, None, "Frames used in every lab", ""),
    ("P1", "instructional practice", (5, 25), 4, None, "Students ask for the rubric themselves", ""),
    ("P2", "instructional practice", (11, 1), 2, None, "Exit tickets, but I rarely use them next day", ""),
    ("P2", "instructional practice", (1, 15), 3, None, "Hinge questions in most lessons", "p-hinge"),
    ("P2", "instructional practice", (4, 20), 4, None, "Regrouping weekly from hinge data", ""),
    ("P2", "student engagement", (11, 1), 3, None, "Quieter students answer on whiteboards", ""),
    ("P2", "student engagement", (4, 20), 4, None, "Students notice their own mistakes sooner", ""),
    ("P3", "student engagement", (1, 20), 3, None, "Excited about the idea of a partner class", ""),
    ("P3", "student engagement", (3, 1), 2, None, "Lost steam waiting for replies", ""),
    ("P3", "student engagement", (5, 10), 4, None, "Field day itself was a hit", "p-field"),
    ("C1", "21st-century skills", (10, 5), 2, None, "Plans vague; nobody mentions controls", ""),
    ("C1", "21st-century skills", (12, 12), 3, None, "Peer review catches missing trials", "c-clip"),
    ("C1", "21st-century skills", (3, 20), 3, None, "Controls better, still the weak point", ""),
    ("C1", "student achievement", (10, 5), None, 1.8, "Average plan score out of 4", ""),
    ("C1", "student achievement", (12, 12), None, 2.4, "Average plan score out of 4", ""),
    ("C1", "student achievement", (3, 20), None, 2.9, "Average plan score out of 4", ""),
    ("C2", "instructional practice", (10, 25), 2, None, "Feedback lessons feel rushed", ""),
    ("C2", "instructional practice", (1, 28), 3, None, "Codes instead of comments save me hours", ""),
    ("C2", "instructional practice", (3, 12), 4, None, "Routine runs without me explaining it", ""),
    ("C2", "student achievement", (1, 28), None, 40, "% of revisions that raised the score", "c-tracker"),
    ("C2", "student achievement", (3, 12), None, 58, "% of revisions that raised the score", ""),
    ("C3", "21st-century skills", (2, 10), 2, None, "Only two students can read the logger graphs", ""),
    ("C3", "other", (3, 26), 3, None, "Partner class found, first call done", "c-callnotes"),
)
# (cycle, audience, date, title, venue, link, notes, goals)
SHARES = (
    (PREV, "local", (2, 20), "CER in lab reports: what changed in my classes", "Grade 7 team meeting", "",
     "Showed before-and-after conclusions (anonymised).", "P1"),
    (PREV, "global", (4, 5), "Blog: three months of claim-evidence-reasoning", "My teaching blog",
     "https://example.org/blog/three-months-of-cer", "", "P1"),
    (PREV, "local", (5, 21), "Student ecology posters at family science night", "Riverbend showcase evening",
     "", "Students explained the field day counts to their families.", "P3"),
    (PREV, "global", (6, 12), "Guest host of #scichat: argument in middle school", "#scichat",
     "https://example.org/scichat/archive-argument", "", "P1 P2"),
    (THIS, "local", (1, 13), "Hinge questions in five minutes", "Staff PD day", "", "Mini-session.", "C2"),
    (THIS, "local", (3, 18), "Feedback lessons: a share-out", "Grade 7 science PLC", "", "", "C2"),
    (THIS, "global", (4, 23), "Blog: why my students keep a failure log", "My teaching blog",
     "https://example.org/blog/failure-logs", "", "C1"),
)
# (cycle, date, time, stage, tags, links, flags (* starred, p private), title, body)
REFLECTIONS = (
    (PREV, (8, 22), "20:15", 1, "vision planning", "", "*", "Imagining the lab I want",
     "Wrote my vision tonight. The honest version: my labs are **recipe labs**. Students follow steps, "
     "fill in blanks and write 'it worked'. I want them arguing about what the data means.\n\n"
     "I pasted the school mission under it. 'Ready to contribute' is the bit I keep coming back to."),
    (PREV, (8, 29), "19:40", 2, "goals iplp", "g:P1 g:P2 g:P3", "", "Drafting my iPLP",
     "## Goals for the year\n\n1. Arguments from evidence in lab conclusions\n2. Formative "
     "assessment every day, not every unit\n3. A partner class for ecology\n\nThree feels like a "
     "lot. The third one is the *fun* one, which probably means it will be the first to slip."),
    (PREV, (9, 5), "16:05", None, "routines firstweek", "", "", "First week: lab roles",
     "Lab roles (materials, recorder, timer, skeptic) went better than last year. The skeptic "
     "card got laughs and then actual questions."),
    (PREV, (9, 12), "15:50", 3, "plc argument", "a:p-plc1 g:P1", "", "PLC: we all see the same weak "
     "conclusions", "We brought one lab conclusion each. Every single one said what happened and "
     "nothing about *why*. Keiko said it first: we never taught them how. Good, honest meeting."),
    (PREV, (9, 26), "21:00", 3, "book argument", "a:p-book", "", "Book study, chapter one",
     "The chapter on 'argument is not a fight' is exactly what my students need. Ruth found us "
     "extra copies. Sam raised how the frames could help students who struggle with writing."),
    (PREV, (10, 3), "17:30", 4, "cer actionresearch", "g:P1 q:P1a", "*", "First try with CER frames",
     "### What I tried\nThe claim-evidence-reasoning frame in periods 2 and 5, on the pendulum lab.\n\n"
     "### What happened\n- Claims: almost everyone had one.\n- Evidence: numbers copied, no units.\n"
     "- Reasoning: mostly blank or 'because science'.\n\n### What I'll change\nModel reasoning out "
     "loud with a silly example first. Then a second lab before I judge anything."),
    (PREV, (10, 9), "20:30", 3, "workshop cer", "a:p-cer", "", "Workshop take-aways",
     "- Reasoning connects the evidence to a **scientific idea**; that is the part they skip.\n"
     "- Score one part at a time at first.\n- Steal the cake mystery example for the launch."),
    (PREV, (10, 17), "22:10", None, "scichat", "a:p-chat", "", "Late #scichat",
     "Forty minutes of fast tweets on argument. Saved three links and one idea: a 'reasoning wall'."),
    (PREV, (10, 24), "16:40", 4, "cer quietvoices", "q:P1b", "", "Talk before writing",
     "Tried two minutes of partner talk before the written conclusion. The quiet table in period 5 "
     "wrote more than ever. Not sure yet if it is the talk or the novelty."),
    (PREV, (10, 31), "15:45", 3, "coaching questioning", "a:p-coach g:P2", "", "Coaching: Adaeze "
     "counted my questions", "Forty-one questions in a 50-minute lesson, and 34 of them answered by "
     "the same six students. Hard to hear, useful to know. We agreed on one change: whiteboards "
     "for everyone before anyone answers out loud."),
    (PREV, (11, 13), "19:20", 3, "video questioning", "a:p-video", "*", "Watching myself teach",
     "Painful and useful. I answer my own questions after about two seconds. **Wait time** is "
     "going on a sticky note on the board."),
    (PREV, (11, 21), "16:10", 3, "rounds talk", "a:p-rounds", "", "Rounds: student talk in math",
     "In Tomas's room students say 'I agree with ... because ...' without being reminded. He built "
     "it in September and never let it go. I want that consistency."),
    (PREV, (12, 4), "17:00", 4, "hinge formative", "g:P2 q:P2a", "", "First hinge question",
     "One question halfway through the forces lesson, four answers, each wrong answer a known "
     "misconception. 40% chose 'heavier falls faster'. I would never have known before the test."),
    (PREV, (12, 15), "21:45", None, "tired", "", "p", "Before break",
     "Exhausted. Marking mountain. Not everything needs a comment, and I know it."),
    (PREV, (1, 9), "18:30", 2, "partnerclass ecology", "g:P3", "", "The partner-class idea",
     "Found a teacher on a global classroom forum who is keen. Twelve hours of time difference, but "
     "we could swap data sheets instead of meeting live."),
    (PREV, (1, 22), "20:00", 3, "course assessment", "a:p-course", "", "Course, week one",
     "The course reading says comments alone beat grades plus comments. So why do I do both?"),
    (PREV, (2, 2), "16:30", 4, "cer data", "g:P1 e:p-samples", "", "Mid-year check on CER",
     "Scored all period 3 notebooks with the rubric:\n\n| part | level 3 or 4 |\n|---|---|\n"
     "| claim | 81% |\n| evidence | 62% |\n| reasoning | 34% |\n\nReasoning is still the wall. "
     "The frame helps, but period 3 (no frame yet) is clearly behind. Switching them over now."),
    (PREV, (2, 7), "15:30", 3, "walk exittickets", "a:p-walk", "", "Learning walk notes",
     "The art teacher uses exit tickets as a **sorting** tool: the next lesson starts in three "
     "groups. I collect them and do nothing. Changing that on Monday."),
    (PREV, (2, 14), "19:10", 4, "partnerclass", "g:P3", "", "Time zones are winning",
     "Three weeks for one reply. The students have stopped asking. Is the idea wrong or the timing?"),
    (PREV, (2, 28), "13:00", 3, "edcamp", "a:p-edcamp", "", "EdCamp: the session board",
     "Nobody plans the sessions until the morning. I went to one on grading and one on podcasts. "
     "Next year I could pitch something: lab roles would fill a room."),
    (PREV, (3, 13), "16:20", 5, "sharing cer", "a:p-mini", "*", "I led my first mini-session",
     "Twelve people came to hear about CER frames, including two from English. They asked "
     "better questions than I expected. **Leading it made me understand my own practice.**"),
    (PREV, (3, 27), "17:15", 4, "hinge formative", "g:P2", "", "Hinge questions are routine now",
     "Most lessons have one. Students even groan when they pick the misconception answer; they "
     "know the game. I regroup on Fridays with the week's data."),
    (PREV, (4, 3), "18:00", 5, "labroles workshop", "a:p-roles", "", "Workshop on lab roles",
     "Went a bit sideways: the new teachers wanted safety rules, not roles. I changed course after "
     "ten minutes. Next time, ask what they need before I plan."),
    (PREV, (4, 18), "21:30", 3, "conference", "a:p-conf", "", "Conference notes",
     "- Session on citizen science: free data sets, no partner needed.\n- Session on argument "
     "maps.\n- Keiko and I planned next year on the drive home."),
    (PREV, (5, 8), "18:45", 4, "ecology fieldwork", "g:P3 e:p-field", "", "Schoolyard field day",
     "Counts from three sites by the creek. The culvert site had almost no mayfly nymphs and "
     "students asked *why* on their own. This is the engagement I was after with the partner class."),
    (PREV, (5, 22), "21:00", 5, "showcase families", "", "", "Family science night",
     "Students explained their field counts to parents. One dad asked about the culvert and two "
     "students argued it out with data. Claim, evidence, reasoning, in the wild."),
    (PREV, (6, 10), "16:00", 4, "cer data yearend", "g:P1 q:P1a", "*", "End-of-year CER numbers",
     "## Where we ended\n\n**71%** of lab conclusions now have a claim, evidence *and* reasoning, up "
     "from 38% in October. On paper the goal is met.\n\n## What the numbers hide\n\nReading a stack "
     "of them in one sitting, they sound alike. Students fill the frame: 'My claim is... My evidence "
     "is... This shows that...'. The reasoning is there, but it is often the same sentence with the "
     "nouns changed. A few students broke out of the frame and wrote real arguments, and those were "
     "the ones who had rehearsed out loud with a partner first.\n\n## What I'll change next year\n\n"
     "- Use the frame for the first two labs only, then fade it to a checklist.\n"
     "- Keep the two minutes of partner talk; it cost nothing and helped the quiet students most.\n"
     "- Score reasoning on its own, so I can see it move.\n\n"
     "Question 1 answered, mostly: the frame raises quality. Question 2 deserves a proper look."),
    (PREV, (6, 24), "14:30", 2, "goals yearend", "g:P3", "", "Dropping the partner-class goal, for now",
     "I'm marking it dropped, not failed. What worked was our *own* data. Next year: collect "
     "first, then find a partner who can share a spreadsheet, not a schedule."),
    (PREV, (7, 15), "10:00", 1, "vision summer", "", "", "Summer rewrite of my vision",
     "They can argue now. The next step is asking the questions and designing the tests themselves."),
    (THIS, (8, 12), "10:30", 1, "vision", "", "*", "What stays, what changes in my vision",
     "Kept the line about evidence. Added two: students design the investigations, and our data "
     "leaves the room. Re-read the school mission; it still fits."),
    (THIS, (8, 20), "20:00", 2, "goals iplp", "g:C1 g:C2 g:C3", "", "Three goals for this year",
     "## This year\n\n- **Student-designed investigations**: the big one\n- **Feedback students act "
     "on**: because my comments change nothing\n- **Partner class, take two**: smaller, data first"),
    (THIS, (8, 28), "19:15", 2, "questions actionresearch", "q:C1a q:C1b", "", "Sharpening my "
     "research questions", "'Does inquiry work?' is not a question I can answer. 'Does a planning "
     "scaffold with peer review improve their plans?' is. Added a second one about *where* they get stuck."),
    (THIS, (9, 4), "16:00", None, "firstweek", "", "", "Week one, again",
     "Same lab roles, new faces. The skeptic card is now a tradition."),
    (THIS, (9, 10), "16:15", 3, "plc investigations", "a:c-plc1", "", "PLC: what does 'design your "
     "own' mean?", "We disagreed, usefully. Tomas wants full freedom; Keiko wants a menu of "
     "questions. We settled on: choose the question from a menu, design the test alone."),
    (THIS, (9, 24), "20:45", 3, "cohort", "a:c-cohort", "", "First cohort meeting",
     "Teachers from four schools, all trying open labs. Nice to hear that everyone's first attempt "
     "was chaos."),
    (THIS, (10, 1), "17:20", 4, "investigations actionresearch", "g:C1 q:C1a", "*", "Launch: the "
     "paper towel investigation", "### What I tried\nWhich paper towel absorbs most? Students "
     "designed the test with the new planner.\n\n### What happened\nWild variety. Half forgot to "
     "keep the water amount the same. One group used a different towel *size* each time.\n\n"
     "### What I'll change\nPeer review of plans **before** anyone touches water."),
    (THIS, (10, 8), "15:40", 3, "coaching", "a:c-coach g:C1", "", "Keiko in my room",
     "She noticed I rescue groups too fast. When a plan is broken I fix it for them. Next lab I will "
     "ask 'what would tell you it didn't work?' and walk away."),
    (THIS, (10, 15), "21:10", 3, "book feedback", "a:c-book", "", "Book study: feedback is for the learner",
     "Line of the week: feedback should be more work for the recipient than the donor. Mine is the "
     "opposite. I spend hours; they glance at the score."),
    (THIS, (10, 22), "17:00", 4, "feedback actionresearch", "g:C2 q:C2a", "", "Feedback lesson one",
     "No comments on the lab reports, only codes (R1 = reasoning missing, E2 = evidence without "
     "units...). Students had 25 minutes to find their codes and fix the work. The room was *busy*."),
    (THIS, (10, 29), "19:30", 3, "video feedback", "a:c-video", "", "Video: I talk too much when conferring",
     "In a four-minute conference I spoke for three. Next time: ask, then count to five."),
    (THIS, (11, 5), "22:00", None, "scichat", "a:c-chat", "", "#scichat idea",
     "Someone mentioned a 'failure log' for experiments that go wrong. Trying it."),
    (THIS, (11, 12), "16:50", 4, "investigations failure", "g:C1", "", "The failure log",
     "Each group writes what went wrong and what they'd change. Students are **proud** of their "
     "failures now. One group re-ran a test at lunch without being asked."),
    (THIS, (11, 19), "20:20", 3, "course data", "a:c-course", "", "Course: messy data is good data",
     "The module on outliers changed how I see failed trials: they are data to explain, not to hide."),
    (THIS, (11, 26), "21:30", None, "parents", "", "p", "A hard parent email",
     "A parent thinks open labs are 'letting them play'. Drafted a reply three times. Sent the "
     "kindest one, with the planner attached."),
    (THIS, (12, 3), "16:30", 3, "rounds feedback", "a:c-rounds", "", "Rounds: feedback in four rooms",
     "Sam's room: students highlight their own work before the teacher sees it. Simple and clever."),
    (THIS, (12, 10), "17:45", 4, "peerreview investigations", "q:C1a e:c-planner", "*", "Peer review of "
     "plans, round one", "Each plan got two stars and a wish from another group.\n\n- 18 of 26 "
     "wishes were about **controls**\n- Almost nobody wished for more trials\n- Plans came back "
     "better; most groups changed at least one thing\n\nControls are clearly where they get stuck."),
    (THIS, (12, 18), "14:00", 2, "iplp midyear", "g:C1 g:C2 g:C3", "", "Half-way look at my iPLP",
     "Goal 1 is moving, goal 2 is moving faster than I hoped, goal 3 has not started. Keeping all "
     "three, but the partner class needs a date or it will slip like last year."),
    (THIS, (1, 14), "16:00", 5, "minisession sharing", "a:c-mini", "", "Led the hinge-question mini-session",
     "Two rounds, twenty minutes each. A PE teacher wrote a hinge question for a rugby rule on the spot."),
    (THIS, (1, 21), "19:00", 4, "partnerclass global", "g:C3 q:C3a", "", "Second try at a partner class",
     "This time I offered a shared spreadsheet and one call, nothing more. Got a yes in two days."),
    (THIS, (1, 28), "17:10", 4, "feedback data", "g:C2 e:c-tracker", "", "Are revisions getting better?",
     "40% of revisions raised the score. Not bad, but the rest were cosmetic. Next feedback lesson I'll "
     "model one **real** revision before they start."),
    (THIS, (2, 4), "20:00", 3, "stream workshop", "a:c-loggers", "", "Workshop: data loggers",
     "Temperature, conductivity, dissolved oxygen. Borrowed four loggers. The graphs are confusing even "
     "to me, so I'll need a short lesson on reading them."),
    (THIS, (2, 18), "16:40", 4, "investigations", "g:C1 q:C1b", "", "Student plans are getting bolder",
     "One group is testing whether music affects how fast seeds sprout. Their control is better than "
     "the ones in my old textbook. Controls are improving; trials and sample size are next."),
    (THIS, (3, 1), "15:00", 3, "edcamp sharing", "a:c-edcamp", "", "EdCamp: I pitched a session",
     "Pitched 'feedback lessons'. Eleven people came and the conversation ran itself. **Best PD "
     "hour of the year**, and I barely spoke."),
    (THIS, (3, 11), "16:15", 3, "coaching feedback", "a:c-coach2", "", "Coaching debrief",
     "Adaeze's question: what do students do in the first five minutes of a feedback lesson? "
     "Answer: wait for me. Next time, the codes are on the board as they walk in."),
    (THIS, (3, 18), "17:30", 4, "rubric plc", "a:c-plc2 g:C1", "", "A common rubric",
     "Keiko, Tomas and I scored the same six plans and disagreed on two. Rewrote the 'controls' row "
     "until we agreed."),
    (THIS, (3, 25), "21:15", 4, "partnerclass global", "a:c-call g:C3 e:c-callnotes", "", "First call "
     "with the partner class", "Our creek is colder and cleaner than theirs. A student asked, 'what "
     "do they have upstream?' That is the question I hoped for."),
    (THIS, (4, 8), "20:40", 5, "conference sharing", "g:C1", "", "Writing the conference proposal",
     "Keiko and I are proposing a poster on student-designed investigations. Writing the abstract "
     "made me admit the evidence is still thin on one point: the weaker writers."),
    (THIS, (4, 22), "21:00", 5, "blog failure", "", "", "Blog post on failure logs",
     "Wrote it in an hour. Three teachers from other countries have already asked for the template."),
    (THIS, (5, 6), "12:40", None, "students", "", "*", "Lunch-time redo",
     "A student asked to redo her experiment at lunch because her control was 'not fair'. Goal, "
     "in one sentence."),
    (THIS, (5, 20), "17:00", 4, "progress", "g:C1 g:C2", "", "Honest progress check",
     "Sat down with the rubric scores, the revision tracker and this journal, and tried to be honest.\n\n"
     "**Investigations:** plans average 2.9 of 4, up from 1.8 at the start. Controls are much better "
     "since peer review; number of trials is still weak, and nobody yet asks *how many is enough?* "
     "without a prompt.\n\n**Feedback:** 58% of revisions now raise the score, up from 40%. The "
     "routine runs itself: codes on the board, folders out, twenty minutes of quiet work. The best "
     "part is that I write far less and they think far more.\n\n**Partner class:** one call, one "
     "shared spreadsheet. Small, but it happened, which is more than last year.\n\n"
     "What I still can't answer: are the weaker writers gaining as much as everyone else? Sam offered "
     "to help me split the data by reading level before the PLC."),
    (THIS, (6, 3), "10:15", 1, "vision", "", "", "Looking ahead",
     "If next year has a theme, it is *audience*: students presenting to people who actually want "
     "to know the answer."),
)

# fmt: on


def _keys(text: str) -> list[str]:
    return text.split()


class _Year:
    """Places a cycle's template dates (written as a whole school year) on real days."""

    def __init__(self, start: date, end: date, today: date | None) -> None:
        self.start, self.end, self.today = start, end, today

    def _template(self, md: MonthDay) -> date:
        month, day = md
        return date(self.start.year if month >= 8 else self.start.year + 1, month, day)

    def done(self, md: MonthDay) -> date:
        """Past work; in the current year it is squeezed into the days up to today."""
        real = self._template(md)
        if self.today is None:
            return real
        total = (self.end - self.start).days
        elapsed = (self.today - self.start).days
        return self.start + timedelta(days=(real - self.start).days * elapsed // total)

    def planned(self, md: MonthDay) -> date:
        """Future work keeps its date while that is still ahead; otherwise it moves after today."""
        real = self._template(md)
        if self.today is None or real > self.today:
            return real
        span = (self.end - self.today).days
        if span <= 0:
            return self.end
        offset = (real - self.start).days
        return self.today + timedelta(days=1 + offset * (span - 1) // (self.end - self.start).days)

    def target(self, md: MonthDay) -> date:
        return self._template(md)


class _Builder:
    """Writes the demo in one transaction, remembering each record's id by its short key."""

    def __init__(self, conn: sqlite3.Connection, years: dict[str, _Year], today: date) -> None:
        self.conn, self.years, self.today = conn, years, today
        self.ids: dict[str, str] = {}
        self.cycle_ids: dict[str, str] = {}
        self._seq = 0

    def insert(self, table: str, values: Mapping[str, object], day: date, time: str = "08:00") -> str:
        """Stamp records with the day they were written, so the demo reads like a real history."""
        self._seq += 1
        stamp = f"{min(day, self.today).isoformat()}T{time}:00.{self._seq:06d}+00:00"
        return insert_row(self.conn, table, {**values, "created_at": stamp, "updated_at": stamp})

    def link(self, table: str, left: str, left_id: str, right: str, right_key: str) -> None:
        self.conn.execute(
            f"INSERT INTO {table}({left}, {right}) VALUES (?, ?)", (left_id, self.ids[right_key])
        )

    def build(self, files: dict[str, tuple[str, str, int]]) -> None:
        for key, value in TEACHER.items():
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
        for mark, year in self.years.items():
            _, _, title = school_year_bounds(year.start)
            span = {"starts_on": year.start.isoformat(), "ends_on": year.end.isoformat()}
            self.cycle_ids[mark] = self.insert("cycles", {"title": title, **span}, year.start)
            vision = {"body": VISIONS[mark], "school_mission": MISSION}
            self.insert("visions", {"cycle_id": self.cycle_ids[mark], **vision}, year.done((8, 20)))
        for mark, year in self.years.items():
            mine = [row for row in OUTCOMES if row[1] == mark]
            for position, (key, _, kind, text) in enumerate(mine):
                values = {"cycle_id": self.cycle_ids[mark], "text": text, "kind": kind, "position": position}
                self.ids[key] = self.insert("outcomes", values, year.done((8, 20)))
        for mark, kind, text in INTERESTS:
            values = {"cycle_id": self.cycle_ids[mark], "kind": kind, "text": text}
            self.insert("interests", values, self.years[mark].done((8, 25)))
        self._goals()
        self._activities()
        self._evidence(files)
        self._checks_and_shares()
        self._reflections()

    def _goals(self) -> None:
        for key, mark, title, why, skills, signs, target, status, outcomes, questions in GOALS:
            year = self.years[mark]
            values = {
                "cycle_id": self.cycle_ids[mark],
                "title": title,
                "why": why,
                "skills": skills,
                "success_indicators": signs,
                "target_date": year.target(target).isoformat(),
                "status": status,
            }
            self.ids[key] = self.insert("goals", values, year.done((8, 29)))
            for outcome in outcomes:
                self.link("goal_outcomes", "goal_id", self.ids[key], "outcome_id", outcome)
            for question_key, text in questions:
                values = {"goal_id": self.ids[key], "text": text}
                self.ids[question_key] = self.insert("questions", values, year.done((8, 29)))

    def _activities(self) -> None:
        for row in ACTIVITIES:
            key, mark, type_, md, status, role, hours, credits, title, provider, people, goals, notes = row
            year = self.years[mark]
            day = year.done(md) if status == "done" else year.planned(md)
            values: dict[str, object] = {
                "cycle_id": self.cycle_ids[mark],
                "type": type_,
                "title": title,
                "date": day.isoformat(),
                "hours": float(hours),
                "credits": float(credits),
                "provider": provider,
                "collaborators": people,
                "role": role,
                "status": status,
                "notes": notes,
                "link": f"https://example.org/pd/{key}" if type_ in ("course", "conference") else "",
                "topic": TOPICS.get(key, ""),
            }
            self.ids[key] = self.insert("activities", values, day)
            for goal in _keys(goals):
                self.link("activity_goals", "activity_id", self.ids[key], "goal_id", goal)
        for key, mark, question, kind, title, md, phase, plan, act, observe, reflect in INNOVATIONS:
            day = self.years[mark].done(md)
            values = {
                "cycle_id": self.cycle_ids[mark],
                "question_id": self.ids[question],
                "kind": kind,
                "title": title,
                "plan": plan,
                "act": act,
                "observe": observe,
                "reflect": reflect,
                "phase": phase,
                "started_on": day.isoformat(),
            }
            self.ids[key] = self.insert("innovations", values, day)

    def _evidence(self, files: dict[str, tuple[str, str, int]]) -> None:
        for row in EVIDENCE:
            key, mark, md, kind, title, target, about, private, goal, question, activity, innovation = row
            day = self.years[mark].done(md)
            values: dict[str, object] = {
                "cycle_id": self.cycle_ids[mark],
                "title": title,
                "kind": kind,
                "date": day.isoformat(),
                "description": about,
                "student_info": private,
                "goal_id": self.ids.get(goal),
                "question_id": self.ids.get(question),
                "activity_id": self.ids.get(activity),
                "innovation_id": self.ids.get(innovation),
            }
            if target in files:
                name, sha, size = files[target]
                values.update(file_name=name, sha256=sha, size=size, original_name=target)
            else:
                values["url"] = target
            self.ids[key] = self.insert("evidence", values, day)

    def _checks_and_shares(self) -> None:
        goal_cycle = {goal[0]: goal[1] for goal in GOALS}
        for goal, indicator, md, rating, value, note, evidence in CHECKS:
            day = self.years[goal_cycle[goal]].done(md)
            values = {
                "goal_id": self.ids[goal],
                "indicator": indicator,
                "rating": rating,
                "value": None if value is None else float(value),
                "note": note,
                "date": day.isoformat(),
                "evidence_id": self.ids.get(evidence),
            }
            self.insert("checks", values, day)
        for mark, audience, md, title, venue, link, notes, goals in SHARES:
            day = self.years[mark].done(md)
            values = {
                "cycle_id": self.cycle_ids[mark],
                "audience": audience,
                "venue": venue,
                "title": title,
                "date": day.isoformat(),
                "link": link,
                "notes": notes,
            }
            share_id = self.insert("shares", values, day)
            for goal in _keys(goals):
                self.link("share_goals", "share_id", share_id, "goal_id", goal)

    def _reflections(self) -> None:
        columns = {"g": "goal_id", "q": "question_id", "a": "activity_id", "e": "evidence_id"}
        for mark, md, time, stage, tags, links, flags, title, body in REFLECTIONS:
            day = self.years[mark].done(md)
            values = {
                "cycle_id": self.cycle_ids[mark],
                "date": day.isoformat(),
                "time": time,
                "title": title,
                "body": body,
                "stage": stage,
                "private": int("p" in flags),
                "starred": int("*" in flags),
            }
            reflection_id = self.insert("reflections", values, day, time)
            for tag in _keys(tags):
                self.conn.execute("INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING", (tag,))
                self.conn.execute(
                    "INSERT INTO reflection_tags(reflection_id, tag_id) "
                    "SELECT ?, id FROM tags WHERE name = ?",
                    (reflection_id, tag),
                )
            for link in _keys(links):
                kind, key = link.split(":")
                self.link("reflection_links", "reflection_id", reflection_id, columns[kind], key)


# Topics as a Massachusetts teacher files them for renewal (the demo's requirement): mostly
# pedagogy and content, a little toward diverse learners (short of its minimum, so the
# renewal view has something real to flag), nothing yet toward SEI.
TOPICS = {
    **dict.fromkeys(
        [
            "p-plc1",
            "p-cer",
            "p-chat",
            "p-coach",
            "p-video",
            "p-rounds",
            "p-pod",
            "p-walk",
            "p-plc2",
            "p-mini",
            "c-plc1",
            "c-cohort",
            "c-coach",
            "c-book",
            "c-video",
            "c-chat",
            "c-rounds",
            "c-walk",
            "c-mini",
            "c-coach2",
            "c-plc2",
            "c-rounds2",
            "c-ws",
        ],
        "pedagogy",
    ),
    **dict.fromkeys(
        ["p-book", "p-cit", "p-course", "p-conf", "p-field", "c-course", "c-loggers", "c-conf", "c-summer"],
        "content",
    ),
    "p-roles": "swd",
}


def demo_renewal(today: date) -> dict[str, object]:
    """The demo teacher's licence renewal: Massachusetts, five years from last school year."""
    previous_start, _, _ = school_year_bounds(school_year_bounds(today)[0] - timedelta(days=1))
    return {"preset": "MA", "start": previous_start.isoformat()}


def build_demo(journal: Journal, *, today: date | None = None) -> None:
    """Fill an empty journal with two school years of a fictional teacher's learning.

    Refuses a journal that already holds anything, so a slip can never mix the demo into
    a teacher's real records.
    """
    busy = journal.conn.execute(
        "SELECT (SELECT count(*) FROM cycles) + (SELECT count(*) FROM reflections)"
    ).fetchone()[0]
    if busy:
        raise UsageError("the demo can only be built in an empty journal")
    today = today or date.today()
    start, end, _ = school_year_bounds(today)
    previous_start, previous_end, _ = school_year_bounds(start - timedelta(days=1))
    years = {PREV: _Year(previous_start, previous_end, None), THIS: _Year(start, end, today)}
    with tempfile.TemporaryDirectory(prefix="ilearn-demo-files-") as folder:
        files: dict[str, tuple[str, str, int]] = {}
        for name, text in EVIDENCE_FILES.items():
            source = Path(folder) / name
            source.write_text(text, encoding="utf-8")
            files[name] = store_file(source, journal.locations.evidence_dir)
    with journal.write() as conn:
        _Builder(conn, years, today).build(files)
    settings = load_settings(journal.locations)
    settings.renewal = demo_renewal(today)
    save_settings(journal.locations, settings)
