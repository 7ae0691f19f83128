"""Every range form, against real repositories."""
from __future__ import annotations

import subprocess

from gitrepo import fedgate, make_repo

ZERO = "0" * 40


def paths(run):
    return sorted(f["path"] for f in run.json()["files"])


def test_head_1_reviews_the_last_commit(repo):
    repo.write("a.py", "x = 1\n")
    repo.commit("one")
    repo.write("b.py", "y = 2\n")
    repo.commit("two")
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    assert run.code == 0, run.stderr
    assert paths(run) == ["b.py"]
    assert run.json()["range"]["head"] == repo.head()


def test_rev_means_merge_base_of_rev_and_head(repo):
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("feature.py", "f = 1\n")
    repo.commit("feature work")
    repo.git("checkout", "-q", "main")
    repo.write("main_only.py", "m = 1\n")
    repo.commit("main moved on")
    repo.git("checkout", "-q", "feature")
    run = fedgate(repo.path, "check", "main", "--format", "json")
    assert run.code == 0, run.stderr
    # Only the branch's own changes, not the reverse of what main gained meanwhile.
    assert paths(run) == ["feature.py"]


def test_two_dot_and_three_dot(repo):
    base = repo.head()
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("feature.py", "f = 1\n")
    feature = repo.commit("feature work")
    repo.git("checkout", "-q", "main")
    repo.write("main_only.py", "m = 1\n")
    main = repo.commit("main moved on")
    two = fedgate(repo.path, "check", f"{main}..{feature}", "--format", "json")
    assert paths(two) == ["feature.py", "main_only.py"]  # A..B is the plain diff A -> B
    three = fedgate(repo.path, "check", f"{main}...{feature}", "--format", "json")
    assert paths(three) == ["feature.py"]
    assert three.json()["range"]["base"] == base


def test_staged_checks_the_index_only(repo):
    repo.write("staged.py", "s = 1\n")
    repo.git("add", "staged.py")
    repo.write("unstaged.py", "u = 1\n")
    run = fedgate(repo.path, "check", "--staged", "--format", "json")
    assert run.code == 0, run.stderr
    assert paths(run) == ["staged.py"]
    assert run.json()["range"]["head"] is None


def test_staged_in_a_repository_without_commits(tmp_path):
    path = tmp_path / "empty"
    path.mkdir()
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    (path / "new.py").write_text("n = 1\n")
    subprocess.run(["git", "add", "new.py"], cwd=path, check=True)
    run = fedgate(path, "check", "--staged", "--format", "json")
    assert run.code == 0, run.stderr
    assert paths(run) == ["new.py"]
    nocommit = fedgate(path, "check", "HEAD~1")
    assert nocommit.code == 2
    assert "no commits yet" in nocommit.stderr and "--staged" in nocommit.stderr


def test_root_commit_is_diffed_against_the_empty_tree(tmp_path):
    repo = make_repo(tmp_path / "r", {"app.py": "print('hi')\n"})
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    assert run.code == 0, run.stderr
    doc = run.json()
    assert doc["range"]["base"] is None
    assert "root commit" in doc["range"]["note"]
    assert paths(run) == ["app.py"]


def test_default_range_uses_pre_commit_environment(repo):
    first = repo.head()
    repo.write("one.py", "a = 1\n")
    repo.commit("one")
    repo.write("two.py", "b = 2\n")
    second = repo.commit("two")
    env = {"PRE_COMMIT_FROM_REF": first, "PRE_COMMIT_TO_REF": second}
    run = fedgate(repo.path, "check", "--format", "json", env=env)
    assert run.code == 0, run.stderr
    assert paths(run) == ["one.py", "two.py"]
    # The older variable names still work.
    old = fedgate(repo.path, "check", "--format", "json", env={"PRE_COMMIT_ORIGIN": first, "PRE_COMMIT_SOURCE": second})
    assert paths(old) == ["one.py", "two.py"]


def test_default_range_uses_the_upstream_merge_base(tmp_path):
    origin = make_repo(tmp_path / "origin", {"README.md": "x\n"})
    subprocess.run(["git", "clone", "-q", str(origin.path), str(tmp_path / "clone")], check=True)
    from gitrepo import Repo

    clone = Repo(tmp_path / "clone")
    clone.write("a.py", "a = 1\n")
    clone.commit("a")
    clone.write("b.py", "b = 1\n")
    clone.commit("b")
    run = fedgate(clone.path, "check", "--format", "json")
    assert run.code == 0, run.stderr
    assert paths(run) == ["a.py", "b.py"]
    assert "upstream" in run.json()["range"]["note"]


def test_default_range_without_upstream_is_the_last_commit(repo):
    repo.write("a.py", "a = 1\n")
    repo.commit("a")
    repo.write("b.py", "b = 1\n")
    repo.commit("b")
    run = fedgate(repo.path, "check", "--format", "json")
    assert paths(run) == ["b.py"]
    assert "last commit" in run.json()["range"]["note"]


def test_zero_sha_base_reviews_commits_no_remote_has(tmp_path):
    origin = make_repo(tmp_path / "origin", {"README.md": "x\n"})
    subprocess.run(["git", "clone", "-q", str(origin.path), str(tmp_path / "clone")], check=True)
    from gitrepo import Repo

    clone = Repo(tmp_path / "clone")
    clone.git("checkout", "-q", "-b", "new-branch")
    clone.write("new.py", "n = 1\n")
    head = clone.commit("new")
    run = fedgate(clone.path, "check", f"{ZERO}..{head}", "--format", "json")
    assert run.code == 0, run.stderr
    assert paths(run) == ["new.py"]
    assert "new branch" in run.json()["range"]["note"]


def test_zero_sha_alone_and_branch_deletion(repo):
    run = fedgate(repo.path, "check", ZERO)
    assert run.code == 2
    assert "zero SHA" in run.stderr
    deletion = fedgate(repo.path, "check", "--format", "json", env={"PRE_COMMIT_FROM_REF": repo.head(), "PRE_COMMIT_TO_REF": ZERO})
    assert deletion.code == 0, deletion.stderr
    assert deletion.json()["files"] == []
    assert "deletion" in deletion.json()["range"]["note"]


def test_shallow_clone_missing_base_names_the_fix(tmp_path):
    origin = make_repo(tmp_path / "origin", {"README.md": "x\n"})
    for i in range(3):
        origin.write(f"f{i}.py", f"v = {i}\n")
        origin.commit(f"c{i}")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin.path}", str(tmp_path / "shallow")], check=True
    )
    run = fedgate(tmp_path / "shallow", "check", "HEAD~1")
    assert run.code == 2
    assert "shallow" in run.stderr
    assert "git fetch --unshallow" in run.stderr
    assert "Traceback" not in run.stderr
    # With no upstream, the default range needs HEAD's parent, which the clone lacks.
    subprocess.run(["git", "checkout", "-q", "-b", "local"], cwd=tmp_path / "shallow", check=True)
    default = fedgate(tmp_path / "shallow", "check")
    assert default.code == 2 and "git fetch --unshallow" in default.stderr


def test_bad_range_and_not_a_repository(repo, tmp_path):
    bad = fedgate(repo.path, "check", "no-such-branch")
    assert bad.code == 2
    assert bad.stderr.count("\n") == 1, bad.stderr
    assert "unknown revision 'no-such-branch'" in bad.stderr
    assert "Traceback" not in bad.stderr
    outside = tmp_path / "plain"
    outside.mkdir()
    notrepo = fedgate(outside, "check", "HEAD~1")
    assert notrepo.code == 2
    assert "not a git repository" in notrepo.stderr
    assert notrepo.stderr.count("\n") == 1
    both = fedgate(repo.path, "check", "HEAD~1", "--staged")
    assert both.code == 2 and "not both" in both.stderr


def test_inherited_git_env_does_not_redirect_git(repo, tmp_path):
    other = make_repo(tmp_path / "other", {"other.py": "o = 1\n"})
    repo.write("mine.py", "m = 1\n")
    repo.commit("mine")
    # A hook inherits GIT_DIR/GIT_INDEX_FILE pointing at some repository state.
    env = {"GIT_DIR": str(other.path / ".git"), "GIT_INDEX_FILE": str(other.path / ".git" / "index")}
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json", env=env)
    assert run.code == 0, run.stderr
    assert paths(run) == ["mine.py"]


def test_more_steps_than_the_history_has_is_an_error_in_a_one_commit_repository(tmp_path):
    one = make_repo(tmp_path / "one", {"app.py": "print('hi')\n"})
    two = make_repo(tmp_path / "two", {"app.py": "print('hi')\n"})
    two.write("app.py", "print('bye')\n")
    two.commit("second")
    for repo, rev in ((one, "HEAD~5"), (one, "HEAD~2"), (two, "HEAD~3")):
        run = fedgate(repo.path, "check", rev)
        assert run.code == 2, (rev, run.stdout, run.stderr)
        assert "the history is shorter than that" in run.stderr, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
    # One step past the root is still the root commit against the empty tree.
    assert fedgate(one.path, "check", "HEAD~1").code == 0
    assert fedgate(one.path, "check", "HEAD^").code == 0


def test_several_large_binary_files_in_one_range(repo):
    # Each blob is sniffed for a NUL in its first 8000 bytes through one shared `git cat-file
    # --batch` pipe; the unread rest of a larger blob must not be taken for the next header.
    blobs = {f"img{i}.bin": bytes([0, i]) + bytes(range(256)) * 80 for i in range(3)}
    for rel, data in blobs.items():
        repo.write(rel, data)
    repo.commit("assets")
    for rel, data in blobs.items():
        repo.write(rel, data[::-1])
    repo.commit("assets changed")
    run = fedgate(repo.path, "check", "HEAD~1", "--format", "json")
    assert run.code == 0, run.stderr
    assert paths(run) == sorted(blobs)
