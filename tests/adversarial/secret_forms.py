"""Forms of issue 12 items 5 and 6 for the adversarial secret tests: files holding a credential.

Values come from a seeded generator when this module is imported, so the repository holds no
credential-shaped literal. Each form: (id, path, file text, the values that must never reach the
model), with a base text for a hunk in the middle of a file.
"""
from __future__ import annotations

import base64
import random
import string
from dataclasses import dataclass

_R = random.Random(20261212)
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"


def r(n: int, alphabet: str = ALNUM) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


@dataclass(frozen=True)
class Form:
    id: str
    path: str
    text: str
    secrets: tuple[str, ...]
    before: str | None = None


def _jwt() -> str:
    def enc(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    head = enc(b'{"alg":"HS256","typ":"JWT"}')
    payload = enc(('{"sub":"%s","adm":1}' % r(12)).encode())
    return f"{head}.{payload}.{r(43, ALNUM + '-_')}"


def _pem(label: str, lines: int) -> tuple[str, list[str]]:
    body = [r(64, B64) for _ in range(lines - 1)] + [r(40, B64) + "=="]
    return f"-----BEGIN {label}-----\n" + "\n".join(body) + f"\n-----END {label}-----\n", body


# ------------------------------------------------------------------ item 5: what reaches the model

PW = {k: r(18) for k in ("redis", "adonet", "sshpass", "query", "basic", "innocuous")}
SHOPIFY = "shpat_" + r(32, "0123456789abcdef")
SPLIT_TOKEN = "ghp_" + r(36)
SPLIT_STRIPE = "sk_live_" + r(24)
JWT = _jwt()
BASIC = base64.b64encode(f"deploy:{PW['basic']}".encode()).decode()
INNOCUOUS = base64.b64encode(PW["innocuous"].encode()).decode()

REDACTION_FORMS = [
    Form("redis-empty-user", "config/auth/cache.env", f"REDIS_URL=redis://:{PW['redis']}@cache.internal:6379/0\n", (PW["redis"],)),
    Form("shopify", "src/billing/shop.rb", f'ShopifyAPI::Context.setup(api_key: "{SHOPIFY}")\n', (SHOPIFY,)),
    Form("query-api-key", "src/auth/weather.py", f'URL = "https://api.weather.io/v1?q=paris&api_key={PW["query"]}"\n', (PW["query"],)),
    Form("adonet-password", "src/auth/appsettings.json",
         f'{{"Default": "Server=sql01;Database=app;User Id=sa;Password={PW["adonet"]};"}}\n', (PW["adonet"],)),
    Form("base64-innocuous-key", "deploy/auth/secret.yaml", f"kind: Secret\ndata:\n  pw: {INNOCUOUS}\n", (INNOCUOUS,)),
    Form("curl-basic", "ci/auth/deploy.sh", f'curl -H "Authorization: Basic {BASIC}" https://ci.acme.io/api\n', (BASIC,)),
    Form("sshpass", "ci/auth/ssh.sh", f"sshpass -p '{PW['sshpass']}' ssh deploy@10.0.0.7 ./release.sh\n", (PW["sshpass"],)),
    Form("split-literals-py", "src/auth/split.py", f'TOKEN = "{SPLIT_TOKEN[:14]}" "{SPLIT_TOKEN[14:]}"\n',
         (SPLIT_TOKEN[:14], SPLIT_TOKEN[14:])),
    Form("split-literals-js", "web/auth/split.js", f'const key = "{SPLIT_STRIPE[:12]}" +\n  "{SPLIT_STRIPE[12:]}";\n',
         (SPLIT_STRIPE[12:],)),
    Form("jwt-split-over-lines", "src/auth/jwt.py",
         'TOKEN = (\n' + "".join(f'    "{p}{"." if i < 2 else ""}"\n' for i, p in enumerate(JWT.split("."))) + ")\n",
         tuple(JWT.split("."))),
]

# A 26-line key whose middle line changes: the hunk starts inside the key, and git's section
# header (the last line before the hunk that starts with a letter) is itself a key line.
KEY, KEY_BODY = _pem("RSA PRIVATE KEY", 26)
_lines = KEY.splitlines(keepends=True)
NEW_KEY_LINE = r(64, B64)
KEY_CHANGED = "".join(_lines[:13] + [NEW_KEY_LINE + "\n"] + _lines[14:])

# ------------------------------------------------------------------ item 6: what the rule reports

PGP_BODY = [r(64, B64) for _ in range(8)]
RULE_FORMS = [
    Form("github-fine-grained", "src/auth/gh.py", f'GITHUB_TOKEN = "github_pat_{r(22)}_{r(59)}"\n', ()),
    Form("anthropic", "src/auth/claude.py", f'client = Anthropic(api_key="sk-ant-api03-{r(93, ALNUM + "-_")}AA")\n', ()),
    Form("google", "web/auth/maps.js", f'const MAPS_KEY = "AIza{r(35, ALNUM + "-_")}";\n', ()),
    Form("stripe-test", "src/billing/pay.py", f'stripe.api_key = "sk_test_{r(24)}"\n', ()),
    Form("stripe-restricted", "src/billing/refund.py", f'RESTRICTED = "rk_live_{r(24)}"\n', ()),
    Form("npm", "ci/auth/npm.env", f"NPM_TOKEN=npm_{r(36)}\n", ()),
    Form("shopify", "src/billing/shop.rb", f'ShopifyAPI::Context.setup(api_key: "shpss_{r(32, "0123456789abcdef")}")\n', ()),
    Form("pgp-private-key", "ci/auth/release.asc",
         "-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: release key\n\n" + "\n".join(PGP_BODY) +
         f"\n={r(4, B64)}\n-----END PGP PRIVATE KEY BLOCK-----\n", ()),
    Form("http-basic-header", "ci/auth/upload.sh",
         f'curl -H "Authorization: Basic {base64.b64encode(f"ci:{r(20)}".encode()).decode()}" https://x.acme.io\n', ()),
    Form("http-basic-url-empty-user", "src/auth/cache.py", f"r = redis.from_url('redis://:{r(20)}@10.0.0.5:6379')\n", ()),
]

# Look-alikes the rule must stay quiet on.
BENIGN_FORMS = [
    Form("placeholder-pat", "docs/auth/setup.md", "export GITHUB_TOKEN=github_pat_" + "X" * 82 + "\n", ()),
    Form("stripe-example", "src/billing/example.py", 'EXAMPLE_KEY = "sk_test_' + "x" * 24 + '"\n', ()),
    Form("env-lookup", "src/auth/cfg.py", 'API_KEY = os.environ["ANTHROPIC_API_KEY"]\n', ()),
    Form("pgp-public", "ci/auth/release.pub.asc",
         "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "\n".join(PGP_BODY[:3]) + "\n-----END PGP PUBLIC KEY BLOCK-----\n", ()),
    Form("basic-scheme-code", "src/auth/basic.py", 'if scheme.lower() == "basic":\n    user, _, pw = decode(value).partition(":")\n', ()),
    Form("sshpass-variable", "ci/auth/ssh2.sh", 'sshpass -p "$DEPLOY_PASSWORD" ssh deploy@host\n', ()),
    Form("adonet-interpolated", "svc/auth/Db.cs", 'var cs = $"Server=db;User Id=app;Password={password};";\n', ()),
]
