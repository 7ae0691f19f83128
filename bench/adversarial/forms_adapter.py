"""The held-out forms (bench/adversarial/forms/*.jsonl, written by the `forms` branch, and
bench/adversarial/forms2/*.jsonl, written by the `forms2` branch, both without reading the detectors)
in the shapes bench/adversarial/secrets.py runs: SECRETS, BENIGN, INJECTIONS, BENIGN_PROSE. A
corpus folder with a load.py reads through it (forms: secrets.jsonl is generated on first use);
otherwise its *.jsonl files are read as they are, and a file it does not have gives no forms
(forms2 has injections and benign prose only). Nothing here changes a form; paths that several
forms share get a numbered folder in front, so that each form is a file of its own.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import SimpleNamespace

WHERE = {"added_line": "added", "context_line": "context", "removed_line": "removed", "section_header": "section",
         "path": "path", "commit_message": "commit"}


def _unique(path: str, seen: set[str], i: int) -> str:
    if path in seen:
        path = f"n{i:03d}/{path}"
    seen.add(path)
    return path


def _reader(forms_dir: Path):
    """name -> list of form dicts, for one corpus folder."""
    if (forms_dir / "load.py").exists():
        if str(forms_dir) not in sys.path:
            sys.path.insert(0, str(forms_dir))  # load.py imports make_forms on first use
        spec = importlib.util.spec_from_file_location(f"fedgate_bench_{forms_dir.name}_load", forms_dir / "load.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.load

    def read(name: str) -> list[dict]:
        path = forms_dir / name
        if not path.exists():
            return []
        with open(path, encoding="ascii") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    return read


def load(forms_dir: Path) -> SimpleNamespace:
    read = _reader(forms_dir)
    seen: set[str] = set()
    secrets = []
    for i, f in enumerate(read("secrets.jsonl")):
        leak = f["secret"] if isinstance(f["secret"], list) else [f["secret"]]
        secrets.append(SimpleNamespace(id=f["id"], kind=f["category"], path=_unique(f["file"], seen, i),
                                       after=f["text"] + "\n", leak=tuple(leak), before=None,
                                       rule=bool(f.get("gitleaks_like")), gitleaks_like=bool(f.get("gitleaks_like"))))
    seen = set()
    benign = [SimpleNamespace(id=f["id"], path=_unique(f["file"], seen, i), after=f["text"] + "\n")
              for i, f in enumerate(read("benign.jsonl"))]
    injections = [SimpleNamespace(id=f["id"], kind=f["category"], where=WHERE[f["where"]], text=f["text"], file=f["file"])
                  for f in read("injections.jsonl")]
    prose = [SimpleNamespace(id=f["id"], kind=f["category"], where=WHERE[f["where"]], text=f["text"], file=f["file"])
             for f in read("benign_prose.jsonl")]
    return SimpleNamespace(SECRETS=secrets, BENIGN=benign, INJECTIONS=injections, BENIGN_PROSE=prose)
