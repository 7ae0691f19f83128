"""Our one-pass hunk parser agrees with unidiff, line for line, on real git output."""
from __future__ import annotations

import unidiff

from fedgate.diff import parse_diff
from fedgate.gitrange import DiffRange, diff_text, open_repo
from gitrepo import make_repo


def test_parser_matches_unidiff_on_every_edge_case(tmp_path):
    body = "".join(f"line {i}\n" for i in range(60))
    repo = make_repo(
        tmp_path / "r",
        {
            "keep.py": body,
            "move.py": body.replace("line", "row"),
            "crlf.txt": "a\r\nb\r\nc\r\n",
            "tail.py": "x = 1",
            "gone.py": "bye\n",
            "with space.py": "s = 1\n",
            "ünï.py": "u = 1\n",
        },
    )
    repo.write("keep.py", body.replace("line 3\n", "line three\n").replace("line 50\n", "") + "end\n")
    repo.git("mv", "move.py", "moved.py")
    repo.write("moved.py", body.replace("line", "row").replace("row 10\n", "row ten\n"))
    repo.write("crlf.txt", "a\r\nB\r\nc\r\n")
    repo.write("tail.py", "x = 2")
    repo.git("rm", "-q", "gone.py")
    repo.write("with space.py", "s = 2\n\n\n")
    repo.write("ünï.py", b"u = '\xe9'\n")
    repo.write("bin.dat", b"\x00\x01")
    repo.write("new.py", "")
    repo.commit("many edge cases")

    r = open_repo(str(repo.path))
    rng = DiffRange(repo.git("rev-parse", "HEAD~1").strip(), repo.head(), "HEAD~1")
    patch, raw = diff_text(r, rng)
    ours = parse_diff(patch, raw)
    theirs = list(unidiff.PatchSet(patch))
    assert len(ours) == len(theirs) == 9
    for mine, other in zip(ours, theirs):
        assert mine.binary == bool(other.is_binary_file), mine.path
        assert len(mine.hunks) == len(other), mine.path
        for h, oh in zip(mine.hunks, other):
            assert (h.old_start, h.old_len, h.new_start, h.new_len) == (
                oh.source_start, oh.source_length, oh.target_start, oh.target_length,
            )
            expected = [
                (ln.line_type, ln.value.rstrip("\n").rstrip("\r"), ln.source_line_no, ln.target_line_no)
                for ln in oh
                if ln.line_type in "+- "
            ]
            assert [tuple(ln) for ln in h.lines] == expected, mine.path
