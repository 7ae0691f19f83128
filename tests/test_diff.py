"""Every diff edge case, produced by real git in real repositories."""
from __future__ import annotations

import subprocess

import pytest

from gitrepo import fedgate, make_repo


def files_by_path(repo):
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    return {f["path"]: f for f in run.json()["files"]}


def test_binary_file(repo):
    repo.write("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    repo.write("migrations/blob.bin", b"\x00\x01\x02")
    repo.commit("binaries")
    files = files_by_path(repo)
    assert files["logo.png"]["binary"] and files["logo.png"]["trivial"]
    assert files["logo.png"]["reason"] == "binary asset"
    blob = files["migrations/blob.bin"]
    assert blob["binary"] and blob["tier"] == "high" and not blob["trivial"]
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    unreviewed = run.json()["plan"]["unreviewed"]
    # Nothing a model could read, but never silently skipped: it is listed.
    assert [u["path"] for u in unreviewed] == ["migrations/blob.bin"]
    assert "binary" in unreviewed[0]["reason"] and unreviewed[0]["blocking"] is False


def test_pure_rename_and_rename_with_edits(tmp_path):
    body = "".join(f"line {i}\n" for i in range(40))
    repo = make_repo(tmp_path / "r", {"src/old.py": body, "src/keep.py": body.replace("line", "row")})
    repo.git("mv", "src/old.py", "src/new.py")
    repo.git("mv", "src/keep.py", "src/moved.py")
    repo.write("src/moved.py", body.replace("line", "row").replace("row 5\n", "row five\n"))
    repo.commit("renames")
    files = files_by_path(repo)
    pure = files["src/new.py"]
    assert pure["status"] == "renamed" and pure["old_path"] == "src/old.py"
    assert pure["trivial"] and pure["reason"] == "pure rename"
    edited = files["src/moved.py"]
    assert edited["status"] == "renamed" and edited["old_path"] == "src/keep.py"
    assert not edited["trivial"] and len(edited["hunks"]) == 1


def test_copy_is_detected(tmp_path):
    body = "".join(f"value_{i} = {i}\n" for i in range(40))
    repo = make_repo(tmp_path / "r", {"src/a.py": body})
    repo.write("src/a.py", body + "extra = 1\n")
    repo.write("src/b.py", body)
    repo.commit("copy")
    files = files_by_path(repo)
    assert files["src/b.py"]["status"] == "copied"
    assert files["src/b.py"]["old_path"] == "src/a.py"


def test_mode_only_change(tmp_path):
    repo = make_repo(tmp_path / "r", {"run.sh": "echo hi\n"})
    (repo.path / "run.sh").chmod(0o755)
    repo.commit("chmod")
    files = files_by_path(repo)
    assert files["run.sh"]["trivial"] and files["run.sh"]["reason"] == "mode change only"
    assert files["run.sh"]["hunks"] == []


def test_deleted_file_and_new_empty_file(tmp_path):
    repo = make_repo(tmp_path / "r", {"src/auth/guard.py": "def check(user):\n    return user.ok\n"})
    repo.git("rm", "-q", "src/auth/guard.py")
    repo.write("src/__init__.py", "")
    repo.commit("delete and add empty")
    files = files_by_path(repo)
    gone = files["src/auth/guard.py"]
    assert gone["status"] == "deleted" and gone["tier"] == "high" and not gone["trivial"]
    assert gone["hunks"][0]["new_start"] == 0
    empty = files["src/__init__.py"]
    assert empty["status"] == "added" and empty["trivial"] and empty["reason"] == "new empty file"


def test_submodule_pointer(tmp_path):
    sub = make_repo(tmp_path / "sub", {"lib.py": "x = 1\n"})
    repo = make_repo(tmp_path / "r")
    subprocess.run(
        ["git", "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub.path), "deps/sub"],
        cwd=repo.path, check=True, capture_output=True,
    )
    repo.commit("add submodule")
    sub.write("lib.py", "x = 2\n")
    sub.commit("bump")
    subprocess.run(["git", "pull", "-q"], cwd=repo.path / "deps" / "sub", check=True, capture_output=True)
    repo.commit("bump submodule")
    files = files_by_path(repo)
    assert "deps/sub" in files
    assert files["deps/sub"]["status"] == "modified"
    assert files["deps/sub"]["hunks"][0]["reason"] == "submodule pointer"


def test_symlink(repo):
    (repo.path / "target.txt").write_text("t\n")
    (repo.path / "link").symlink_to("target.txt")
    repo.commit("symlink")
    files = files_by_path(repo)
    assert files["link"]["status"] == "added"
    assert len(files["link"]["hunks"]) == 1


def test_crlf_and_no_newline_at_end(tmp_path):
    repo = make_repo(tmp_path / "r", {"win.py": "a = 1\r\nb = 2\r\n", "tail.py": "x = 1"})
    repo.write("win.py", "a = 1\r\nb = 3\r\n")
    repo.write("tail.py", "x = 2")
    repo.commit("edits")
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    files = {f["path"]: f for f in run.json()["files"]}
    assert len(files["win.py"]["hunks"]) == 1 and not files["win.py"]["trivial"]
    assert len(files["tail.py"]["hunks"]) == 1 and not files["tail.py"]["trivial"]


def test_crlf_conversion_alone_is_whitespace(tmp_path):
    repo = make_repo(tmp_path / "r", {"conf.js": "var a = 1;\nvar b = 2;\n"})
    repo.write("conf.js", "var a = 1;\r\nvar b = 2;\r\n")
    repo.commit("crlf")
    files = files_by_path(repo)
    assert files["conf.js"]["trivial"] and files["conf.js"]["reason"] == "whitespace only"


def test_non_utf8_content(tmp_path):
    repo = make_repo(tmp_path / "r", {"legacy.py": "# coding: latin-1\nname = 'a'\n"})
    repo.write("legacy.py", b"# coding: latin-1\nname = '\xe9t\xe9'\n")
    repo.commit("latin-1")
    files = files_by_path(repo)
    assert len(files["legacy.py"]["hunks"]) == 1 and not files["legacy.py"]["trivial"]


@pytest.mark.parametrize(
    "name",
    ["with space.py", 'with "quote".py', "ünïcødé.py", "tab\there.py", "back\\slash.py", "日本語/ファイル.py"],
)
def test_awkward_paths(repo, name):
    repo.write(name, "value = 1\n")
    repo.commit("awkward path")
    repo.write(name, "value = 2\n")
    repo.commit("edit")
    files = files_by_path(repo)
    assert list(files) == [name]
    assert files[name]["status"] == "modified"


def test_text_output_survives_every_edge_case_at_once(tmp_path):
    repo = make_repo(tmp_path / "r", {"a b.py": "x = 1\n", "old.txt": "o\n" * 30})
    repo.write("a b.py", "x = 2\n")
    repo.git("mv", "old.txt", "new.txt")
    repo.write("img.png", b"\x00\x89PNG")
    repo.write("latin.py", b"s = '\xe9'\n")
    repo.commit("mixed")
    run = fedgate(repo.path, "check", "HEAD~1")
    assert run.code == 0, run.stderr
    assert "a b.py" in run.stdout and "old.txt -> new.txt" in run.stdout
