"""Guiding questions for each stage and reflection prompts, in the app's own words."""

from __future__ import annotations

GUIDES: dict[int, str] = {
    1: "Picture the classroom you want. What should your students know? Which habits of mind and "
    "dispositions should they leave with? What will they need as learners and adults in this "
    "century? Write your vision, and paste your school's mission beside it if it helps.",
    2: "Make the plan your own. What do you want to learn? What could you teach colleagues? "
    "Set goals that serve your students, and turn each into a question you can investigate.",
    3: "Find the support your plan needs: peer coaching, instructional rounds, teacher-led "
    "workshops, video of your own teaching, learning walks, book studies, chats, courses, PLCs, "
    "EdCamps. Log what you plan and what you did, with hours and credits.",
    4: "Try it with your students: adapt a unit, connect with a class far away, bring in a tool, "
    "run a small study. Keep evidence, and check your progress against each goal.",
    5: "Share what you learnt: with colleagues and your PLC, at a showcase for parents and "
    "students, by leading a session — and beyond, in a blog post, an article or a talk.",
}

PROMPTS: dict[int | None, str] = {
    None: "## What happened?\n\n\n## What did I notice?\n\n\n## What will I do next?\n\n",
    1: "## The classroom I imagine\n\n\n## What my students need most\n\n\n## What this asks of me\n\n",
    2: "## What I want to learn, and why\n\n\n## The question I want to answer\n\n\n"
    "## How I will know it worked\n\n",
    3: "## What I learnt\n\n\n## What I will try because of it\n\n\n## Who I can ask for help\n\n",
    4: "## What did I try?\n\n\n## What happened?\n\n\n## What will I change?\n\n",
    5: "## What I shared, and with whom\n\n\n## What they asked or added\n\n\n## Where it goes next\n\n",
}
