"""The sync's history questions (is one commit in another's history, where do two meet).

Every commit here is made in one second, as two syncs in a row are: the walk must give the
answers of the graph itself, not of commit times.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ilearn_tui.sync.repo import SyncRepo

STAMP = 1_796_175_407


def _commit(repo: SyncRepo, parents: list[bytes], n: int) -> bytes:
    from dulwich.objects import Commit, Tree

    tree = Tree()
    repo.repo.object_store.add_object(tree)
    commit = Commit()
    commit.tree = tree.id
    commit.parents = list(parents)  # type: ignore[arg-type]
    commit.author = commit.committer = b"t <t@localhost>"
    commit.author_time = commit.commit_time = STAMP
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = f"commit {n}".encode()
    repo.repo.object_store.add_object(commit)
    return bytes(commit.id)


def _build(repo: SyncRepo, graph: list[list[int]]) -> list[bytes]:
    """Commits whose parents are given by index into the ones made before them."""
    made: list[bytes] = []
    for n, parents in enumerate(graph):
        made.append(_commit(repo, [made[p] for p in parents], n))
    return made


def _ancestors(graph: list[list[int]], n: int) -> set[int]:
    found, todo = set(), [n]
    while todo:
        c = todo.pop()
        if c not in found:
            found.add(c)
            todo.extend(graph[c])
    return found


# The history three computers made in one second, on which the time-ordered search named two
# bases for a commit and its own parent (seen as a failure of the convergence machine).
SEEN = [
    [],  # 0  one computer's first commit
    [],  # 1  another's
    [1, 0],  # 2
    [],  # 3  a third's
    [3, 2],  # 4
    [0],  # 5
    [5, 4],  # 6
    [4],  # 7
    [7, 6],  # 8
    [6],  # 9
    [9, 8],  # 10
    [4],  # 11
    [11, 10],  # 12
    [8],  # 13
    [13, 12],  # 14: its second parent, 12, was named with 8 as the two bases of 12 and 14
]


def test_a_parent_is_in_its_childs_history_whatever_the_times(tmp_path: Path) -> None:
    repo = SyncRepo(tmp_path / "repo")
    made = _build(repo, SEEN)
    child, parent = made[14], made[12]
    assert repo.contains(parent, child)
    assert not repo.contains(child, parent)
    assert repo.merge_base(parent, child) == parent
    assert repo.merge_base(made[13], made[12]) == made[8]
    assert repo.merge_base(made[9], made[7]) == made[4]
    repo.close()


@st.composite
def histories(draw: st.DrawFn) -> list[list[int]]:
    size = draw(st.integers(min_value=1, max_value=14))
    graph: list[list[int]] = []
    for n in range(size):
        if n == 0:
            graph.append([])
            continue
        parents = draw(st.lists(st.integers(min_value=0, max_value=n - 1), max_size=2, unique=True))
        graph.append(parents)
    return graph


@settings(max_examples=60, deadline=None)
@given(graph=histories(), data=st.data())
def test_history_answers_match_the_graph(graph: list[list[int]], data: st.DataObject) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as where:
        repo = SyncRepo(Path(where) / "repo")
        made = _build(repo, graph)
        a = data.draw(st.integers(min_value=0, max_value=len(graph) - 1))
        b = data.draw(st.integers(min_value=0, max_value=len(graph) - 1))
        assert repo.contains(made[a], made[b]) == (a in _ancestors(graph, b))
        common = _ancestors(graph, a) & _ancestors(graph, b)
        nearest = {c for c in common if not any(d != c and c in _ancestors(graph, d) for d in common)}
        base = repo.merge_base(made[a], made[b])
        if nearest:
            assert base in {made[c] for c in nearest}
        else:
            assert base is None
        repo.close()
