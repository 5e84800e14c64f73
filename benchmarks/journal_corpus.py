"""The words and sentence templates the generated journal is written from.

Each list is in frequency order: the generator draws with Zipf-like weights (1/rank), so the
first items are everywhere and the last are rare, as in a real teacher's journal. Keeping the
text apart from the generator lets a reader (or a teacher checking realism) see all of it at
once, and lets the generator stay short.
"""

from __future__ import annotations

# --- word lists (order = frequency rank: earlier items are drawn far more often) ----------------
# fmt: off
WORDS: dict[str, list[str]] = {
    "time": [
        "today", "this morning", "this afternoon", "yesterday", "on Monday", "after lunch",
        "this week", "on Friday", "before the break", "in the last lesson", "on Tuesday",
        "on Thursday", "on Wednesday", "during the double lesson", "first thing",
    ],
    "period": [
        "period 3", "period 1", "period 2", "period 4", "period 5", "period 6", "first block",
        "second block", "homeroom", "advisory", "tutor time", "the double lesson", "period 7",
        "the last lesson of the day", "the lab session", "the library lesson",
    ],
    "group": [
        "my Year 9 group", "the seventh graders", "the eighth graders", "my tutor group",
        "the top set", "grade 4", "the sixth formers", "my Year 10 class", "the intervention group",
        "the new arrivals", "grade 5", "the exam class", "my Year 8 group", "the ninth graders",
        "the reading group", "the robotics club", "my Year 11 class", "the transition group",
    ],
    "subject": [
        "maths", "English", "science", "history", "algebra", "biology", "geography", "reading",
        "writing", "chemistry", "physics", "Spanish", "French", "art", "music", "civics",
        "economics", "statistics", "computer science", "drama", "geometry", "literature",
        "earth science", "phonics", "PE",
    ],
    "strategy": [
        "wait time", "exit tickets", "think-pair-share", "cold calling", "mini whiteboards",
        "retrieval practice", "success criteria", "peer feedback", "worked examples",
        "low-stakes quizzes", "turn and talk", "sentence stems", "self-assessment", "hinge questions",
        "a gallery walk", "a jigsaw", "station rotation", "a Socratic seminar", "number talks",
        "spaced practice", "interleaving", "learning intentions", "reciprocal teaching",
        "graphic organisers", "choice boards", "a flipped lesson", "project-based learning",
        "inquiry circles", "restorative circles", "round robin", "a fishbowl discussion",
        "four corners", "concept mapping", "dual coding", "entry tickets", "KWL charts",
        "reading conferences", "writing workshop", "student portfolios", "single-point rubrics",
        "standards-based grading", "student-led conferences", "cooperative learning",
        "differentiated tasks", "scaffolded notes", "close reading", "anchor charts", "brain breaks",
        "group roles", "accountable talk", "error analysis", "thinking routines", "see-think-wonder",
        "claim-evidence-reasoning", "modelling", "guided practice", "goal setting",
        "reflection journals", "peer tutoring", "read-alouds", "choral reading", "lab notebooks",
        "vocabulary walls", "the parking lot", "traffic-light cards", "two stars and a wish",
        "whole-class feedback", "silent debate", "think-alouds", "no-hands-up questioning",
    ],
    "topic": [
        "fractions", "photosynthesis", "linear equations", "persuasive writing", "the water cycle",
        "ratio tables", "plate tectonics", "poetry", "probability", "cell division",
        "the French Revolution", "Macbeth", "simultaneous equations", "the Cold War",
        "chemical bonding", "forces and motion", "place value", "long division", "narrative writing",
        "the solar system", "ecosystems", "the Industrial Revolution", "quadratics", "percentages",
        "evaporation", "electric circuits", "Of Mice and Men", "the Romans", "algebraic expressions",
        "volcanoes", "map reading", "the periodic table", "genetics", "area and perimeter",
        "the civil rights movement", "paragraph structure", "spelling patterns", "acids and bases",
        "Pythagoras", "trigonometry", "the First World War", "climate change", "coding loops",
        "sonnets", "the Tudors", "density", "sound waves", "supply and demand", "verb tenses",
        "rivers", "the Great Gatsby", "magnetism", "symmetry", "data handling", "the Renaissance",
        "inheritance", "rates of reaction", "debate skills", "Romeo and Juliet", "migration",
    ],
    "student": [
        "Amira", "Leo", "Sofia", "Noah", "Priya", "Mateo", "Chloe", "Yusuf", "Hana", "Oliver",
        "Zara", "Ethan", "Aisha", "Lucas", "Mei", "Jonah", "Isla", "Tariq", "Freya", "Diego",
        "Nadia", "Samuel", "Ivy", "Kofi", "Elena", "Ravi", "Maya", "Finn", "Leila", "Tomas",
        "Grace", "Omar", "Ruby", "Hugo", "Anya", "Caleb", "Sienna", "Arjun", "Lottie", "Emeka",
        "Poppy", "Felix", "Yara", "Kai", "Ines", "Malik", "Rosa", "Theo", "Fatima", "Jasper",
    ],
    "colleague": [
        "my coach", "the department head", "our principal", "Ms Okafor", "Mr Lindqvist",
        "the assistant head", "my mentor", "Mrs Haddad", "Mr Brennan", "the SENCO",
        "the librarian", "Ms Ferreira", "Mr Nakamura", "the new teacher next door", "Dr Osei",
        "Ms Kowalski", "our instructional coach", "Mr Adeyemi", "the reading specialist",
        "Ms Delacroix", "the counsellor", "Mr Grant", "the curriculum lead",
    ],
    "adj": [
        "engaged", "restless", "quiet", "curious", "confused", "focused", "chatty", "tired",
        "enthusiastic", "anxious", "distracted", "proud", "unsettled", "calm", "frustrated",
        "confident", "hesitant", "excited", "withdrawn", "talkative", "sleepy", "determined",
        "giggly", "cooperative", "argumentative", "thoughtful", "bored", "lively",
    ],
    "feeling": [
        "tired", "encouraged", "frustrated", "hopeful", "surprised", "rushed", "pleased", "unsure",
        "energised", "drained", "optimistic", "relieved", "disappointed", "grateful", "stretched",
        "motivated", "overwhelmed", "satisfied", "curious", "uneasy",
    ],
    "noun": [
        "seating plan", "homework", "rubric", "lab report", "reading log", "unit test", "quiz",
        "project", "essay", "worksheet", "slides", "timer", "textbook", "manipulatives",
        "laptops", "reading corner", "word bank", "planner", "mark scheme", "exemplar",
        "checklist", "starter task", "plenary", "knowledge organiser", "vocabulary list",
        "practice paper", "journal prompt", "feedback sheet", "group contract", "tracker",
    ],
    "result": [
        "more hands went up", "the discussion stalled", "three students finished early",
        "nobody asked for help", "the noise level dropped", "the quieter students spoke up",
        "we ran out of time", "the room went silent", "most answers were still wrong",
        "the questions got deeper", "two groups went off task", "everyone had something to write",
        "the misconceptions came out quickly", "the pace felt right for once",
        "students explained their thinking", "the same five students did all the talking",
        "the transitions were smoother", "the instructions confused half the class",
        "the stronger readers helped the others", "the energy dipped after ten minutes",
        "students asked for more practice", "the exit tickets were mostly correct",
    ],
    "next": [
        "try it again with smaller groups", "model the first example", "give clearer success criteria",
        "shorten the instructions", "check in with {student}", "plan better questions",
        "slow down the first part", "write the steps on the board", "prepare an extension task",
        "ask {colleague} to observe", "revisit {topic} on Monday", "use {strategy} earlier",
        "collect the {noun} at the door", "re-teach {topic}", "build in more wait time",
        "set up {strategy} properly", "share this with the department", "call home about {student}",
        "keep a tally of who answers", "print the {noun} in colour", "start with a retrieval quiz",
    ],
    "book": [
        "Visible Learning", "Teach Like a Champion", "Make It Stick", "Embedded Formative Assessment",
        "The Skillful Teacher", "Mindset", "Understanding by Design", "Why Don't Students Like School",
        "Mindsteps", "Responsive Classroom", "Ambition and Equity", "Rosenshine's Principles in Action",
        "The Art of Coaching", "Reading Reconsidered", "Culturally Responsive Teaching and the Brain",
    ],
    "measure": [
        "participation", "test scores", "homework completion", "attendance", "engagement",
        "the quality of explanations", "reading stamina", "confidence", "written accuracy",
        "attainment in {topic}", "independence", "on-task behaviour",
    ],
    "pattern": [
        "the same gaps in vocabulary", "that students skip the working", "a lot of copying",
        "strong openings and weak conclusions", "confusion about units", "careless sign errors",
        "that feedback was not being read", "real progress since September",
        "that the girls answered less often", "weak use of evidence",
    ],
    "number": [
        "two", "three", "a few", "four", "half the", "most", "five", "six", "several", "ten",
    ],
    "minutes": ["ten", "fifteen", "twenty", "five", "thirty", "forty", "forty-five", "sixty"],
    "seconds": ["three", "five", "four", "seven", "ten"],
    "week": [str(n) for n in range(1, 40)],
}

SENTENCES = [
    "{time} I tried {strategy} with {group} in {period}.",
    "{result}.",
    "{student} seemed {adj} during the work on {topic}.",
    "I need to {next}.",
    "Next time I will {next}.",
    "{colleague} observed {period} and suggested {strategy}.",
    "We spent {minutes} minutes on {topic} and it was not enough.",
    "The {noun} worked better than I expected.",
    "I felt {feeling} after {period}.",
    "{group} responded well to {strategy} but struggled with {topic}.",
    "Exit tickets showed that {number} students still confuse {topic} with {topic2}.",
    "Talked with {colleague} about {strategy}; we agreed to try it in both classes.",
    "Reading {book} this week, and the chapter on {strategy} made me rethink the {noun}.",
    "{student} asked a question about {topic} that I could not answer on the spot.",
    "Our PLC looked at student work on {topic} and noticed {pattern}.",
    "I kept wait time to about {seconds} seconds and {result}.",
    "The lesson on {topic} ran over, so {strategy} got cut.",
    "Behaviour in {period} was {adj}; {result}.",
    "Marking the {noun} took most of the evening.",
    "I want to find out whether {strategy} helps with {topic}.",
    "Question for my research: does {strategy} raise {measure}?",
    "{student} and {student2} worked well together on {topic}.",
    "The fire drill interrupted {period}, so we lost the end of {topic}.",
    "Tried a new {noun} in {subject}; {result}.",
    "{student} was {adj} again, and I am not sure why.",
    "It was a long day.",
    "Not sure this is working yet.",
    "Small win today.",
    "Lots to think about.",
    "I was {feeling} by the end of the week.",
    "Parents of {student} emailed about the {noun}.",
    "In {subject} the class was {adj} and {result}.",
    "{colleague} shared a {noun} for {topic} that I will borrow.",
    "Compared with last year, {group} is ahead on {topic}.",
    "The data on {measure} is starting to move.",
    "I noticed {pattern} in the {noun}.",
    "Used {strategy} as a starter and {result}.",
    "Coaching session with {colleague}: we watched a clip of my {subject} lesson.",
    "Still thinking about what {student} said about {topic}.",
    "My {subject} planning for next week needs {strategy}.",
]

TITLES = [
    "{strategy} in {period}", "{topic} with {group}", "Reflection on {strategy}", "Notes after {period}",
    "PLC on {topic}", "Coaching conversation with {colleague}", "Reading {book}", "A better day in {subject}",
    "Trying {strategy} again", "What went wrong in {period}", "Week {week} notes", "{subject} and {topic}",
    "Thinking about {measure}", "{student} and {topic}", "Feedback from {colleague}", "The {noun} problem",
    "End of term thoughts", "Observation of {period}", "Planning {topic}", "Wait time, week {week}",
]

TAGS = [
    "questioning", "assessment", "feedback", "behaviour", "planning", "differentiation", "literacy",
    "engagement", "wellbeing", "coaching", "PLC", "numeracy", "inclusion", "edtech", "parents",
    "grading", "homework", "collaboration", "reading", "writing", "ActionResearch", "mentoring",
    "routines", "discussion", "vocabulary", "ELL", "SEN", "lab", "transitions", "leadership",
    "attendance", "projects", "observation", "goals", "retrieval", "oracy", "STEM", "fieldtrip",
    "exams", "selfcare",
]
TAG_COUNTS = (0, 1, 2, 3)
TAG_COUNT_WEIGHTS = (35, 35, 20, 10)

GOAL_TITLES = [
    "Better questioning in {subject}", "More student talk with {group}", "Use {strategy} every week",
    "Close the gap in {topic}", "Sharper feedback on the {noun}", "Raise {measure}",
    "Make {strategy} a routine", "Stronger {subject} vocabulary",
]
QUESTIONS = [
    "Does {strategy} raise {measure}?", "How does {strategy} change {measure} for {group}?",
    "Will {strategy} help students remember {topic}?", "Does the {noun} improve {measure}?",
]
ACTIVITY_TITLES = [
    "{book}", "{strategy} workshop", "Instructional rounds in {subject}", "PLC on {topic}",
    "Coaching cycle with {colleague}", "Course: teaching {topic}", "Conference session on {strategy}",
    "Learning walk: {strategy}", "Podcast on {measure}",
]
VENUES = ["staff meeting", "department meeting", "district PD day", "regional conference", "blog post"]
PROVIDERS = ["district", "school", "university", "online", "network", "union", "regional hub"]
# fmt: on
