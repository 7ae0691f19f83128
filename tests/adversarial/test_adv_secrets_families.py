"""Issue 12 items 5 and 6: credential families a gitleaks-like default rule set covers, and the
contexts that give a password away, reported by the `secret` rule; their look-alikes are not.

One offline run of the real CLI over every form, then one test per form; each positive is also
redacted before a model call. Values come from a seeded generator and prefixes are joined from
parts, so no credential-shaped literal sits in this file.
"""
from __future__ import annotations

import base64
import hashlib
import random
import string
from dataclasses import dataclass

import pytest
from gate_helpers import assert_secret_reported, check_forms, secret_findings

from fedgate.review.redact import Redactor

_R = random.Random(20261203)
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "-_"


def r(n: int, alphabet: str = ALNUM) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


def pw(n: int = 20) -> str:
    """A generated password: letters, digits and a few symbols, as password managers make them."""
    chars = [_R.choice(ALNUM) for _ in range(n - 4)] + [_R.choice("!#^*+~") for _ in range(2)] + [_R.choice(string.digits) for _ in range(2)]
    _R.shuffle(chars)
    return "".join(chars)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _jwt() -> str:
    def enc(data: str) -> str:
        return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")

    return ".".join((enc('{"alg":"HS256","typ":"JWT"}'), enc('{"sub":"%s","role":"admin"}' % r(16)), r(43, URLSAFE)))


@dataclass(frozen=True)
class Form:
    id: str
    path: str
    text: str
    secret: str  # the value that must not reach the model (redaction check)


STRIPE = "sk" + "_live_" + r(24)
AWS_ID = "AK" + "IA" + r(16, string.ascii_uppercase + string.digits)
ANT = "sk-" + "ant-api03-" + r(90, URLSAFE)
GLPAT = "gl" + "pat-" + r(20, URLSAFE)
JWT = _jwt()
_J = JWT.split(".")

POSITIVE = [
    # Token families with a prefix of their own.
    Form("grafana-cloud-urlsafe", "deploy/grafana/provisioning.yaml",
         "grafana:\n  serviceAccountToken: " + (tok := "gl" + "c_" + r(80, URLSAFE)) + "\n", tok),
    Form("sendinblue", "src/mail/brevo.py", f'BREVO = "{(tok := "xkey" + "sib-" + r(64, HEX) + "-" + r(16))}"\n', tok),
    Form("datadog-app-key", "deploy/monitoring.env", f"DATADOG_APP_KEY={(tok := r(40, HEX))}\n", tok),
    Form("mailgun-new-format", "config/mail.yml",
         f"mailgun_key: {(tok := r(32, HEX) + '-' + r(8, HEX) + '-' + r(8, HEX))}\n", tok),
    # Contexts that give a password away.
    Form("jdbc-password", "src/main/java/com/acme/Db.java",
         f'ds.setJdbcUrl("jdbc:sqlserver://sql02:1433;databaseName=crm;user=crm;password={(p := pw())}");\n', p),
    Form("mysql-p", "ops/backup.sh", f"mysqldump -u backup -p{(p := pw())} --all-databases > all.sql\n", p),
    Form("mysql-p-quoted", "ops/load.sh", f"mysql -h db.prod -u root -p'{(p := pw())}' app < schema.sql\n", p),
    Form("docker-login-p", ".github/workflows/push.yml", f"      - run: docker login -u acmebot -p {(p := pw())} registry.acme.io\n", p),
    Form("ldapsearch-w", "ops/ldap.sh", f"ldapsearch -x -H ldaps://ldap.acme.internal -D cn=admin,dc=acme -w '{(p := pw())}' '(uid=*)'\n", p),
    Form("docker-config-auth", "deploy/docker/config.json",
         f'{{"auths": {{"registry.acme.io": {{"auth": "{(p := b64("acmebot:" + pw()))}"}}}}}}\n', p),
    Form("api-key-header", "src/api/headers.php", f"$headers = ['X-Api-Key: {(tok := r(40))}', 'Accept: application/json'];\n", tok),
    Form("dotnet-appsettings", "src/Acme.Web/Web.config", f'    <add key="ClientSecret" value="{(tok := r(44))}" />\n', tok),
    Form("php-define", "wp-config.php", f"define( 'DB_PASSWORD', '{(tok := r(20))}' );\n", tok),
    Form("requests-auth-tuple", "src/sync/erp.py", f'session.auth = ("erp-sync", "{(p := pw())}")\n', p),
    Form("smtp-login", "src/mail/send.py", f'server.login("noreply@acme.io", "{(p := pw())}")\n', p),
    Form("network-credential", "src/Acme/Ldap.cs", f'var cred = new NetworkCredential("svc-ldap", "{(p := pw())}");\n', p),
    Form("ldap-bind", "internal/ldap/bind.go", f'\tconn.Bind("cn=svc,dc=acme,dc=io", "{(p := pw())}")\n', p),
    Form("yaml-pass-unquoted", "deploy/group_vars/all.yml", f"ansible_become_pass: {(p := pw())}\n", p),
    Form("bare-key-in-dict", "src/integrations/partners.py",
         f'PARTNERS = {{"acme": {{"url": "https://partner.example/api", "key": "{(tok := r(32))}"}}}}\n', tok),
    Form("password-in-comment", "deploy/notes.yml", f"  # staging password is {(tok := r(20))} (ask ops before rotating)\n", tok),
    Form("netrc", "ops/netrc", f"machine api.acme.io\n  login deploy\n  password {(p := pw())}\n", p),
    Form("decoded-encryption-key", "src/crypto/keys.py", f'ENCRYPTION_KEY = b64decode("{(tok := b64(r(32)))}")\n', tok),
    Form("url-password-leading-star", "src/cache/settings.py",
         f'CACHES = {{"default": {{"LOCATION": "redis://:*{(p := pw())}@cache.acme.internal:6379/1"}}}}\n', "*" + p),
    # A token split over string literals.
    Form("split-plus", "src/payments/key.js", f"const key = '{STRIPE[:16]}' + '{STRIPE[16:]}';\n", STRIPE[16:]),
    Form("split-go-lines", "internal/auth/aws.go", f'package auth\n\nconst k = "{AWS_ID[:10]}" +\n\t"{AWS_ID[10:]}"\n', AWS_ID[10:]),
    Form("split-jwt-lines", "src/auth/service.py",
         f'SERVICE_TOKEN = (\n    "{_J[0]}."\n    "{_J[1]}."\n    "{_J[2]}"\n)\n', _J[1]),
    Form("split-stringbuilder", "src/main/java/com/acme/Keys.java",
         f'    String key = new StringBuilder("{ANT[:40]}")\n        .append("{ANT[40:80]}")\n        .append("{ANT[80:]}").toString();\n',
         ANT[40:80]),
    Form("split-list-join", "src/ci/token.py", f"TOKEN = ['{GLPAT[:12]}', '{GLPAT[12:]}'].join\n", GLPAT[12:]),
]

_SHA = hashlib.sha256(b"fedgate").hexdigest()
NEGATIVE = [
    Form("header-template", "scripts/call.sh", 'curl -H "X-Api-Key: ${API_KEY}" https://api.acme.io/v1\n', ""),
    Form("header-words", "src/api/client.ts", "const h = {'X-Auth-Token': 'application-default-credentials'};\n", ""),
    Form("bare-key-identifier", "src/i18n/keys.py", '{"key": "user_profile_settings_title", "default": "Profile"}\n', ""),
    Form("bare-key-digest", "src/cache/entries.py", f'{{"key": "{_SHA}", "size": 12}}\n', ""),
    Form("bare-key-ssh-public", "deploy/keys.json", '{"key": "' + "AAAAC3NzaC1lZDI1NTE5AAAAI" + r(43) + '"}\n', ""),
    Form("auth-tuple-placeholder", "tests/test_client.py", 'session.auth = ("user", "password")\n', ""),
    Form("login-plain-words", "tests/test_login.py", 'self.client.login("alice", "correcthorse")\n', ""),
    Form("define-lookup", "wp-config-sample.php", "define( 'DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') );\n", ""),
    Form("define-placeholder", "wp-config-dist.php", "define( 'DB_PASSWORD', 'password_here' );\n", ""),
    Form("mysql-variable", "ops/restore.sh", 'mysql -u root -p"$MYSQL_ROOT_PASSWORD" app < dump.sql\nmysql -u root -p app\n', ""),
    Form("docker-login-stdin", ".github/workflows/login.yml", '      - run: echo "$TOKEN" | docker login -u acmebot --password-stdin ghcr.io\n', ""),
    Form("ldap-variable", "ops/ldap2.sh", 'ldapwhoami -x -D "$BIND_DN" -w "$BIND_PW"\n', ""),
    Form("docker-auth-not-credentials", "deploy/docker/other.json", f'{{"auth": "{b64("no colon in here at all")}"}}\n', ""),
    Form("yaml-token-template", "deploy/values.yml", "token: ${{ secrets.DEPLOY_TOKEN }}\napi_key: {{ .Values.apiKey }}\n", ""),
    Form("prose-password", "docs/auth.md", "The password is required and the password authentication step follows.\n", ""),
    Form("appsettings-words", "src/Acme.Web/App.config", '    <add key="PasswordPolicy" value="StrongPasswordsOnly" />\n', ""),
    Form("split-ordinary", "src/http/headers.py", 'CT = "Content-" "Type"\nURL = "https://" + "api.acme.io/v1/items"\n', ""),
    Form("python-annotation", "src/auth/models.py", "class User:\n    password: Optional[str] = None\n    token: str\n", ""),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return check_forms(tmp_path_factory.mktemp("families"), POSITIVE + NEGATIVE)



def test_forms_have_unique_paths():
    paths = [f.path for f in POSITIVE + NEGATIVE]
    assert len(paths) == len(set(paths))


@pytest.mark.parametrize("form", POSITIVE, ids=lambda f: f.id)
def test_the_secret_rule_reports_the_family(report, form):
    run, doc = report
    assert_secret_reported(doc, form)


@pytest.mark.parametrize("form", POSITIVE, ids=lambda f: f.id)
def test_the_report_never_shows_the_value(report, form):
    run, _ = report
    assert form.secret not in run.stdout


@pytest.mark.parametrize("form", POSITIVE, ids=lambda f: f.id)
def test_the_value_is_redacted_for_the_model(form):
    lines = form.text.splitlines()
    assert not any(form.secret in line for line in Redactor().redact_lines(form.path, lines)), form.id


@pytest.mark.parametrize("form", NEGATIVE, ids=lambda f: f.id)
def test_look_alikes_are_not_reported(report, form):
    _, doc = report
    assert secret_findings(doc, form.path) == [], form.id
