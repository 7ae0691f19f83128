"""Text aimed at an AI reviewer: the `reviewer-directed-text` rule and what the prompt neutralises.

A steering note is found in what a model would read, not only in the bytes: each line is also
read normalised (invisible characters dropped, fullwidth and other compatibility forms folded by
NFKC, Cyrillic/Greek look-alikes mapped to Latin, accents dropped), and decoded where it hides
an order (base64, hex, %-escapes, rot13, leetspeak, reversed, Unicode tag characters and
variation-selector bytes). Two adjacent lines are read together, so an order split over lines is
one order. English and the languages most likely to appear in a code base are covered.

Invisible characters are findings of their own (Trojan Source, CVE-2021-42574; ASCII smuggling
through tag characters and variation selectors), except where a script or an emoji needs them.
"""
from __future__ import annotations

import base64
import binascii
import bisect
import codecs
import itertools
import re
import unicodedata
import urllib.parse

# ------------------------------------------------------------------ what a steering note says

_STEER_VERB = (r"\b(?:you\s+(?:must|should|shall|will|need to|have to|are to)|must|shall|need to|have to|are to|"
               r"report|respond|reply|answer|output|return|approve|mark|ignore|skip|treat|consider|classify|"
               r"(?:do not|don't|never)\s+(?:flag|report|mention|comment on|raise|review|list))\b")
_ADDRESSEE = (r"(?:(?:ai|llm|gpt|automated|automatic|code|security|review|reviewing|large|language|bot|model|machine)\s+){0,3}"
              r"(?:reviewers?|review\s+bots?|bots?|assistants?|language\s+models?|llms?|models?|agents?|copilots?)")
# "an empty findings list": about the answer's own shape ("return an empty list" is ordinary code talk).
_EMPTY_ANSWER = r"(?:(?:empty|blank)\s+(?:findings|review)\b|no\s+findings\b|(?:empty|blank)\s+(?:list|array|set)\s+of\s+findings)"

STEER: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:ignore|disregard|forget|override|bypass|skip)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?"
                r"(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|above|earlier|preceding|foregoing|system|"
                r"original|other|existing|given)\s+(?:instructions?|prompts?|rules|directions|guidelines|context|directives?)",
                re.I),
     "asks the reader to ignore its instructions"),
    (re.compile(r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
                r"(?:instructions?|rules|guidelines|system\s+prompt|prompt)\s+(?:you\s+(?:were|have been|are)\s+given|"
                r"(?:given|provided)\s+(?:to you|above)|above)", re.I),
     "asks the reader to ignore its instructions"),
    (re.compile(r"\b(?:ignore|disregard|override)\s+(?:your|the)\s+(?:system\s+prompt|instructions|guidelines|rules)\b", re.I),
     "asks the reader to ignore its instructions"),
    (re.compile(r"\b(?:as|dear|attention|hey|hi|hello|note\s+(?:to|for)|message\s+(?:to|for)|important\s+(?:to|for)|"
                r"instructions?\s+(?:to|for)|for)\s+(?:the\s+|an?\s+|any\s+|all\s+)?" + _ADDRESSEE + r"\b.{0,80}" + _STEER_VERB,
                re.I),
     "addresses an AI reviewer"),
    # "AI reviewer: you must ..."; "code reviewers must sign off" is a human process.
    (re.compile(r"\b(?:ai|llm|gpt|automated|automatic)\s+(?:\w+\s+)?(?:reviewers?|review bots?|bots?|assistants?|models?|agents?)"
                r"\s*[,:;-]?\s*(?:you\s+)?" + _STEER_VERB, re.I),
     "addresses an AI reviewer"),
    # "LLM: ...", "Code review model: classify ...": an AI addressed at the start of a line.
    (re.compile(r"^\W{0,6}(?=[^:,]{0,40}\b(?:ai|llms?|gpt|models?|assistants?|bots?|automated)\b)(?:[\w-]+\s+){0,3}"
                r"(?:models?|assistants?|bots?|reviewers?|llms?|agents?|ai|gpt)\s*[:,]\s*.{0,60}?" + _STEER_VERB, re.I),
     "addresses an AI reviewer"),
    (re.compile(r"\b(?:reviewer|review)\s+bots?\s*[,:;-]\s*(?:you\s+)?" + _STEER_VERB + r"|\b(?:reviewer|review)\s+bots?\s*[,:;-]"
                r"\s*(?:disregard|ignore|approve|forget)\b", re.I),
     "addresses an AI reviewer"),
    (re.compile(r"\b(?:report|respond|reply|answer|say|output|return|conclude|state|mark (?:it|this) as)\s+(?:with\s+|that\s+)?"
                r"[\"'`]?(?:there (?:are|were|is)\s+)?no\s+(?:security\s+)?(?:issues|findings|problems|vulnerabilities|bugs|concerns)\b",
                re.I),
     "tells the reviewer what to answer"),
    (re.compile(r"\b(?:return|output|respond\s+with|reply\s+with|answer\s+with|give|produce|emit|send)\s+(?:back\s+)?"
                r"(?:an?\s+|the\s+|only\s+an?\s+)?" + _EMPTY_ANSWER, re.I),
     "tells the reviewer what to answer"),
    (re.compile(r"\b(?:ai|llm|reviewers?|assistants?|models?|gpt|copilot|claude)\b.{0,80}\bno\s+(?:security\s+)?"
                r"(?:issues|findings|problems|vulnerabilities)\s+(?:were\s+|was\s+)?(?:found|detected|present)", re.I),
     "tells the reviewer what to answer"),
    (re.compile(r"\b(?:you\s+(?:must|should|shall|will|are to)|must|please)\s+(?:approve|accept|pass|lgtm|sign off on|mark\s+as\s+safe)"
                r"\s+(?:this|the|these)\s+(?:change|diff|pr|pull request|commit|patch|code|file|lines?)", re.I),
     "tells the reviewer what to answer"),
    (re.compile(r"\b(?:do not|don't|never|must not)\s+(?:flag|report|mention|raise|list)\s+(?:the|this|these|any)\s+"
                r"(?:hard-?coded\s+)?(?:credentials?|secrets?|keys?|passwords?|tokens?|vulnerabilit\w+|issues|findings|problems)", re.I),
     "tells the reviewer what to answer"),
    # Case-sensitive: Llama's tokens are upper-case, and `return [inst]` is Python.
    (re.compile(r"<\|(?:im_start|im_end|im_sep|system|assistant|user|start_header_id|end_header_id|eot_id|begin_of_text)\|>"
                r"|\[/?INST\]|<</?SYS>>"),
     "contains a chat-template control token"),
    # "### System:" (a Markdown heading of level 2+) or a bare "System:"/"# System:" line; a level-1
    # "# System: Linux" is an ordinary code comment.
    (re.compile(r"^\W{0,6}#{2,6}\s*(?:system|assistant)\s*(?:prompt|message)?\s*:", re.I),
     "contains a fake system/assistant header"),
    (re.compile(r"^\W{0,6}(?:System|Assistant|SYSTEM|ASSISTANT)\s*:\s*$"),  # a YAML `system:` key is lower-case
     "contains a fake system/assistant header"),
    (re.compile(r"^\W{0,6}(?:system|assistant)\s*:\s*(?:you are|ignore|the (?:code|change|diff))", re.I),
     "contains a fake system/assistant header"),
    (re.compile(r"""\{\s*\\?["']findings\\?["']\s*:\s*\[\s*\]"""),
     "contains a pre-filled, empty findings answer"),
    # Other languages: "ignore the previous instructions", "report no problem", "AI reviewer ...".
    (re.compile(r"\bignore[zr]?\s+(?:toutes?\s+)?(?:les\s+|vos\s+)?(?:instructions|consignes|règles|directives)"
                r"(?:\s+\w+){0,2}\s+(?:précédentes|antérieures|ci-dessus|données)"
                r"|\bignora(?:r|d)?\s+(?:todas\s+)?(?:las\s+)?(?:instrucciones|indicaciones|reglas)\s+(?:anteriores|previas)"
                r"|\bignore\s+(?:todas\s+)?(?:as\s+)?(?:instruções|instrucoes|regras)\s+anteriores"
                r"|\bignora\s+(?:tutte\s+)?(?:le\s+)?(?:istruzioni|regole)\s+precedenti"
                r"|\bignorier(?:e|en|t)?\s+(?:sie\s+)?(?:alle\s+)?(?:vorherigen|bisherigen|obigen|früheren|vorigen)\s+"
                r"(?:anweisungen|instruktionen|regeln)"
                r"|\bnegeer\s+(?:alle\s+)?(?:vorige|eerdere)\s+(?:instructies|regels)"
                r"|игнорир\w*\s+(?:все\s+)?(?:предыдущие\s+|прежние\s+)?(?:инструкции|указания|правила)"
                r"|忽略(?:之前|以上|先前|上述|前面|所有)(?:的)?(?:所有)?(?:指令|指示|说明|規則|规则)"
                r"|(?:以前|前|上記|これまで)の(?:指示|命令|ルール)を(?:すべて)?無視", re.I),
     "asks the reader to ignore its instructions"),
    (re.compile(r"\bne\s+(?:signale[zr]?|rapporte[zr]?|mentionne[zr]?|relève[zr]?)\s+(?:aucun|aucune|rien|pas)"
                r"|\b(?:répondez|répond[rs]?|indiquez|dites)\s+qu'il\s+n'y\s+a\s+(?:aucun|aucune|pas\s+de)"
                r"|\bno\s+(?:informes|reportes|señales|menciones|indiques)\s+(?:ningún|ninguna|nada)"
                r"|\b(?:responde|di|indica)\s+que\s+no\s+hay\s+(?:ningún|ninguna|problemas|vulnerabilidades)"
                r"|\bmelde\s+keine|\bkeine\s+(?:probleme|befunde|schwachstellen|fehler)\s+(?:melden|berichten|ausgeben|gefunden)"
                r"|\bnão\s+(?:reporte|relate|informe)\s+(?:nenhum|nada)|\bnon\s+(?:segnalare|riportare)\s+(?:alcun|nessun|nulla)"
                r"|не\s+(?:сообщай|сообщайте|упоминай|отмечай)|不要(?:报告|報告|指出)|(?:報告|指摘)しないで", re.I),
     "tells the reviewer what to answer"),
    (re.compile(r"\b(?:relecteur|réviseur|évaluateur|examinateur|assistant|modèle)\s+(?:ia|ai|automatique|automatisé)\b.{0,80}"
                r"\b(?:devez|doit|répondez|approuvez|ignorez|signalez|indiquez|marquez)"
                r"|\b(?:revisor|asistente|modelo)\s+(?:de\s+)?(?:ia|ai|automático)\b.{0,80}\b(?:debes|debe|responde|aprueba|ignora)"
                r"|\b(?:ki|ai)[-\s]?(?:prüfer|gutachter|reviewer|assistent)\b.{0,80}\b(?:musst|müssen|sollst|antworte|ignoriere|genehmige)",
                re.I),
     "addresses an AI reviewer"),
]

# Words one of which every pattern above needs (on the lower-cased text it reads): a prefix tree
# searched once per reading, so most lines cost one pass.
STEER_WORDS = (
    "ignor", "disregard", "forget", "overrid", "bypass", "reviewer", "review bot", "assistant", "model", "llm", "gpt",
    "bot", "agent", "copilot", "claude", "no issues", "no findings", "no problems", "no vulnerabilit", "no security",
    "no bugs", "no concerns", "findings", "approve", "accept", "lgtm", "sign off", "mark as safe",
    "not flag", "not report", "not mention", "not raise", "not list", "n't flag", "n't report", "n't mention",
    "n't raise", "n't list", "never flag", "never report", "never mention", "never raise", "never list",
    "<|", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "system", "im_start", "im_end",
    "relecteur", "réviseur", "revisor", "prüfer", "gutachter", "signale", "rapporte", "mentionne", "relève", "aucun",
    "ningún", "ninguna", "keine", "nenhum", "nessun", "alcun", "negeer", "qu'il", "que no", "melde", "informes",
    "reportes", "señales", "segnalare", "riportare", "игнор", "сообща", "упомина", "отмеча", "忽略", "無視", "不要",
    "しないで",
)
# The core of an order, as rot13 and reversed text spell it: those readings are made only where
# one of these occurs in the line as written.
_CORE = ("ignore", "disregard", "instruction", "findings", "reviewer", "approve", "no issues", "previous")


def _gate_of(words):
    from .gates import literal_gate

    return literal_gate(words)


_GATE = _gate_of(STEER_WORDS)
# The gate's words written together: identifiers (NoFindingsNeeded, no_findings) run words together.
_SQUASHED_GATE = _gate_of([w.replace(" ", "").replace("'", "") for w in STEER_WORDS if " " in w])
_ROT_GATE = _gate_of([codecs.encode(w, "rot13") for w in _CORE])
_REV_GATE = _gate_of([w[::-1] for w in _CORE])
_LEETISH = re.compile(r"[a-z][013457@$!|][a-z]|\b[013457@$][a-z]{2}|[a-z]{2}[013457@$]\b")


# Per pattern, words one of which it needs (None: the gate's); a pattern runs only where they occur.
_NEEDS: tuple[tuple[str, ...] | None, ...] = (('ignor', 'disregard', 'forget', 'overrid', 'bypass', 'skip'), ('ignor', 'disregard', 'forget', 'overrid'), ('ignor', 'disregard', 'overrid'), ('reviewer', 'bot', 'assistant', 'model', 'llm', 'agent', 'copilot'), ('ai ', 'ai\t', 'llm', 'gpt', 'automat'), ('ai', 'llm', 'gpt', 'model', 'assistant', 'bot', 'automated'), ('bot',), ('no issues', 'no findings', 'no problems', 'no vulnerab', 'no security', 'no bugs', 'no concerns'), ('empty', 'blank', 'no findings'), ('no issues', 'no findings', 'no problems', 'no vulnerab', 'no security'), ('approve', 'accept', 'pass ', 'lgtm', 'sign off', 'mark as safe'), ('not flag', 'not report', 'not mention', 'not raise', 'not list', "n't flag", "n't report", "n't mention", "n't raise", "n't list", 'never flag', 'never report', 'never mention', 'never raise', 'never list'), ('<|', '[inst]', '[/inst]', '<<sys>>', '<</sys>>'), ('system', 'assistant'), ('system', 'assistant'), ('system', 'assistant'), ('findings',), ("ignor", "negeer", "игнор", "忽略", "無視"), ("ne ", "no ", "melde", "keine", "não", "non ", "не ", "不要", "しないで", "qu'il", "que no"), ("relecteur", "réviseur", "évaluateur", "examinateur", "assistant", "modèle", "revisor", "asistente", "modelo", "prüfer", "gutachter", "reviewer", "assistent", "ki-", "ki "))


def _prefilter():
    """One linear pass deciding whether a line needs reading at all: a gate word (as written,
    run together, in rot13 or reversed), something encoded, leetspeak, spaced-out letters, or
    any non-ASCII character. RE2 when installed."""
    words = set(STEER_WORDS) | {w.replace(" ", "").replace("'", "") for w in STEER_WORDS}
    words |= {codecs.encode(w, "rot13") for w in _CORE} | {w[::-1] for w in _CORE}
    parts = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    parts += [r"[A-Za-z0-9+/]{24}", r"(?:[0-9a-fA-F]{2}){10}", r"%[0-9a-fA-F]{2}", r"[a-z][013457@$!|][a-z]",
              r"(?:\b\w[ \t.\-_*]{1,3}){6}", r"[^\x00-\x7f]"]
    # The rest of the line is taken with the first hit: one match a line, however many hits.
    combined = "(?i)(?:" + "|".join(parts) + ")[^\n]*"
    try:
        import re2

        options = re2.Options()
        options.log_errors = False
        options.never_capture = True
        return re2.compile(combined, options)
    except Exception:  # no wheel on this platform: correct, only slower
        return re.compile(combined)


_PREFILTER = _prefilter()


def worth_reading(text: str) -> bool:
    return bool(_PREFILTER.search(text))


_EDGE = " \t\"'`+#/*;,\\()"


def _lines_worth_reading(texts: list[str]) -> set[int]:
    """Indexes of the lines the prefilter passes, in one pass over all of them."""
    if len(texts) < 8:
        return {i for i, t in enumerate(texts) if worth_reading(t)}
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    return {bisect.bisect_right(starts, m.start()) - 1 for m in _PREFILTER.finditer("\n".join(texts))}


def _match(text: str) -> str | None:
    low = text.lower()
    if not _GATE.search(low):
        return None
    for (rx, what), needs in zip(STEER, _NEEDS):
        if needs is not None and not any(w in low for w in needs):
            continue
        if rx.search(text):
            return what
    return None


# ------------------------------------------------------------------ normalising and decoding

# Look-alikes a Latin-script reader takes for Latin letters (Cyrillic, Greek, Armenian, IPA and a
# few others); NFKC already folds fullwidth and mathematical letters.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ѵ": "v", "ү": "y", "ɡ": "g", "ɑ": "a", "ı": "i", "ȷ": "j", "ℓ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԍ": "G", "Ԛ": "Q", "Ԝ": "W",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ε": "e", "ϲ": "c",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "ո": "n", "ս": "u", "ց": "g", "օ": "o", "ᴀ": "a", "ʙ": "b", "ᴄ": "c",
    "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o",
    "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"})
# Characters that render as nothing (or only move the cursor): dropped before reading.
INVISIBLE_CLASS = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                   "\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef")
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE_CLASS}]+")
_B64_RUN = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")
_HEX_RUN = re.compile(r"(?:[0-9a-fA-F]{2}){10,}")
_SPACED = re.compile(r"(?:\b\w[\s.\-_*·]{1,3}){6,}\w\b")


def normalise(text: str) -> str:
    text = _INVISIBLE_RUN.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = unicodedata.normalize("NFC", text)
    return text


def _text_like(raw: bytes) -> str | None:
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(s) < 8 or " " not in s:
        return None
    printable = sum(1 for c in s if c.isprintable())
    return s if printable >= 0.9 * len(s) else None


def _decoded(text: str) -> list[str]:
    """Orders hidden in encodings: base64, hex, %-escapes, tag characters, variation selectors."""
    out = []
    for m in _B64_RUN.finditer(text):
        run = m.group(0)
        # An identifier (snake_case, or a word run without digits or +/) is not base64 worth trying.
        if len(run) < 20 or run.count("_") >= 2 or not any(c.isdigit() or c in "+/=" for c in run):
            continue
        for alt in (run, run.replace("-", "+").replace("_", "/")):
            try:
                raw = base64.b64decode(alt + "=" * (-len(alt) % 4), validate=True)
            except (binascii.Error, ValueError):
                continue
            s = _text_like(raw)
            if s:
                out.append(s)
                break
    for m in _HEX_RUN.finditer(text):
        s = _text_like(bytes.fromhex(m.group(0)))
        if s:
            out.append(s)
    if _PERCENT.search(text):
        out.append(urllib.parse.unquote(text))
    if not text.isascii():
        tags = "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)
        if tags:
            out.append(tags)
        vs = bytes(b for b in (_vs_byte(c) for c in text) if b is not None)
        if len(vs) >= 4:
            out.append(vs.decode("utf-8", "replace"))
    return out


_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")


def _vs_byte(c: str) -> int | None:
    o = ord(c)
    if 0xFE00 <= o <= 0xFE0F:
        return o - 0xFE00
    if 0xE0100 <= o <= 0xE01EF:
        return o - 0xE0100 + 16
    return None


def readings(text: str, deep: bool = True):
    """The ways a model may read one line: as written, normalised, identifiers as words, and
    (deep) decoded, rot13, leetspeak, reversed, spaced-out letters closed up. Lazily, each only
    where a cheap test says it could matter."""
    yield text
    norm = text if text.isascii() else normalise(text)
    if norm != text:
        yield norm
    low = norm.lower()
    if _IDENTIFIER_WORDS.search(norm) and (_GATE.search(low) or _SQUASHED_GATE.search(re.sub(r"[\s_\-]", "", low))):
        yield words_of_identifiers(norm)
    if not deep:
        return
    if _ROT_GATE.search(low):
        yield codecs.encode(norm, "rot13")
    if _REV_GATE.search(low):
        yield norm[::-1]
    if _LEETISH.search(low):
        leet = norm.translate(_LEET)
        if leet != norm:
            yield leet
    if _SPACED.search(norm):
        yield _SPACED.sub(lambda m: re.sub(r"[\s.\-_*·]", "", m.group(0)) + " ", norm)
    if _MAYBE_ENCODED.search(text) or not text.isascii():
        for s in _decoded(text):
            yield normalise(s)


_IDENTIFIER_WORDS = re.compile(r"[a-z][A-Z]|[A-Za-z]_[A-Za-z]|[A-Z]{2}[a-z]")


def words_of_identifiers(text: str) -> str:
    """ignore_previous_instructions and IgnorePreviousInstructions read as words."""
    text = re.sub(r"(?<=[A-Za-z0-9])_+(?=[A-Za-z0-9])", " ", text)
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", " ", text)


_MAYBE_ENCODED = re.compile(r"[A-Za-z0-9+/_\-]{20}|(?:[0-9a-fA-F]{2}){10}|%[0-9a-fA-F]{2}")


def steering(text: str, deep: bool = True) -> str | None:
    """What a steering note on this line does ("asks the reader to ignore its instructions"), or None."""
    for reading in readings(text, deep):
        what = _match(reading)
        if what:
            return what
    return None


_COMMENT_LEAD = re.compile(r"^\s*(?:#+|//+|/\*+|\*+|--|;+|<!--|%|'|rem\b)?\s*", re.I)
_COMMENT_TAIL = re.compile(r"\s*(?:\*/|-->)\s*$")
_TRAILING_COMMENT = re.compile(r"(?:^|\s)(?:#|//|--)\s?(.*)$")
_LITERAL_BODY = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\])*)\1""")


def _bare(text: str) -> str:
    """The prose of a line: a comment's text (leading or trailing), else the line unmarked."""
    m = _TRAILING_COMMENT.search(text)
    if m and text[: m.start()].strip():
        return _COMMENT_TAIL.sub("", m.group(1))
    return _COMMENT_TAIL.sub("", _COMMENT_LEAD.sub("", text, count=1))


def _pieces(text: str) -> str:
    """The string literals of a line run together ("Ignore all prior " + "instructions"), or its
    prose when it has none."""
    bodies = [m.group(2) for m in _LITERAL_BODY.finditer(text)]
    return "".join(bodies) if bodies else _bare(text).strip()


_MARKED_PROSE = re.compile(r"#|//|/\*|^\s*\*|--|<!--|[\"'`]|^\s*[>;%]")
_CODE_PUNCTUATION = re.compile(r"[=(){};\[\]]")


def _is_prose(text: str) -> bool:
    """A line that can carry words to a reader: a comment or a string in it, or plain text."""
    return bool(_MARKED_PROSE.search(text)) or (len(text.split()) >= 3 and not _CODE_PUNCTUATION.search(text))


def steering_lines(texts: list[str], breaks: set[int] | frozenset = frozenset()) -> dict[int, str]:
    """{index: what} of the lines that steer, alone or read with the next one or two lines: an
    order split over lines marks every line of it. Lines are joined by their prose (comment text,
    string literals), with a space and without one (a word cut in two: "rev" / "iewer"); never
    across a break (i in `breaks`: line i+1 does not follow line i in the file)."""
    out: dict[int, str] = {}
    hit = _lines_worth_reading(texts)
    for i in sorted(hit):
        what = steering(texts[i])
        if what:
            out[i] = what
    n = len(texts)
    if n < 2:
        return out
    single = set(out)
    # A window of lines is read only where one of its lines, or the join of two neighbours (a
    # word cut at the line break: "rev" / "iewer"), passes the prefilter.
    seam = _lines_worth_reading([a.rstrip(_EDGE)[-16:] + b.lstrip(_EDGE)[:16] for a, b in zip(texts, texts[1:])])
    starts = sorted({s for j in hit | seam for s in (j - 2, j - 1, j) if 0 <= s < n - 1})
    pieces: dict[int, str] = {}
    prose: dict[int, bool] = {}
    for i in starts:
        for width in (2, 3):
            window = range(i, min(i + width, n))
            # A window with a line that steers alone says nothing more (and must not mark its
            # innocent neighbours); one that crosses a break is not one text.
            if len(window) < width or any(j in single for j in window) or any(j in breaks for j in window[:-1]):
                continue
            if not (any(j in hit for j in window) or any(j in seam for j in window[:-1])):
                continue
            if not all(prose.setdefault(j, _is_prose(texts[j])) for j in window):
                continue  # code lines: an order is read from comments, strings and text
            parts = [pieces.setdefault(j, _pieces(texts[j])) for j in window]
            if not all(p.strip() for p in parts):
                continue
            spaced, tight = " ".join(p.strip() for p in parts), "".join(parts)
            what = None
            for joined in (spaced, tight):
                if _GATE.search(joined.lower()) or not joined.isascii():
                    what = what or steering(joined, deep=False)
            if what:
                for j in window:
                    out.setdefault(j, what + " (over several lines)")
                break
    return out


# ------------------------------------------------------------------ invisible characters

_INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")
_JOINING_SCRIPTS = re.compile("[\u0600-\u06ff\u0750-\u077f\u0900-\u0dff\ufb50-\ufdff\ufe70-\ufefe]")
_RTL = re.compile("[\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u0700-\u074f\u0780-\u07a5\u0800-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")


def _emoji_like(ch: str) -> bool:
    return ord(ch) >= 0x2190 and not ch.isalnum() and unicodedata.category(ch) in ("So", "Sk", "Mn", "Cf")


def _legit_invisible(text: str, i: int, ch: str) -> bool:
    """Joiners inside emoji and in Persian/Indic text, tags in flag emoji, one emoji variation
    selector after a symbol, direction marks in right-to-left text, a leading byte-order mark."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    o = ord(ch)
    if ch == "\u200d" and before and after and (_emoji_like(before) or ord(before) >= 0x1F000) and (ord(after) >= 0x2190):
        return True
    if ch in "\u200c\u200d" and (_JOINING_SCRIPTS.match(before or " ") or _JOINING_SCRIPTS.match(after or " ")):
        return True
    if 0xE0000 <= o <= 0xE007F:
        # A subdivision flag is U+1F3F4 followed by tag letters and U+E007F CANCEL TAG.
        j = i
        while j > 0 and "\U000e0000" <= text[j - 1] <= "\U000e007f":
            j -= 1
        return j > 0 and text[j - 1] == "\U0001f3f4" and "\U000e007f" in text[i : i + 8]
    if o in (0xFE0E, 0xFE0F):
        # Text or emoji presentation of the one symbol before it (a keycap digit too); a run of
        # selectors, or one after a letter, carries data.
        return bool(before) and _vs_byte(before) is None and _vs_byte(after or " ") is None and \
            (not before.isascii() or before in "#*0123456789") and not before.isalpha()
    if 0xE0100 <= o <= 0xE01EF:
        # Ideographic variation sequences: one selector after a CJK ideograph.
        return bool(before) and unicodedata.name(before, "").startswith("CJK") and _vs_byte(after or " ") is None
    if o in (0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069):
        # Marks in a line of right-to-left text; embeddings and overrides never (Trojan Source).
        return o in (0x200E, 0x200F, 0x061C) and bool(_RTL.search(text))
    if ch == "\u180e":
        return bool(re.search("[\u1800-\u18af]", text))
    if ch == "\ufeff" and i == 0:
        return True  # a byte-order mark at the start of a line, not mid-line
    return False


def invisible(text: str) -> str | None:
    """The first invisible or direction-changing character a line should not hold, as U+XXXX NAME."""
    if text.isascii():
        return None
    for m in _INVISIBLE.finditer(text):
        ch = m.group(0)
        if _legit_invisible(text, m.start(), ch):
            continue
        name = unicodedata.name(ch, "TAG CHARACTER" if ord(ch) >= 0xE0000 else "INVISIBLE CHARACTER")
        return f"U+{ord(ch):04X} {name}"
    return None


# ------------------------------------------------------------------ what the prompt sends

# Invisible, format and control characters (tab excepted): sent as \uXXXX, visible to the model.
_ESCAPE = re.compile(f"[{INVISIBLE_CLASS}\x00-\x08\x0e-\x1f\x7f-\x9f\u2028\u2029\ufff9-\ufffb]")


def escape_invisible(text: str) -> str:
    def esc(m: re.Match) -> str:
        o = ord(m.group())
        return f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}"

    return _ESCAPE.sub(esc, text)


NEUTRALISED = "[fedgate: text addressed to the reviewer withheld ({what})]"
