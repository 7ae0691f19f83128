"""The built-in policy, content signals and trivial-edit detection (pure, no repository)."""
from __future__ import annotations

import pytest

from fedgate.config import load_config
from fedgate.models import ChangedFile, Hunk, Line
from fedgate.policy import Policy, classify
from fedgate.trivial import hunk_trivial

CONFIG = load_config(None)
POLICY = Policy(CONFIG)


@pytest.mark.parametrize(
    "path",
    [
        "src/auth/views.py",
        "app/services/authentication.go",
        "lib/session_store.rb",
        "api/permissions.ts",
        "pkg/crypto/aes.go",
        "billing/invoice.py",
        "src/payments/stripe_client.js",
        "db/migrations/0042_add_index.py",
        "migrations/20240101_users.sql",
        "prisma/schema.prisma",
        ".circleci/config.yml",
        ".gitlab-ci.yml",
        "infra/main.tf",
        "Dockerfile",
        "deploy/k8s/deployment.yaml",
        "deploy/helm/app/templates/deployment.yaml",
        "charts/helm/values.yml",
        "ops/helm/app/templates/_helpers.tpl",
        "app/middleware/cors.py",
        ".fedgate.yml",
    ],
)
def test_high_risk_paths(path):
    assert POLICY.tier_of_path(path).tier == "high", POLICY.tier_of_path(path)


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "docs/auth.md",  # documentation about auth is not auth code
        "docs/guide/index.rst",
        "CHANGELOG.md",
        "LICENSE",
        "package-lock.json",
        "yarn.lock",
        "poetry.lock",
        "Cargo.lock",
        "go.sum",
        "assets/logo.png",
        "static/app.min.js",
        "vendor/github.com/x/auth.go",
        "proto/user_pb2.py",
    ],
)
def test_low_risk_paths(path):
    assert POLICY.tier_of_path(path).tier == "low", POLICY.tier_of_path(path)


@pytest.mark.parametrize("path", ["src/utils/strings.py", "web/components/Button.tsx", "tests/test_auth.py", "cmd/main.go",
                                  # tests are not high by path, in any language's layout
                                  "spec/models/session_spec.rb", "lib/auth_spec.rb", "spec/auth/login.rb",
                                  "src/main/java/org/x/AuthFilterTest.java",
                                  # helm charts are infrastructure; the helm program's own code is code
                                  "cmd/helm/install.go", "pkg/helm/client.go",
                                  # manifests: high only by what a hunk changes (signals/supply.yml)
                                  "package.json", "requirements.txt", "pyproject.toml", "go.mod", "Cargo.toml",
                                  "Gemfile", "pom.xml", "setup.py",
                                  ".github/workflows/ci.yml", ".github/actions/setup/action.yml"])
def test_everything_else_is_medium(path):
    assert POLICY.tier_of_path(path).tier == "medium", POLICY.tier_of_path(path)


def test_reason_names_the_deciding_glob():
    m = POLICY.tier_of_path(".circleci/config.yml")
    assert m.reason == "path matches high glob '.circleci/**'"


def hunk(removed=(), added=(), context=(), start=10):
    lines, old, new = [], start, start
    for t in context:
        lines.append(Line(" ", t, old, new))
        old += 1
        new += 1
    for t in removed:
        lines.append(Line("-", t, old, None))
        old += 1
    for t in added:
        lines.append(Line("+", t, None, new))
        new += 1
    return Hunk(start, old - start, start, new - start, "", tuple(lines))


def one_file(path, h, status="modified", **kw):
    return classify((ChangedFile(path=path, old_path=None, status=status, hunks=(h,), **kw),), CONFIG)[0]


@pytest.mark.parametrize(
    "line",
    [
        'cursor.execute(f"SELECT * FROM users WHERE id = {uid}")',
        "subprocess.run(cmd, shell=True)",
        "requests.get(url, verify=False)",
        "data = pickle.loads(blob)",
        "el.innerHTML = value;",
    ],
)
def test_a_sink_added_raises_a_medium_hunk_to_high(line):
    path = "src/utils/helpers.js" if "innerHTML" in line else "src/utils/helpers.py"
    v = one_file(path, hunk(added=[line]))
    assert v.hunks[0].tier == "high"
    assert "signal" in v.hunks[0].reason and v.hunks[0].score >= CONFIG.routing.threshold
    assert v.tier == "high" and v.score == v.hunks[0].score


@pytest.mark.parametrize(
    "removed",
    [
        ["    if not user.is_admin:", "        raise PermissionDenied"],
        ["@login_required"],
        ["    if len(data) > limit:", "        raise ValueError('too large')"],
        ["    name = secure_filename(name)"],
        ["    value = conditional_escape(value)"],
    ],
)
def test_a_guard_removed_raises_a_medium_hunk_to_high(removed):
    v = one_file("src/utils/helpers.py", hunk(removed=removed, added=["    pass"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("removed line" in r for r in v.hunks[0].reasons)


@pytest.mark.parametrize(
    "removed,added",
    [
        # a condition deleted with nothing in its place (its block dedented away)
        (["    if len(desc.urls) > 0 {", "        urls = append(urls, desc.urls...)", "    }"], []),
        # a clause dropped from a condition: `|| !perm.download` is a removed guard
        (["    if !d.user.Perm.Share || !d.user.Perm.Download {"], ["    if !d.user.Perm.Share {"]),
        (["    if c_ns.prefix or c_ns.href:"], ["    if c_ns.prefix:"]),
        # no block opener on the line (C), and no other signal: the dropped clause routes alone
        (["\tif (ecpoint_len == 0 || *ecpoint_data != 0x04)"], ["\tif (*ecpoint_data != 0x04)"]),
        # the guard's block stays, dedented: it runs for every input now
        (["    if !strings.HasPrefix(name, root) {", "        name = filepath.Join(root, name)", "    }"],
         ["    name = filepath.Join(root, name)"]),
    ],
)
def test_a_deleted_or_narrowed_condition_is_a_removed_guard(removed, added):
    v = one_file("src/lib/decode.c" if "ecpoint" in removed[0] else "pkg/fetch/fetcher.go", hunk(removed=removed, added=added))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("nothing in its place" in r or "fewer clauses" in r or "dedented" in r for r in v.hunks[0].reasons)


@pytest.mark.parametrize(
    "removed,added",
    [
        # a condition rewritten, or given one more clause: not a removed guard by its shape
        (["    if !d.user.Perm.Share {"], ["    if !d.user.Perm.Share || !d.user.Perm.Download {"]),
        (["    if a > b {"], ["    if a >= b {"]),
        # a long deletion is removed code, not a deleted guard
        (["    if x {"] + [f"    y{i} = {i}" for i in range(30)] + ["    }"], []),
        # the block's code rewritten at the same depth is not an unwrapped guard
        (["    if ready {", "        start_worker(pool)", "    }"], ["    if ready && ok {", "        start_worker(pool)", "    }"]),
    ],
)
def test_a_rewritten_widened_or_long_deleted_condition_gets_no_shape_weight(removed, added):
    v = one_file("pkg/fetch/fetcher.go", hunk(removed=removed, added=added))
    assert not any("nothing in its place" in r or "fewer clauses" in r or "dedented" in r for r in v.hunks[0].reasons)


@pytest.mark.parametrize(
    "path,removed,added",
    [
        # a cleanup taken out (a double free once the pointer is not reset)
        ("src/libopensc/pkcs15.c", ["\t\ttmp = NULL;"], []),
        # an early return on error folded into a condition that no longer stops
        ("libarchive/read_xar.c", ["\t\t\tif (r != ARCHIVE_OK)", "\t\t\t\treturn (r);", "\t\t\tr = xml_start(a, name);"],
         ["\t\t\tif (r == ARCHIVE_OK)", "\t\t\t\tr = xml_start(a, name);"]),
        # a cancellation branch replaced by one line: the wait can no longer end early
        ("internal/io/container_io.go",
         ["\t\tselect {", "\t\tcase <-close:", "\t\t\tlog.Infof(\"closed\")", "\t\tcase <-ctx.Done():",
          "\t\t\tc.group.Remove(key)", "\t\t}"],
         ["\t\t<-close"]),
        # an option handed on taken out
        ("lib/net/imap.rb", ["        options[:response_handlers]&.each do |h| add_response_handler(h) end"], []),
    ],
)
def test_code_taken_out_with_less_in_its_place_routes(path, removed, added):
    v = one_file(path, hunk(removed=removed, added=added, context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("removed code only" in r or "fewer lines put back" in r for r in v.hunks[0].reasons)


@pytest.mark.parametrize(
    "path,removed,added",
    [
        # comments, blank lines and imports are not behaviour
        ("src/app/views.py", ["    # the old explanation", "", "import os"], []),
        # docs and config are not a program's code
        ("docs/guide.md", ["Run `make` first."], []),
        ("config/settings.yml", ["  retries: 3"], []),
        # a rewrite that puts back as much as it took
        ("src/app/views.py", ["    total = a + b"], ["    total = sum((a, b))"]),
        # a long deletion is removed code, not a check taken out
        ("src/app/views.py", [f"    y{i} = f({i})" for i in range(11)], []),
        # a condition rewritten with as many lines
        ("pkg/fetch/fetcher.go", ["\tif a > b {"], ["\tif a >= b {"]),
    ],
)
def test_comments_docs_rewrites_and_long_deletions_are_not_code_taken_out(path, removed, added):
    v = one_file(path, hunk(removed=removed, added=added, context=["x = 1"]))
    assert not any("removed code only" in r or "fewer lines put back" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


def test_code_taken_out_of_a_test_file_counts_a_quarter():
    v = one_file("tests/test_views.py", hunk(removed=["    assert_allowed(user)"], context=["x = 1"]))
    assert v.hunks[0].tier != "high"
    assert any("removed code only" in r and "1/4" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


def test_code_moved_elsewhere_in_the_change_is_not_taken_out():
    line = "    validate_signature(token, key)"
    removed = ChangedFile(path="src/app/a.py", old_path=None, status="modified", hunks=(hunk(removed=[line], context=["x = 1"]),))
    added = ChangedFile(path="src/app/b.py", old_path=None, status="modified", hunks=(hunk(added=[line], context=["y = 2"]),))
    v = classify((removed, added), CONFIG)[0]
    assert not any("removed code only" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


@pytest.mark.parametrize(
    "removed,added,moved",
    [
        (["\t\tif(name_offset < (packet->payload_packet_len - 1)) {"],
         ["\t\tif(name_offset < (packet->payload_packet_len+1)) {"], True),
        (["    if (i <= n) {"], ["    if (i < n) {"], True),
        (["    if (i < n) {"], ["    if (j < n) {"], False),
        (["    if (timeout > 30) {"], ["    if (timeout > 60) {"], False),
    ],
)
def test_a_bound_moved_in_a_condition_is_scored(removed, added, moved):
    v = one_file("src/lib/kerberos.c", hunk(removed=removed, added=added))
    assert any("a bound moved" in r for r in v.hunks[0].reasons) is moved, v.hunks[0].reasons
    if moved:
        assert v.hunks[0].tier == "high"


@pytest.mark.parametrize(
    "line", ['db_password = os.environ["DB_PASSWORD"]', "if not user.is_admin:", "@login_required"]
)
def test_a_guard_added_alone_stays_medium(line):
    # Adding a check is what fixes do; it is scored, but below the threshold on its own.
    v = one_file("src/utils/helpers.py", hunk(added=[line]))
    assert v.hunks[0].tier == "medium" and v.hunks[0].score < CONFIG.routing.threshold


def test_a_hunk_high_by_path_scores_the_threshold_and_says_why():
    v = one_file("src/auth/views.py", hunk(added=["total = sum(values)"]))
    assert v.hunks[0].score == CONFIG.routing.threshold
    assert v.hunks[0].reasons == (f"+{CONFIG.routing.threshold} path matches high glob '**/auth/**'",)


def test_plain_code_stays_medium():
    v = one_file("src/utils/helpers.py", hunk(added=["total = sum(values)"]))
    assert v.hunks[0].tier == "medium" and v.hunks[0].trivial is None


@pytest.mark.parametrize(
    "path,removed,added,reason",
    [
        ("a.js", ["if (x) {  return 1; }"], ["if (x) {", "  return 1;", "}"], "whitespace only"),
        ("a.go", ["\tx := 1"], ["    x := 1"], "whitespace only"),
        ("a.py", ["x = 1   "], ["x = 1"], "whitespace only"),
        ("a.py", ["# old comment"], ["# new comment", "#"], "comments only"),
        ("a.ts", ["// todo"], ["// done", "/* block", " * more", " */"], "comments only"),
        ("a.sql", ["-- note"], ["-- better note"], "comments only"),
        ("a.rb", [], ["", "  "], "blank lines only"),
        ("Dockerfile", ["# base image"], ["# the base image"], "comments only"),
    ],
)
def test_trivial_hunks(path, removed, added, reason):
    assert hunk_trivial(hunk(removed, added), path) == reason


@pytest.mark.parametrize(
    "path,removed,added",
    [
        ("a.py", ["    return x"], ["return x"]),  # indentation is syntax in Python
        ("a.yml", ["  key: 1"], ["key: 1"]),
        ("a.py", ["# type: ignore"], ["x = 1  # type: ignore"]),
        ("a.py", ["x = 1"], ["# x = 1"]),  # commenting code out changes behaviour
        ("a.c", ["#include <a.h>"], ["#include <b.h>"]),  # '#' is not a comment in C
        ("a.js", ["*p = 1;"], ["*p = 2;"]),
        ("a.sh", ["#!/bin/sh"], ["#!/bin/bash"]),
    ],
)
def test_not_trivial(path, removed, added):
    assert hunk_trivial(hunk(removed, added), path) is None


def test_docs_lockfiles_generated_are_trivial_whatever_the_size():
    big = hunk(added=[f"line {i}" for i in range(500)])
    assert one_file("docs/guide.md", big).trivial == "documentation only"
    assert one_file("poetry.lock", big).trivial == "lockfile only"
    assert one_file("web/dist/bundle.min.js", big).trivial == "generated or vendored only"


def test_generated_marker_is_trusted_only_outside_high_tier():
    marked = hunk(added=["# Code generated by protoc. DO NOT EDIT.", "x = 1"], start=1)
    assert one_file("src/models/gen.py", marked, status="added").trivial == "generated file (marker in header)"
    # Anyone can paste a marker into a risky file: it does not make it skippable.
    assert one_file("src/auth/login.py", marked, status="added").trivial is None


def test_small_edit_in_low_file_is_trivial_but_large_is_not():
    small = one_file("notes/ideas.cfg.png.txt.example", hunk(added=["a"]))
    assert small.tier in ("low", "medium")
    low_small = one_file("static/site.css.map", hunk(added=["x"] * 3))
    assert low_small.trivial
    cfg_small = classify(
        (ChangedFile(path="assets/icon.svg", old_path=None, status="modified", hunks=(hunk(added=["<svg/>"]),)),),
        CONFIG,
    )[0]
    assert cfg_small.tier == "low" and cfg_small.trivial and "small edit" in cfg_small.trivial
    cfg_big = classify(
        (ChangedFile(path="assets/icon.svg", old_path=None, status="modified", hunks=(hunk(added=["<g/>"] * 50),)),),
        CONFIG,
    )[0]
    assert cfg_big.trivial is None


def test_moving_a_file_out_of_a_risky_place_keeps_its_tier():
    f = ChangedFile(path="src/utils/check.py", old_path="src/auth/check.py", status="renamed",
                    hunks=(hunk(removed=["return True"], added=["return user.ok"]),), similarity=90)
    v = classify((f,), CONFIG)[0]
    assert v.tier == "high" and "old path" in v.reason


def test_classify_estimates_tokens_without_the_tokenizer():
    v = one_file("src/auth/x.py", hunk(added=["def f(): pass"]))
    assert v.hunks[0].tokens > 0


# ------------------------------------------------------------ globs ignore case (issue 13)


@pytest.mark.parametrize("path", ["src/Auth/EloquentUserProvider.php", "APP/MIDDLEWARE/Cors.py", "Dockerfile",
                                  "DOCKERFILE", ".CircleCI/config.yml"])
def test_path_globs_ignore_case(path):
    assert POLICY.tier_of_path(path).tier == "high", POLICY.tier_of_path(path)


def test_kind_globs_ignore_case():
    assert one_file("Docs/Guide.MD", hunk(added=["words"])).trivial == "documentation only"
    assert one_file("CHANGES.RST", hunk(added=["words"])).trivial == "documentation only"


# ------------------------------------------- skip globs never beat the high tier (issue 12, 3)


def moved(old: str, new: str, h=None, **kw):
    f = ChangedFile(path=new, old_path=old, status="renamed", similarity=90,
                    hunks=(h or hunk(removed=["    return check(user)"], added=["    return True"]),), **kw)
    return classify((f,), CONFIG)[0]


@pytest.mark.parametrize(
    "new",
    ["docs/login.py", "dist/login.py", "src/auth/login.generated.py", "CHANGES", "CHANGES.py", "vendor/login.py",
     "docs/auth/README.md"],
)
def test_a_file_moved_out_of_a_high_place_keeps_its_risk_and_is_not_skipped(new):
    v = moved("src/auth/login.py", new)
    assert v.trivial is None, v.trivial
    assert v.tier == "high"
    assert v.hunks[0].trivial is None and v.hunks[0].tier == "high"
    if POLICY.tier_of_path(new).tier != "high":
        assert "old path" in v.reason


@pytest.mark.parametrize("path", ["docs/conf.py", "doc/_ext/plugin.py", "docs/examples/app.js", "CHANGES.py"])
def test_a_code_file_is_not_documentation_because_of_its_place(path):
    v = one_file(path, hunk(added=["def f():", "    return 1"]))
    assert v.trivial is None and v.hunks[0].trivial is None
    assert v.tier == "medium", v.reason


def test_a_small_code_edit_is_not_trivial_because_of_its_folder():
    # docs/ is a low-tier folder: a 2-line edit of a doc is skipped, of code it is not.
    assert one_file("docs/guide.txt", hunk(added=["a", "b"])).trivial
    assert one_file("docs/tool.py", hunk(added=["a = 1", "b = 2"])).trivial is None


def test_a_kind_skip_never_beats_a_high_path():
    assert one_file("src/auth/tokens.generated.py", hunk(added=["ALLOW = True"])).trivial is None
    assert one_file("src/auth/schema_pb2.py", hunk(added=["ALLOW = True"])).trivial is None


def test_a_moved_doc_is_still_documentation_and_vendored_code_still_vendored():
    assert moved("docs/a.md", "docs/guide/a.md", hunk(added=["words"])).trivial == "documentation only"
    assert moved("vendor/x/a.go", "vendor/y/a.go", hunk(added=["x := 1"])).trivial == "generated or vendored only"
    assert one_file("vendor/github.com/x/auth.go", hunk(added=["x := 1"])).trivial == "generated or vendored only"


@pytest.mark.parametrize(
    "path,line,high",
    [
        ("package.json", '    "postinstall": "node ./scripts/fetch.js",', True),
        ("requirements.txt", "requests @ git+https://github.com/someone/requests@main", True),
        ("go.mod", "replace golang.org/x/net => github.com/someone/net v0.0.1", True),
        ("package.json", '    "eslint": "^9.1.0",', False),
        ("pyproject.toml", 'line-length = 100', False),
    ],
)
def test_a_manifest_hunk_is_high_by_what_it_changes(path, line, high):
    v = one_file(path, hunk(added=[line]))
    assert (v.hunks[0].tier == "high") is high, v.hunks[0].reasons


@pytest.mark.parametrize("routing", [{"builtin_signals": False}, {"disable": ["code-taken-out"]}, {"disable": ["guards"]}])
def test_code_taken_out_is_switched_off_with_the_builtin_signals(tmp_path, routing):
    import yaml

    cfg = tmp_path / "policy.yml"
    cfg.write_text(yaml.safe_dump({"routing": routing}))
    config = load_config(str(tmp_path), str(cfg))
    f = ChangedFile(path="src/libopensc/pkcs15.c", old_path=None, status="modified",
                    hunks=(hunk(removed=["\t\ttmp = NULL;"], context=["x = 1"]),))
    (v,) = classify((f,), config)
    assert v.hunks[0].tier == "medium" and not v.hunks[0].reasons, v.hunks[0].reasons


@pytest.mark.parametrize(
    "removed,added",
    [
        # index arithmetic rewritten: where the write lands moved
        (["\tout[i + 1] = v;"], ["\tout[i + 2] = v;"]),
        # a pointer step rewritten
        (["\tp += 4;"], ["\tp += n;"]),
        # the type of a length changed
        (["\tint len = hdr->len;"], ["\tshort len = hdr->len;"]),
        # another buffer released
        (["\tfree(ctx->buf);"], ["\tfree(ctx->tmp);"]),
    ],
)
def test_rewritten_memory_arithmetic_in_c_weighs_like_removed(removed, added):
    # memory.yml: a rewritten line weighs its `modified` weight, as much as a removed one, not
    # the mean of the added and removed weights (which stayed under the threshold).
    v = one_file("src/decode.c", hunk(removed=removed, added=added, context=["x = 1;"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("added line and removed line: mem-" in r for r in v.hunks[0].reasons)


def test_a_rewritten_line_of_a_signal_without_modified_weight_scores_between_its_sides():
    # guard-validation weighs 10 added and 40 removed, and names no modified weight: 25.
    v = one_file("src/app/forms.py", hunk(removed=["    validate(form)"], added=["    validate(form, strict=False)"]))
    assert any(r.startswith("+25 added line and removed line: guard-validation") for r in v.hunks[0].reasons), v.hunks[0].reasons


@pytest.mark.parametrize(
    "path,removed,added",
    [
        # the end-of-options marker dropped: a URL starting with "-" becomes an option of git
        ("lib/bundler/source/git/git_proxy.rb",
         ['    git_retry "clone", "--bare", "--quiet", "--", configured_uri, path.to_s'],
         ['    git_retry "clone", configured_uri, path.to_s, "--bare", "--quiet"']),
        # client certificates no longer required
        ("cmd/server/tls.go", ["\t\topts.ClientAuth = tls.RequireAndVerifyClientCert"],
         ["\t\topts.ClientAuth = tls.VerifyClientCertIfGiven"]),
    ],
)
def test_argument_injection_and_client_auth_downgrade_route(path, removed, added):
    v = one_file(path, hunk(removed=removed, added=added, context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons


@pytest.mark.parametrize(
    "path,removed,added",
    [
        # a length clause dropped from a continuation line of a condition
        ("src/lib/protocols/proto.c",
         ["\t&&  ((packet->len >= 3 && packet->payload[0] == 0x07) && (packet->payload[1] == 0xff))"],
         ["\t&&  ((packet->payload[0] == 0x07) && (packet->payload[1] == 0xff))"]),
        # a state clause dropped from a negated expression
        ("app/models/article.rb", ["    !(allow_comments? && published? && in_feedback_window?)"],
         ["    !(allow_comments? && in_feedback_window?)"]),
    ],
)
def test_a_clause_dropped_from_a_condition_line_routes(path, removed, added):
    v = one_file(path, hunk(removed=removed, added=added, context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("fewer clauses" in r for r in v.hunks[0].reasons)


@pytest.mark.parametrize(
    "removed,added",
    [
        # the same condition wrapped over two lines: no clause is gone
        (["    (open && tokens.include?(tk) && last != open.last)"], ["    (open && tokens.include?(tk) &&", "     last != open.last)"]),
        # a backslash continuation turned into parentheses
        (["    elif stream.test('not') and \\", "            stream.look().test('in'):"],
         ["    elif (stream.test('not') and", "            stream.look().test('in')):"]),
        # comments are not conditions
        (["    # keep a && b || c in mind"], ["    # keep a in mind"]),
    ],
)
def test_a_rewrapped_condition_or_a_comment_is_not_a_dropped_clause(removed, added):
    v = one_file("lib/parser/statement_list.rb", hunk(removed=removed, added=added, context=["x = 1"]))
    assert not any("fewer clauses" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


def test_a_protection_option_taken_out_of_a_call_routes():
    # the options that switched URL and file access off dropped from the constructor call
    v = one_file("lib/mail-composer/index.js", hunk(
        removed=["            this.message = new MimeNode('message/rfc822', {", "                newline: this.mail.newline,",
                 "                disableUrlAccess: this.mail.disableUrlAccess,",
                 "                disableFileAccess: this.mail.disableFileAccess", "            }).setRaw(this.mail.raw);"],
        added=["            this.message = new MimeNode('message/rfc822', { newline: this.mail.newline }).setRaw(this.mail.raw);"],
        context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("guard-safety-option-removed" in r for r in v.hunks[0].reasons)


def test_a_quote_escape_taken_out_of_an_interpolation_routes():
    # the column name quoted without doubling its backquotes any more (SQL injection)
    v = one_file("lib/active_record/connection_adapters/mysql_adapter.rb", hunk(
        removed=["        @quoted_column_names[name] ||= \"`#{name.to_s.gsub('`', '``')}`\""],
        added=["        @quoted_column_names[name] ||= \"`#{name}`\""], context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("html-char-replace" in r for r in v.hunks[0].reasons)


def test_a_url_encoding_taken_out_routes():
    # a host name put into a link without URL-encoding it any more (XSS)
    v = one_file("java/org/apache/catalina/manager/host/HTMLHostManagerServlet.java", hunk(
        removed=['                     "/html/start?name=" +', '                     URLEncoder.encode(hostName, "UTF-8"));'],
        added=['                     "/html/start?name=" + hostName);'], context=["x = 1;"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons


def test_a_line_of_a_go_import_block_is_an_import_not_code_taken_out():
    v = one_file("http/users.go", hunk(removed=['\t"strings"'], context=["import (", '\t"net/http"']))
    assert not any("removed code only" in r for r in v.hunks[0].reasons), v.hunks[0].reasons
    v = one_file("cri/server/checkpoint.go", hunk(removed=['\tkubetypes "k8s.io/kubelet/pkg/types"'], context=["import ("]))
    assert not any("removed code only" in r for r in v.hunks[0].reasons), v.hunks[0].reasons
    # a string on a line of its own elsewhere is still code
    v = one_file("oci/spec.go", hunk(removed=['\t\t"/sys/devices/virtual/powercap",'], context=["\tpaths := []string{"]))
    assert any("removed code only" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


@pytest.mark.parametrize(
    "removed,added",
    [
        # a negated class widened to a wildcard before a fixed separator
        (["    DISPOSITION = /Content-Disposition:[^:]*;\\s*name=(#{VALUE})/ni"],
         ["    DISPOSITION = /Content-Disposition:.*;\\s*name=(#{VALUE})/ni"]),
        # a possessive repeat made backtracking
        (["            when /^-?\\D*+[\\d,]+\\.\\d{2}$/"], ["            when /^-?\\D*[\\d,]+\\.\\d{2}$/"]),
        # a repeat added inside a group followed by a lookahead
        (["      word.gsub!(/([A-Z])(?=[A-Z][a-z])/) { $1 << '_' }"], ["      word.gsub!(/([A-Z]+)(?=[A-Z][a-z])/) { $1 << '_' }"]),
        # the same in Python
        (["TOKEN = re.compile(r'[a-z][a-z0-9_]')"], ["TOKEN = re.compile(r'([a-z][a-z0-9_]*)+')"]),
    ],
)
def test_a_loosened_regular_expression_routes(removed, added):
    v = one_file("lib/rack/multipart/parser.rb" if "re.compile" not in removed[0] else "app/lexer.py",
                 hunk(removed=removed, added=added, context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("regular expression loosened" in r for r in v.hunks[0].reasons)


@pytest.mark.parametrize(
    "removed,added",
    [
        # a character of a regex changed, no repeat added
        (["    NAME = /\\A[a-z]+\\z/"], ["    NAME = /\\A[a-z0-9]+\\z/"]),
        # arithmetic is not a regular expression
        (["    area = (w * h)"], ["    area = (w * h * depth)"]),
        # a repeat removed makes a regex stricter
        (["    m = re.match(r'(\\w+)\\s*=', line)"], ["    m = re.match(r'(\\w+)=', line)"]),
    ],
)
def test_a_regex_rewritten_without_a_new_repeat_is_not_loosened(removed, added):
    v = one_file("lib/names.rb", hunk(removed=removed, added=added, context=["x = 1"]))
    assert not any("regular expression loosened" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


@pytest.mark.parametrize(
    "path,removed,added",
    [
        ("core/src/main/java/hudson/MarkupText.java",
         ["        addMarkup(start, end, \"<a href='\" + Functions.htmlAttributeEscape(url) + \"'>\", \"</a>\");"],
         ["        addMarkup(start, end, \"<a href='\" + url + \"'>\", \"</a>\");"]),
        ("lib/rack/static.rb", ["      path = Utils.clean_path_info(Utils.unescape_path(path))"], ["      path = Utils.unescape_path(path)"]),
        ("libcontainer/cgroups/file.go", ["\tpath := path.Join(dir, utils.CleanPath(file))"], ["\tpath := path.Join(dir, file)"]),
        ("src/flb_config_map.c", ["    entry->val.str = flb_sds_create(kv->val);"], ["    entry->val.str = kv->val;"]),
    ],
)
def test_a_call_taken_off_a_value_routes(path, removed, added):
    v = one_file(path, hunk(removed=removed, added=added, context=["x = 1"]))
    assert v.hunks[0].tier == "high", v.hunks[0].reasons
    assert any("a call taken off a value" in r for r in v.hunks[0].reasons), v.hunks[0].reasons


@pytest.mark.parametrize(
    "removed,added",
    [
        # a call added around a value (the direction of a fix) is not this shape
        (["    return url"], ["    return escape(url)"]),
        # a call replaced by another
        (["    name = quote(name)"], ["    name = shlex_quote(name)"]),
        # a rewritten line that is not the same line without one call
        (["    total = sum(values)"], ["    total = values[0]"]),
    ],
)
def test_a_wrapped_or_replaced_call_is_not_taken_off(removed, added):
    v = one_file("lib/util.py", hunk(removed=removed, added=added, context=["x = 1"]))
    assert not any("a call taken off a value" in r for r in v.hunks[0].reasons), v.hunks[0].reasons
