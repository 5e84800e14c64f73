"""The floors the start-up measures are held to: bare Python doing the same job, nothing more.

Each is a ``python -c`` program with the same tools a minimal command would use (argparse to
read its arguments, sqlite3 for the journal), so the ratio of an ``ilearn`` command to its
floor is what ilearn's own code adds: imports, the grammar, checks, the output.
"""

from __future__ import annotations

# ``ilearn --version``: parse one option and print.
VERSION = (
    "import argparse\n"
    "p = argparse.ArgumentParser(prog='ilearn')\n"
    "p.add_argument('--version', action='version', version='ilearn 0')\n"
    "p.add_argument('--home')\n"
    "p.parse_args()\n"
)

# ``ilearn --home H reflect TEXT``: one reflection row with an id and stamps, in one
# transaction on the journal (its triggers fill the search index, as for ilearn).
REFLECT = (
    "import argparse, sqlite3, uuid, datetime\n"
    "p = argparse.ArgumentParser(prog='ilearn')\n"
    "p.add_argument('--home')\n"
    "s = p.add_subparsers(dest='command')\n"
    "r = s.add_parser('reflect')\n"
    "r.add_argument('text')\n"
    "r.add_argument('--tag', action='append', default=[])\n"
    "a = p.parse_args()\n"
    "conn = sqlite3.connect(a.home + '/journal.sqlite3')\n"
    "now = datetime.datetime.now(datetime.UTC)\n"
    "rid = str(uuid.uuid4())\n"
    "with conn:\n"
    "    conn.execute('INSERT INTO reflections (id, date, title, body, created_at, updated_at) '\n"
    "                 'VALUES (?, ?, ?, ?, ?, ?)', (rid, now.date().isoformat(), a.text[:60], a.text,\n"
    "                 now.isoformat(), now.isoformat()))\n"
    "print(rid)\n"
)

# ``ilearn --home H search WORD``: the app's own FTS5 query (its SQL is given as argv[-1]).
SEARCH = (
    "import argparse, sqlite3, sys\n"
    "sql = sys.argv.pop()\n"
    "p = argparse.ArgumentParser(prog='ilearn')\n"
    "p.add_argument('--home')\n"
    "s = p.add_subparsers(dest='command')\n"
    "r = s.add_parser('search')\n"
    "r.add_argument('query')\n"
    "a = p.parse_args()\n"
    "conn = sqlite3.connect(a.home + '/journal.sqlite3')\n"
    "for row in conn.execute(sql, (a.query,)):\n"
    "    print(*row[:4], sep='\\t')\n"
)

# ``ilearn --home H import FILE --format jrnl`` into an empty journal: read the jrnl text,
# split it at its ``[date]`` lines, take each title and tags, then write every row with a
# uuid and one stamp in one executemany, the tag links in another, and fill the search
# index once (its per-row triggers lifted for the transaction, as ilearn's bulk path does).
JRNL_IMPORT = r"""
import argparse, re, sqlite3, uuid, datetime
p = argparse.ArgumentParser(prog='ilearn')
p.add_argument('--home')
s = p.add_subparsers(dest='command')
r = s.add_parser('import')
r.add_argument('path')
r.add_argument('--format')
a = p.parse_args()
text = open(a.path, encoding='utf-8').read()
header = re.compile(r'^\[(\d{4}-\d\d-\d\d \d\d:\d\d)\] ', re.MULTILINE)
tag_re = re.compile(r'(?<!\S)@([-+*#/\w]+)')
starts = [(m.start(), m.end(), m.group(1)) for m in header.finditer(text)]
stamp = datetime.datetime.now(datetime.UTC).isoformat()
rows, links, names = [], [], {}
for i, (_, begin, when) in enumerate(starts):
    raw = text[begin:starts[i + 1][0] - 1 if i + 1 < len(starts) else len(text)]
    moment = datetime.datetime.strptime(when, '%Y-%m-%d %H:%M')
    title, _, body = raw.partition('\n')
    rid = str(uuid.uuid4())
    rows.append((rid, moment.date().isoformat(), moment.strftime('%H:%M'), title.strip(),
                 body.strip() or title.strip(), stamp, stamp))
    for tag in dict.fromkeys(t.lower() for t in tag_re.findall(raw)):
        links.append((rid, names.setdefault(tag, len(names) + 1)))
conn = sqlite3.connect(a.home + '/journal.sqlite3', isolation_level=None)
conn.execute('BEGIN IMMEDIATE')
lifted = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                      "AND (name LIKE '%search_ai' OR name = 'reflection_tags_search_insert')").fetchall()
for name, _ in lifted:
    conn.execute(f'DROP TRIGGER "{name}"')
conn.executemany('INSERT INTO reflections(id, date, time, title, body, created_at, updated_at) '
                 'VALUES (?, ?, ?, ?, ?, ?, ?)', rows)
conn.executemany('INSERT INTO tags(id, name) VALUES (?, ?)', [(n, t) for t, n in names.items()])
conn.executemany('INSERT INTO reflection_tags(reflection_id, tag_id) VALUES (?, ?)', links)
conn.execute("INSERT INTO search_docs(kind, ref) SELECT 'reflection', id FROM reflections ORDER BY rowid")
conn.execute("INSERT INTO search_index(rowid, title, body, tags) SELECT d.docid, r.title, r.body, "
             "coalesce((SELECT group_concat(t.name, ' ') FROM reflection_tags rt JOIN tags t "
             "ON t.id = rt.tag_id WHERE rt.reflection_id = r.id), '') "
             "FROM search_docs d JOIN reflections r ON r.id = d.ref ORDER BY d.docid")
for _, sql in lifted:
    conn.execute(sql)
conn.execute('COMMIT')
print(len(rows))
"""
