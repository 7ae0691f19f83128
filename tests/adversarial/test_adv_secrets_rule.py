"""Issue 12 item 6: the `secret` rule reports the formats it missed (github_pat_, sk-ant-, AIza,
sk_test_/rk_, npm_, Shopify, PGP private key blocks, HTTP Basic auth) and stays quiet on their
look-alikes. One offline run of the real CLI over all the forms, then one test per form."""
from __future__ import annotations

import pytest
from gate_helpers import assert_secret_reported, check_forms, secret_findings
from secret_forms import BENIGN_FORMS, RULE_FORMS


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return check_forms(tmp_path_factory.mktemp("rule"), RULE_FORMS + BENIGN_FORMS)


@pytest.mark.parametrize("form", RULE_FORMS, ids=lambda f: f.id)
def test_the_secret_rule_reports_the_format(report, form):
    run, doc = report
    assert_secret_reported(doc, form)
    assert run.code == 1


@pytest.mark.parametrize("form", RULE_FORMS, ids=lambda f: f.id)
def test_the_report_shows_the_value_masked(report, form):
    run, _ = report
    # The file's secret-bearing line never appears whole in the report.
    secret_line = max(form.text.splitlines(), key=len).strip()
    assert secret_line not in run.stdout


@pytest.mark.parametrize("form", BENIGN_FORMS, ids=lambda f: f.id)
def test_look_alikes_are_not_reported(report, form):
    _, doc = report
    assert secret_findings(doc, form.path) == []
