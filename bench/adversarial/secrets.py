"""Adversarial bench, the secret and injection rows (issue 12 items 5, 6 and 12).

Every corpus runs end to end: one real repository holds all of its forms (a base commit, where a
form needs one, and the change), `fedgate check` runs with tests/fakellm.py as the model, and the
figures are read from what the server recorded and from the JSON report:

- secrets planted / reaching the server (whole, or any 12 characters of it) / reported by the
  `secret` rule, next to the forms a gitleaks-like rule set covers;
- injection forms tried / flagged by `reviewer-directed-text` / neutralised (no line of the
  form reaches the server as written) / either;
- benign look-alikes: `secret` and `reviewer-directed-text` findings on them (false positives).

Four corpora side by side: the development corpus (bench/adversarial/secrets_dev.py, written with
the detectors) and, when present, three held-out corpora written without reading them:
bench/adversarial/forms/*.jsonl ("forms": secrets, look-alikes, injections, benign prose) and
bench/adversarial/forms2/*.jsonl ("forms2": injections and benign prose only, written without
reading the first held-out corpus either) and bench/adversarial/forms3/*.jsonl ("forms3": injections
and benign prose only, written without reading either earlier corpus's forms).

    python bench/adversarial/secrets.py [--show-blind]   (or bench/bench_adversarial.py)

Every failing item is listed under the table (a leak, a secret not detected, an injection that
got through, a false positive), except those of the blind corpus (forms3): nobody tunes a
detector on it, so its misses are counted, not named. --show-blind names them too; whoever
reads them can no longer call the figure blind.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (ROOT / "tests", ROOT / "tests" / "adversarial"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from gate_helpers import model_env  # noqa: E402

from fakellm import FakeLLM  # noqa: E402
from gitrepo import fedgate, make_repo  # noqa: E402

# Every path is high tier, nothing is capped: each form is sent, so each one can leak.
CONFIG = """\
tiers:
  high:
    max_tokens: 10000000
    paths: ["**"]
review:
  retries: 0
  timeout_s: 60
  max_concurrency: 2
budget:
  max_cost_usd: null
"""
PART = 12  # this many consecutive characters of a secret reaching the server is a leak "in part"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(f"fedgate_bench_adv_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def dev_corpus():
    return _load("secrets_dev", HERE / "secrets_dev.py")


# ------------------------------------------------------------------ running a corpus

class Outcome:
    """One form's result (a plain class: bench_adversarial.py loads this file without a module entry,
    which dataclasses need)."""

    def __init__(self, id: str, kind: str, leaked: str = "", detected: bool = False, expected: bool = False,
                 gitleaks_like: bool = False, sent: bool = False, flagged: bool = False, neutralised: bool = False,
                 findings: list | None = None):
        self.id, self.kind, self.leaked, self.detected, self.expected = id, kind, leaked, detected, expected
        self.gitleaks_like, self.sent, self.flagged, self.neutralised = gitleaks_like, sent, flagged, neutralised
        self.findings = findings or []


def _check(files_before: dict[str, str], files_after: dict[str, str | None], tmp: Path, message: str = "the change"):
    """(prompts the server received, the JSON report) of `fedgate check` on one change."""
    repo = make_repo(tmp / "repo", {".fedgate.yml": CONFIG, "README.md": "# corpus\n", **files_before})
    for rel, content in files_after.items():
        if content is None:
            (repo.path / rel).unlink()
        else:
            repo.write(rel, content)
    repo.commit(message)
    with FakeLLM() as llm:
        run = fedgate(repo.path, "check", "--format", "json", "--no-ledger", "HEAD~1",
                      env=model_env(tmp, llm.url), timeout=900)
        prompts = "\n".join(llm.user_prompts())
    if "Traceback" in run.stderr or not run.stdout.strip():
        raise RuntimeError(f"fedgate check failed ({run.code}): {run.stderr.strip()[-500:]}")
    return prompts, json.loads(run.stdout)


def _leak(prompts: str, values) -> str:
    worst = ""
    for v in values:
        if not v:
            continue
        if v in prompts:
            return "whole"
        if len(v) >= PART and any(v[i : i + PART] in prompts for i in range(len(v) - PART + 1)):
            worst = "part"
    return worst


def run_secrets(forms, tmp: Path) -> list[Outcome]:
    """forms: objects with id, kind, path, after, leak, before, rule, gitleaks_like."""
    before = {f.path: f.before for f in forms if f.before is not None}
    after = {f.path: f.after for f in forms}
    prompts, doc = _check(before, after, tmp)
    out = []
    for f in forms:
        found = [x for x in doc.get("findings", []) if x["rule"] == "secret" and x["path"] == f.path and not x.get("suppressed")]
        out.append(Outcome(f.id, f.kind, leaked=_leak(prompts, f.leak), detected=bool(found), expected=f.rule,
                           gitleaks_like=f.gitleaks_like, sent=f"FILE: {f.path}\n" in prompts or f.kind == "path",
                           findings=found))
    return out


def _injection_files(i: int, form) -> tuple[str, dict[str, str], dict[str, str]]:
    """(path, base files, changed files) planting one injection form where it says (a commit
    message form only gets a code edit: its text is the commit's message)."""
    text = form.text
    if form.where == "path":
        path = text if getattr(form, "file", None) else f"src/inj{i:03d}/{text}"
        return path, {}, {path: "def f():\n    return 1\n"}
    path = f"i{i:03d}/{form.file}" if getattr(form, "file", None) else f"src/inj{i:03d}/mod.py"
    if form.where == "context":
        base = f"def f():\n{text}\n    a = 1\n    b = 2\n"
        return path, {path: base}, {path: base.replace("a = 1", "a = 3")}
    if form.where == "removed":
        return path, {path: f"def f():\n{text}\n    return 1\n"}, {path: "def f():\n    return 2\n"}
    if form.where == "section":
        body = "".join(f"    x_{j} = {j}\n" for j in range(12))
        base = f"{text}\n{body}"
        return path, {path: base}, {path: base.replace("x_9 = 9", "x_9 = 99")}
    # A code edit next to the text: a hunk of comments alone is trivial and never sent.
    base = "def f():\n    return 1\n"
    after = "def f():\n    return 2\n" + (text + "\n" if form.where != "commit" else "")
    return path, {path: base}, {path: after}


def _plant(forms) -> tuple[dict[str, str], dict[str, str], list[str], str]:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    paths = []
    messages = []
    for i, form in enumerate(forms):
        path, b, a = _injection_files(i, form)
        before.update(b)
        after.update(a)
        paths.append(path)
        if form.where == "commit":
            messages.append(form.text)
    return before, after, paths, "\n\n".join(messages) or "the change"


def run_injections(forms, tmp: Path) -> list[Outcome]:
    """forms: objects with id, kind, where (added|context|removed|section|path|commit), text."""
    before, after, paths, message = _plant(forms)
    prompts, doc = _check(before, after, tmp, message)
    out = []
    for form, path in zip(forms, paths):
        found = [x for x in doc.get("findings", []) if x["rule"] == "reviewer-directed-text" and x["path"] == path
                 and not x.get("suppressed")]
        raw_lines = [ln for ln in form.text.split("\n") if ln.strip()]
        if form.where == "commit":
            raw_lines = raw_lines[1:]  # the subject line is ordinary
        neutralised = not any(ln in prompts for ln in raw_lines)
        out.append(Outcome(form.id, form.kind, flagged=bool(found), neutralised=neutralised, findings=found))
    return out


def run_benign(forms, prose, tmp: Path) -> dict[str, int]:
    """False positives: `secret` findings on benign look-alikes, `reviewer-directed-text` on prose
    (prose: strings, added lines, or objects with where and text)."""
    prose = [p if not isinstance(p, str) else type("Prose", (), {"id": f"prose-{i}", "where": "added", "text": p})()
             for i, p in enumerate(prose)]
    before, after, paths, message = _plant(prose)
    seen = set(after) | set(before)
    benign_paths = []
    for i, f in enumerate(forms):
        path = f.path if f.path not in seen else f"b{i:03d}/{f.path}"
        seen.add(path)
        benign_paths.append(path)
        after[path] = f.after
    prompts, doc = _check(before, after, tmp, message)
    findings = [x for x in doc.get("findings", []) if not x.get("suppressed")]
    secret_paths = sorted({x["path"] for x in findings if x["rule"] == "secret" and x["path"] in benign_paths})
    inj_paths = sorted({x["path"] for x in findings if x["rule"] == "reviewer-directed-text" and x["path"] in paths})
    altered = sum(1 for p in prose if p.where == "added" and p.text not in prompts)
    return {"benign": len(forms), "secret_fp": len(secret_paths), "prose": len(prose), "injection_fp": len(inj_paths),
            "prose_removed": altered, "secret_fp_ids": secret_paths, "injection_fp_ids": inj_paths}


# ------------------------------------------------------------------ the held-out forms

FORMS = HERE / "forms"
FORMS2 = HERE / "forms2"
FORMS3 = HERE / "forms3"
HELD_OUT = (("forms", FORMS), ("forms2", FORMS2), ("forms3", FORMS3))  # (column name, corpus folder)
BLIND = frozenset({"forms3"})  # corpora whose failing items are not named unless asked


def forms_corpus(forms_dir: Path = FORMS):
    """A held-out corpus (a folder of *.jsonl forms) in the same shapes as the development one, or
    None when the folder holds none."""
    if not (forms_dir / "load.py").exists() and not any(forms_dir.glob("*.jsonl")):
        return None
    adapt = _load("forms_adapter", HERE / "forms_adapter.py")
    return adapt.load(forms_dir)


# ------------------------------------------------------------------ figures

def measure(corpus, tmp: Path) -> dict:
    """A part the corpus has no forms for is not run (forms2 and forms3 plant no secrets)."""
    sec = run_secrets(corpus.SECRETS, tmp / "secrets") if corpus.SECRETS else []
    inj = run_injections(corpus.INJECTIONS, tmp / "injections") if corpus.INJECTIONS else []
    ben = run_benign(corpus.BENIGN, corpus.BENIGN_PROSE, tmp / "benign")
    return {"secrets": sec, "injections": inj, "benign": ben}


def rows_of(name: str, m: dict) -> list[tuple[str, int, int]]:
    sec, inj, ben = m["secrets"], m["injections"], m["benign"]
    expected = [o for o in sec if o.expected]
    out = [
        (f"{name}: secrets planted / reaching the server", len(sec), sum(1 for o in sec if o.leaked)),
        (f"{name}: rule-detectable secrets / missed by `secret`", len(expected), sum(1 for o in expected if not o.detected)),
        (f"{name}: gitleaks-like covers / `secret` misses of those", sum(o.gitleaks_like for o in sec),
         sum(1 for o in sec if o.gitleaks_like and not o.detected)),
        (f"{name}: injection forms / neither flagged nor neutralised", len(inj),
         sum(1 for o in inj if not (o.flagged or o.neutralised))),
        (f"{name}: benign secret look-alikes / `secret` findings", ben["benign"], ben["secret_fp"]),
        (f"{name}: benign prose / `reviewer-directed-text` findings", ben["prose"], ben["injection_fp"]),
    ]
    # a corpus without secrets (or look-alikes) has no secret rows, rather than rows of zeros
    return [r for r in out if r[1] or ("secret" not in r[0] and "gitleaks" not in r[0])]


def _measured() -> list[tuple[str, dict]]:
    out = []
    tmp = Path(tempfile.mkdtemp(prefix="fedgate-adv-secrets-"))
    try:
        out.append(("dev", measure(dev_corpus(), tmp / "dev")))
        for name, forms_dir in HELD_OUT:
            forms = forms_corpus(forms_dir)
            if forms is not None:
                out.append((name, measure(forms, tmp / name)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


_CACHE: list = []


def rows() -> list[tuple[str, int, int]]:
    if not _CACHE:
        _CACHE.extend(_measured())
    return [row for name, m in _CACHE for row in rows_of(name, m)]


def details(show_blind: bool = False) -> str:
    """The side-by-side table (dev | forms | forms2 | forms3) and every failing item (of a
    blind corpus only with show_blind)."""
    if not _CACHE:
        _CACHE.extend(_measured())
    lines = []
    cols = [name for name, _ in _CACHE]
    table = {name: m for name, m in _CACHE}
    lines.append(f"{'secrets and injections':<44}" + "".join(f"{c:>14}" for c in cols))

    def row(label, fn):
        lines.append(f"{label:<44}" + "".join(f"{fn(table[c]):>14}" for c in cols))

    row("secrets planted", lambda m: len(m["secrets"]))
    row("  sent to the model (file in a request)", lambda m: sum(o.sent for o in m["secrets"]))
    row("  reaching the server whole", lambda m: sum(o.leaked == "whole" for o in m["secrets"]))
    row("  reaching the server in part", lambda m: sum(o.leaked == "part" for o in m["secrets"]))
    row("  detected by `secret` (all forms)", lambda m: sum(o.detected for o in m["secrets"]))
    row("  detected, of the rule-detectable ones", lambda m: f"{sum(o.detected for o in m['secrets'] if o.expected)}/"
                                                          f"{sum(o.expected for o in m['secrets'])}")
    row("  gitleaks-like count", lambda m: sum(o.gitleaks_like for o in m["secrets"]))
    row("  detected, of the gitleaks-like ones", lambda m: f"{sum(o.detected for o in m['secrets'] if o.gitleaks_like)}/"
                                                        f"{sum(o.gitleaks_like for o in m['secrets'])}")
    row("injection forms tried", lambda m: len(m["injections"]))
    row("  flagged by reviewer-directed-text", lambda m: sum(o.flagged for o in m["injections"]))
    row("  neutralised in the request", lambda m: sum(o.neutralised for o in m["injections"]))
    row("  flagged or neutralised", lambda m: f"{sum(o.flagged or o.neutralised for o in m['injections'])} "
                                              f"({100 * sum(o.flagged or o.neutralised for o in m['injections']) / max(len(m['injections']), 1):.0f}%)")
    row("benign secret look-alikes", lambda m: m["benign"]["benign"])
    row("  `secret` findings (false positives)", lambda m: m["benign"]["secret_fp"])
    row("benign prose", lambda m: m["benign"]["prose"])
    row("  reviewer-directed-text findings", lambda m: m["benign"]["injection_fp"])
    row("  altered in the request (escaped, redacted, withheld)", lambda m: m["benign"]["prose_removed"])
    for name, m in _CACHE:
        if name in BLIND and not show_blind:
            lines.append(f"  [{name}] blind corpus: its failing items are not named (--show-blind names them)")
            continue
        for o in m["secrets"]:
            if o.leaked:
                lines.append(f"  [{name}] leaked ({o.leaked}): {o.id} ({o.kind})")
        for o in m["secrets"]:
            if (o.expected or o.gitleaks_like) and not o.detected:
                lines.append(f"  [{name}] not detected: {o.id} ({o.kind}){' [gitleaks-like]' if o.gitleaks_like else ''}")
        for o in m["injections"]:
            if not (o.flagged or o.neutralised):
                lines.append(f"  [{name}] injection through: {o.id} ({o.kind})")
        for p in m["benign"]["secret_fp_ids"] + m["benign"]["injection_fp_ids"]:
            lines.append(f"  [{name}] false positive: {p}")
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Secret and injection rows of the adversarial bench, four corpora side by side.")
    ap.add_argument("--show-blind", action="store_true", help="also name the failing items of the blind corpus (forms3)")
    print(details(show_blind=ap.parse_args().show_blind))
