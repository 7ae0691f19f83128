"""Text aimed at an AI reviewer: the `reviewer-directed-text` rule and what the prompt neutralises.

A steering note is found in what a model would read, not only in the bytes: each line is also
read normalised (invisible characters dropped, fullwidth and other compatibility forms folded by
NFKC, Cyrillic/Greek look-alikes mapped to Latin, accents dropped), and decoded where it hides
an order (base64, hex, %-escapes, source escapes like \x41 / \u0041 / &#65;, rot13, leetspeak with
ambiguous digits resolved against the patterns' own words, reversed, Unicode tag characters and
variation-selector bytes). Two adjacent lines are read together, so an order split over lines is
one order. English and the languages most likely to appear in a code base are covered. Besides
fixed phrasings, a named reader (an AI or automated reviewer, a role-play, a reviewer) near a
request about the review's outcome (findings, severity, reporting, approving, the answer's
format) is an order however the sentence runs.

Invisible characters are findings of their own (Trojan Source, CVE-2021-42574; ASCII smuggling
through tag characters and variation selectors), except where a script or an emoji needs them.
"""
from __future__ import annotations

import base64
import binascii
import bisect
import codecs
import functools
import itertools
import re
import unicodedata
import urllib.parse

from . import ciphers, lexicon, requests

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
    # The answer's own shape written out; `return {"findings": []}` and `== {"findings": []}` are
    # code building or testing such an answer, not text a reader is handed.
    (re.compile(r"""(?<!return )(?<!return)(?<!= )(?<!=)(?<!\()\{\s*\\?["']findings\\?["']\s*:\s*\[\s*\]"""),
     "contains a pre-filled, empty findings answer"),
    # A whole findings answer (a list of finding objects) in a comment: an answer handed to the reader.
    (re.compile(r"""^\s*(?:#+|//+|/?\*+|--|<!--|;+|%)\s*.{0,60}?\{\s*\\?["']findings\\?["']\s*:\s*\[\s*\{"""),
     "contains a pre-filled findings answer"),
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

# More languages, each with the words it needs: "ignore the previous instructions", "return an
# empty list", "report nothing", and an AI reviewer addressed with an imperative.
_IGNORE = "asks the reader to ignore its instructions"
_ANSWER = "tells the reviewer what to answer"
_ADDRESS = "addresses an AI reviewer"
STEER_MORE: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [
    # Other English ways to drop the instructions ("pay no attention to your earlier guidance").
    (re.compile(r"\b(?:pay\s+no\s+(?:attention|heed)\s+to|set\s+aside|(?:do\s+not|don't|no\s+longer|stop)\s+(?:follow(?:ing)?|obey(?:ing)?)|"
                r"abandon|dismiss|throw\s+away|forget\s+about|ignore|disregard|override|forget)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?"
                r"(?:the\s+|your\s+|these\s+|those\s+)?(?:previous|prior|above|earlier|preceding|foregoing|system|original|initial|"
                r"former|old|default|current|existing|given)\s+(?:instructions?|prompts?|directions|guidelines|directives?|guidance|"
                r"programming|system\s+(?:message|prompt)|orders)\b", re.I),
     _IGNORE, ("pay no", "set aside", "not follow", "n't follow", "longer follow", "stop follow", "obey", "abandon", "dismiss", "throw away", "forget", "ignor", "disregard",
               "overrid")),
    (re.compile(r"(?:이전|앞의|위의|기존|앞선|지금까지의?)\s*(?:모든\s*)?(?:지시|지침|명령|규칙|프롬프트)\S*\s*(?:을|를)?\s*(?:모두\s*|전부\s*)?무시"
                r"|(?:忽略|忽视|忽視|无视|無視|不理会)(?:掉)?(?:之前|以上|先前|上述|前面|此前|所有|全部)"
                r"|\bönceki\s+(?:tüm\s+|bütün\s+)?(?:talimatları|komutları|kuralları|yönergeleri)\s+(?:yok\s+say|görmezden\s+gel|unut)"
                r"|\bzignoruj\s+(?:wszystkie\s+)?(?:poprzednie|wcześniejsze|powyższe)\s+(?:instrukcje|polecenia|reguły)"
                r"|\babaikan\s+(?:semua\s+)?(?:instruksi|perintah|arahan)\s+(?:sebelumnya|terdahulu|di\s+atas)"
                r"|\bbỏ\s+qua\s+(?:tất\s+cả\s+)?(?:các\s+|mọi\s+)?(?:hướng\s+dẫn|chỉ\s+dẫn|lệnh|chỉ\s+thị)\s+(?:trước|trên)"
                r"|تجاهل\s+(?:جميع\s+|كل\s+)?(?:التعليمات|الأوامر|التوجيهات)\s+(?:السابقة)"
                r"|(?:पिछले|पिछली|पूर्व|सभी)\s+(?:सभी\s+)?(?:निर्देशों|निर्देश)\s+(?:को\s+)?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज)"
                r"|\bігнору\w*\s+(?:всі\s+)?(?:попередні\s+)?(?:інструкції|вказівки)"
                r"|\bignorera\s+(?:alla\s+)?(?:tidigare|föregående)\s+(?:instruktioner|regler)"
                r"|\bignorer\s+(?:alle\s+)?(?:tidligere|forrige|foregående)\s+(?:instruksjoner|instruktioner|regler)"
                r"|\bignoruj\s+(?:všechny\s+)?(?:předchozí|dřívější)\s+(?:instrukce|pokyny)"
                r"|\bfigyelmen\s+kívül\s+(?:minden\s+)?(?:korábbi|előző)\s+utasítást", re.I),
     _IGNORE, ("무시", "忽略", "忽视", "忽視", "无视", "無視", "不理会", "önceki", "zignoruj", "abaikan", "bỏ qua", "تجاهل",
               "अनदेखा", "नज", "ігнору", "ignorera", "ignorer", "ignoruj", "figyelmen")),
    (re.compile(r"\b(?:renvoye[zr]|renvoie|retourne[zr]?|rends|rendez)\s+(?:une\s+|la\s+)?liste\s+(?:de\s+|des\s+)?"
                r"(?:problèmes|constats|constatations|anomalies|vulnérabilités)\s+vide"
                r"|\b(?:devuelv[ea]|retorn[ae]|regres[ae]|devolv[ea])\s+(?:una\s+|uma\s+|la\s+|a\s+)?lista\s+(?:de\s+)?"
                r"(?:hallazgos|problemas|achados|vulnerabilidades)\s+(?:vac[ií]a|vazia)"
                r"|\b(?:restituisci|ritorna|restituire)\s+(?:un\s+|una\s+)?(?:elenco|lista)\s+(?:vuot[oa]\s+(?:di\s+)?)?"
                r"(?:problemi|segnalazioni|rilievi|vulnerabilità)(?:\s+vuot[oa])?"
                r"|\b(?:gib|gebe|liefere)\s+(?:\w+\s+)?(?:eine\s+)?leere\s+(?:befund|problem)\w*"
                r"|빈\s*(?:결과|발견|지적|문제)\s*(?:목록|리스트|배열)?\S*\s*(?:을|를)?\s*반환\s*(?:하세요|하십시오|해\s*주세요|해라|하라)"
                r"|(?:보고|지적|언급)하지\s*(?:마|말)"
                r"|返回(?:一个)?空(?:的)?(?:发现|發現|问题|問題)"
                r"|空の(?:指摘|問題)(?:リスト|一覧|配列)?を返"
                r"|\bhiçbir\s+(?:sorun|bulgu|hata)\s+(?:bildirme|raporlama)"
                r"|\bnie\s+(?:zgłaszaj|raportuj|wskazuj)\b"
                r"|\bjangan\s+(?:laporkan|melaporkan|tandai)\b"
                r"|\bkhông\s+(?:báo\s+cáo|đánh\s+dấu)\s+(?:bất\s+kỳ|lỗi|vấn\s+đề)", re.I),
     _ANSWER, ("renvo", "retourn", "rends", "rendez", "devuelv", "devolv", "retorn", "regres", "restitu", "ritorna", "gib ",
               "gebe ", "liefere", "반환", "하지", "返回", "を返", "hiçbir", "nie ", "jangan", "không")),
    (re.compile(r"(?:\bai|\bki|\bia|\bии|人工智能|인공지능)[\s-]*(?:코드\s*)?(?:리뷰어|리뷰|검토자|검토|代码审查员|代码审查|審查員|审查员|评审员|評審|レビュアー|レビュー担当|"
                r"рецензент\w*|ревьюер\w*|проверяющ\w*|denetçi\w*|recenzent\w*|peninjau|người\s+đánh\s+giá)"
                r".{0,80}?(?:하세요|하십시오|하라|해라|해\s*주세요|请|必须|不要|してください|すること|しないで|"
                r"\b(?:верни|игнорируй|не\s+сообщай|одобри|ответь)\b|\b(?:yok\s+say|onayla|bildirme)\b|\b(?:zignoruj|zatwierdź|nie\s+zgłaszaj)\b)",
                re.I),
     _ADDRESS, ("리뷰", "검토", "审查", "審查", "评审", "評審", "レビュ", "рецензент", "ревьюер", "проверяющ", "denetçi",
                "recenzent", "peninjau", "đánh giá")),
]
STEER += [(rx, what) for rx, what, _ in STEER_MORE]

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
) + tuple(w for _, _, needs in STEER_MORE for w in needs)
# The core of an order, as rot13 and reversed text spell it: those readings are made only where
# one of these occurs in the line as written.
_CORE = ("ignore", "disregard", "instruction", "findings", "reviewer", "approve", "no issues", "previous")


def _gate_of(words):
    from .gates import literal_gate

    return literal_gate(words)


_GATE = _gate_of(STEER_WORDS)


def _vocabulary() -> frozenset[str]:
    """The English words the patterns are made of (escapes like \\s and \\b taken out first)."""
    words: set[str] = set()
    for source in [rx.pattern for rx, _ in STEER] + list(STEER_WORDS):
        words.update(re.findall(r"[a-z]{2,}", re.sub(r"\\[A-Za-z]", " ", source.lower())))
    return frozenset(words)


_VOCABULARY = _vocabulary()
# The gate's words written together: identifiers (NoFindingsNeeded, no_findings) run words together.
_SQUASHED_GATE = _gate_of([w.replace(" ", "").replace("'", "") for w in STEER_WORDS if " " in w])
_ROT_GATE = _gate_of([codecs.encode(w, "rot13") for w in _CORE])
_REV_GATE = _gate_of([w[::-1] for w in _CORE])
_LEETISH = re.compile(r"[a-z][0-9@$!|][a-z]|\b[0-9@$][a-z]{2}|[a-z]{2}[0-9@$]\b")


# Per pattern, words one of which it needs (None: the gate's); a pattern runs only where they occur.
_NEEDS: tuple[tuple[str, ...] | None, ...] = (('ignor', 'disregard', 'forget', 'overrid', 'bypass', 'skip'), ('ignor', 'disregard', 'forget', 'overrid'), ('ignor', 'disregard', 'overrid'), ('reviewer', 'bot', 'assistant', 'model', 'llm', 'agent', 'copilot'), ('ai ', 'ai\t', 'llm', 'gpt', 'automat'), ('ai', 'llm', 'gpt', 'model', 'assistant', 'bot', 'automated'), ('bot',), ('no issues', 'no findings', 'no problems', 'no vulnerab', 'no security', 'no bugs', 'no concerns'), ('empty', 'blank', 'no findings'), ('no issues', 'no findings', 'no problems', 'no vulnerab', 'no security'), ('approve', 'accept', 'pass ', 'lgtm', 'sign off', 'mark as safe'), ('not flag', 'not report', 'not mention', 'not raise', 'not list', "n't flag", "n't report", "n't mention", "n't raise", "n't list", 'never flag', 'never report', 'never mention', 'never raise', 'never list'), ('<|', '[inst]', '[/inst]', '<<sys>>', '<</sys>>'), ('system', 'assistant'), ('system', 'assistant'), ('system', 'assistant'), ('findings',), ('findings',), ("ignor", "negeer", "игнор", "忽略", "無視"), ("ne ", "no ", "melde", "keine", "não", "non ", "не ", "不要", "しないで", "qu'il", "que no"), ("relecteur", "réviseur", "évaluateur", "examinateur", "assistant", "modèle", "revisor", "asistente", "modelo", "prüfer", "gutachter", "reviewer", "assistent", "ki-", "ki ")) + tuple(needs for _, _, needs in STEER_MORE)


_NEED_GATES = tuple(None if needs is None else _gate_of(needs) for needs in _NEEDS)


def _prefilter():
    """One linear pass deciding whether a line needs reading at all: a gate word (as written,
    run together, in rot13 or reversed), something encoded, leetspeak, spaced-out letters, or
    any non-ASCII character. RE2 when installed."""
    words = set(STEER_WORDS) | {w.replace(" ", "").replace("'", "") for w in STEER_WORDS}
    words |= {codecs.encode(w, "rot13") for w in _CORE} | {w[::-1] for w in _CORE}
    words |= set(requests.PREFILTER_WORDS) | set(lexicon.PREFILTER_READERS)
    # A word with a non-ASCII letter is passed by [^\x00-\x7f] below.
    parts = [re.escape(w) for w in sorted(words, key=len, reverse=True) if w.isascii()]
    parts += [r"[A-Za-z0-9+/]{24}", r"(?:[0-9a-fA-F]{2}){10}", r"%[0-9a-fA-F]{2}", r"[a-z][0-9@$!|][a-z]",
              r"\\[xuU][0-9a-fA-F{]", r"\\[0-7]{3}\\[0-7]", r"\d\d[,;] ?\d\d+[,;] ?\d\d+[,;] ?\d\d", r"[01]{8}[\s,]+[01]{8}",
              r"&#[xX]?[0-9a-fA-F]{1,6};&#", r"\bai\b",
              r"(?:\b\w[ \t.\-_*]{1,3}){6}", r"[^\x00-\x7f]"]
    parts += list(requests.PREFILTER_PARTS)
    # The rest of the line is taken with the first hit: one match a line, however many hits.
    combined = "(?i)(?:" + "|".join(parts) + ")[^\n]*"
    try:
        import re2

        options = re2.Options()
        options.log_errors = False
        options.never_capture = True
        # Room for the DFA of some thousand words: with RE2's default 8 MB it falls back to a
        # slower engine part of the way (3.5x slower on real code).
        options.max_mem = 32 << 20
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


def _match(text: str, structure: bool = True) -> str | None:
    low = text.lower()
    if _GATE.search(low):
        for (rx, what), needs in zip(STEER, _NEED_GATES):
            if needs is not None and not needs.search(low):
                continue
            if rx.search(text):
                return what
    return _addressed_order(text, low) or requests.addressed_request(text, low, structure)


# However an order is phrased, it names its reader and asks something of the review's outcome.
# The two are read apart: a reader (an AI or automated one, a reviewer in a role-play, or a
# reviewer plainly) anywhere in the text, and a request about the outcome anywhere in it. A
# plain "reviewer" is often a person, so it takes a request in the answer's own terms
# (findings, severity, the answer's format); an AI reader takes any modal request about
# reporting, flagging, approving or skipping.
_AI_READER = re.compile(
    r"\b(?:ai|a\.i\.|llms?|gpt\w*|chatgpt|claude|copilot|gemini|language\s+models?|automated|automatic|machine)\b"
    r"[\w\s,-]{0,30}?\b(?:review\w*|read\w*|assistants?|models?|tools?|bots?|agents?|analy[sz]\w*|scan\w*|checks?|systems?)\b"
    r"|\b(?:review(?:ing)?|code[\s-]review)[\s-]+(?:bots?|tools?|agents?|assistants?|models?|systems?)\b"
    r"|\b(?:pretend|imagine|act\s+as|role-?play|you\s+are\s+now|from\s+now\s+on,?\s+you|stay\s+in\s+character)\b"
    r".{0,80}?\breview\w*", re.I)
_REVIEWER = re.compile(r"\breview(?:ers?|ing)\b|\breview\s+(?:instructions|guidance|policy|notes?)\b", re.I)
_MODAL = (r"(?:must|should|shall|needs?\s+to|ha(?:ve|s)\s+to|(?:are|is)\s+(?:expected|required|asked|supposed|meant)\s+to|"
          r"please|kindly|always|never|do\s+not|don't|must\s+not|should\s+not|shouldn't|asked\s+that|"
          r"(?:would|'d)\s+(?:really\s+)?(?:appreciate|prefer|like)|it\s+would\s+be\s+best|(?:could|can|will|would)\s+you|"
          r"if\s+you\s+(?:could|can|would)|make\s+sure|be\s+sure\s+to)")
# A request in the answer's own terms: enough with any reader.
_OUTCOME_STRONG = re.compile(
    r"\bfindings?\b[^.;]{0,40}?\b(?:must|should|shall|are\s+to|is\s+to|needs?\s+to|to)\s+be\s+"
    r"(?:empty|left\s+out|omitted|dropped|suppressed|skipped|removed|ignored|none|zero|hidden|withheld)"
    r"|\bfindings?\b[^.;]{0,40}?(?<!can\s)(?<!will\s)(?<!may\s)(?<!could\s)(?<!would\s)\bbe\s+(?:left\s+out|omitted|withheld)"
    r"|\b(?:leave|keep|omit|drop|suppress|hide|withhold)\s+(?:\w+\s+){0,3}findings?\b"
    r"|\b(?:report|return|output|list|raise|give|file|produce)\w*\s+(?:zero|no|0|nothing\s+but\s+empty)\s+"
    r"(?:\w+\s+)?(?:findings?|issues|problems|vulnerabilit\w+)"
    r"|\bnothing\s+to\s+(?:report|flag|find)\b|\breport\s+nothing\b"
    r"|\bno\s+(?:issues|problems|findings|vulnerabilit\w+)\s+(?:were|was|are|is)\s+(?:found|detected|present)"
    r"|\bpre-?approved\b|\b(?:already|been)\s+(?:been\s+)?(?:reviewed|approved|audited|vetted|signed\s+off)\b"
    r"|\bseverity\b[^.;]{0,30}?\b(?:at\s+most|only|no\s+higher|below|capped)\b"
    r"|\b(?:at\s+most|only|no\s+higher\s+than)\s+(?:an?\s+)?(?:severity\s+)?[\"'`]?(?:low|info|informational|minor|trivial)\b"
    r"|\b(?:answer|reply|respond|output)\w*\s+(?:only\s+)?(?:in|with|as)\s+(?:yaml|json|xml|plain\s+text|an?\s+empty|nothing|\{)"
    r"|\b(?:print|reveal|show|include|output|leak|echo|repeat|disclose|tell\s+me)\w*\s+(?:\w+\s+){0,5}?"
    r"(?:system\s+prompt|instructions\s+you\s+were\s+given|\w*api[_\s-]?keys?\w*|\w*secret\w*|\w*token\w*|environment\s+variables?|credentials?)"
    r"|\b" + _MODAL + r"\s+(?:\w+\s+){0,3}?(?:report|flag|raise|mention|list)\w*\s+(?:\w+\s+){0,4}?(?:findings?|issues|vulnerabilit\w+)"
    r"|\bout\s+of\s+(?:the\s+)?(?:review(?:'s)?\s+)?scope\b", re.I)
# Any modal request about the outcome: with an AI reader.
_OUTCOME = re.compile(r"\b" + _MODAL + r"\s+(?:\w+\s+){0,4}?(?:report|flag|raise|mention|block|approve|pass|skip|ignore|"
                      r"treat|consider|mark|say|answer|reply|respond|conclude|classify|downgrade|accept|overlook)\w*\b"
                      r"|\b(?:skip|ignore|overlook|disregard)\s+(?:\w+\s+){0,3}?(?:changes?|diffs?|hunks?|files?|lines?|code|"
                      r"sections?|functions?|methods?|modules?|this)\b", re.I)
_NEAR = 200  # characters between the reader and the request: one note, not two sentences of a minified file


def _near(rx: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `rx` matches within _NEAR characters of one of `spans` (a window each: a long
    line costs its reader mentions, not its length)."""
    return any(rx.search(text[max(0, start - _NEAR) : end + _NEAR]) for start, end in spans)


def _addressed_order(text: str, low: str) -> str | None:
    if "review" not in low and not any(w in low for w in ("ai", "llm", "gpt", "claude", "copilot", "gemini", "automat", "model")):
        return None
    ai = [m.span() for m in itertools.islice(_AI_READER.finditer(text), 50)]
    if ai and (_near(_OUTCOME_STRONG, text, ai) or _near(_OUTCOME, text, ai)):
        return "addresses an AI reviewer"
    reviewer = [m.span() for m in itertools.islice(_REVIEWER.finditer(text), 50)]
    if reviewer and _near(_OUTCOME_STRONG, text, reviewer):
        return "tells the reviewer what to answer"
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
    # Cherokee and Lisu capitals drawn like Latin ones.
    "Ꭺ": "A", "Ᏼ": "B", "Ꮯ": "C", "Ꭰ": "D", "Ꭼ": "E", "Ꮐ": "G", "Ꮋ": "H", "Ꭵ": "i", "Ꭻ": "J", "Ꮶ": "K", "Ꮮ": "L",
    "Ꮇ": "M", "Ꮲ": "P", "Ꮪ": "S", "Ꭲ": "T", "Ꮩ": "V", "Ꮃ": "W", "Ꮓ": "Z",
    "ꓮ": "A", "ꓐ": "B", "ꓚ": "C", "ꓓ": "D", "ꓰ": "E", "ꓝ": "F", "ꓖ": "G", "ꓧ": "H", "ꓲ": "I", "ꓙ": "J", "ꓗ": "K",
    "ꓡ": "L", "ꓟ": "M", "ꓠ": "N", "ꓳ": "O", "ꓑ": "P", "ꓣ": "R", "ꓢ": "S", "ꓔ": "T", "ꓴ": "U", "ꓦ": "V", "ꓪ": "W",
    "ꓫ": "X", "ꓬ": "Y", "ꓜ": "Z",
    # Letters as symbols that NFKC keeps: regional indicators, negative circled and squared capitals.
    **{chr(0x1F1E6 + k): chr(0x61 + k) for k in range(26)},
    **{chr(0x1F150 + k): chr(0x41 + k) for k in range(26)},
    **{chr(0x1F170 + k): chr(0x41 + k) for k in range(26)},
})
# Leetspeak: what each character may stand for (1 is i or l: "1nstruct10ns", "411"), the first the likelier.
_LEET_CHOICES = {"0": "o", "1": "il", "2": "z", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g",
                 "@": "a", "$": "s", "!": "il", "|": "li", "+": "t"}
_LEET_TOKEN = re.compile(r"[A-Za-z0-9@$!|+]*[0-9@$!|+][A-Za-z0-9@$!|+]*")
# Characters that render as nothing (or only move the cursor): dropped before reading.
INVISIBLE_CLASS = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                   "\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef")
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE_CLASS}]+")
_B64_RUN = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")
_HEX_RUN = re.compile(r"(?:[0-9a-fA-F]{2}){10,}")
# Character codes (String.fromCharCode(73, 103, ...), chr lists) and 8-bit binary groups.
_CODES_RUN = re.compile(r"\b(?:\d{2,6}\s*[,;]\s*|\d{2,6}\s+){7,}\d{2,6}\b")
_BINARY_RUN = re.compile(r"\b(?:[01]{8}[\s,]*){6,}")
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
    for m in _CODES_RUN.finditer(text):
        codes = [int(c) for c in re.findall(r"\d+", m.group(0))]
        if all(9 <= c < 0x110000 for c in codes):
            s = _text_like("".join(map(chr, codes)).encode("utf-8", "replace"))
            if s:
                out.append(s)
    for m in _BINARY_RUN.finditer(text):
        s = _text_like(bytes(int(b, 2) for b in re.findall(r"[01]{8}", m.group(0))))
        if s:
            out.append(s)
    for m in _HEX_RUN.finditer(text):
        s = _text_like(bytes.fromhex(m.group(0)))
        if s:
            out.append(s)
    if _PERCENT.search(text):
        out.append(urllib.parse.unquote(text))
    unescaped = _unescaped(text)
    if unescaped:
        out.append(unescaped)
    if not text.isascii():
        tags = "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)
        if tags:
            out.append(tags)
        vs = bytes(b for b in (_vs_byte(c) for c in text) if b is not None)
        if len(vs) >= 4:
            out.append(vs.decode("utf-8", "replace"))
    return out


_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
# Escapes that source code and markup spell a character with: \x41 (C, Python), \u0041 and \U00000041
# (JavaScript, Java, JSON, Python), \u{41} (JavaScript, Rust, Swift), \101 (octal), &#65; and &#x41;.
_SOURCE_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3}))"
                            r"|&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
_ESCAPE_BASES = (16, 16, 16, 16, 8, 16, 10)


def _unescaped(text: str) -> str | None:
    """The line with its source escapes written out, where it has a run of them (a few escapes
    in a format string are ordinary; a sentence spelled in escapes is not)."""
    if len(_SOURCE_ESCAPE.findall(text)) < 6:
        return None

    def char(m: re.Match) -> str:
        for digits, base in zip(m.groups(), _ESCAPE_BASES):
            if digits:
                o = int(digits, base)
                return chr(o) if o < 0x110000 and not 0xD800 <= o <= 0xDFFF else m.group(0)
        return m.group(0)

    return _SOURCE_ESCAPE.sub(char, text)



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
        leet = _deleet(norm)
        if leet != norm:
            yield leet
    if _SPACED.search(norm):
        yield _SPACED.sub(lambda m: re.sub(r"[\s.\-_*·]", "", m.group(0)) + " ", norm)
    if _MAYBE_ENCODED.search(text) or not text.isascii():
        for s in _decoded(text):
            yield normalise(s)
    # Strings run together on one line: "Ignore all prior " + "instructions", ["ignore", "all"];
    # only strings next to each other (a few characters of code between), not a whole minified file.
    groups: list[list[str]] = []
    end = None
    for m in itertools.islice(_LITERAL_BODY.finditer(norm), 40):
        if end is not None and m.start() - end <= 12:
            groups[-1].append(m.group(2))
        else:
            groups.append([m.group(2)])
        end = m.end()
    for bodies in groups:
        if len(bodies) >= 2:
            yield "".join(bodies)
            yield " ".join(b.strip() for b in bodies)


def _deleet(text: str) -> str:
    """Leetspeak read as letters. Where a character stands for more than one letter, the word the
    patterns know is taken (the words of the patterns themselves: "411" is "all", "f1nd1n95 1157"
    is "findings list"), else the likelier letter."""
    return _LEET_TOKEN.sub(lambda m: _deleet_word(m.group(0).lower()), text)


@functools.lru_cache(maxsize=4096)
def _deleet_word(token: str) -> str:
    # Cached: code repeats its digit-bearing tokens (utf8, md5, x86_64) line after line, and each
    # costs up to 2**6 vocabulary lookups.
    options = [_LEET_CHOICES.get(c, c) for c in token]
    if sum(len(o) > 1 for o in options) <= 6:
        for letters in itertools.product(*options):
            cand = "".join(letters)
            if cand in _VOCABULARY:
                return cand
    return "".join(o[0] for o in options)


_IDENTIFIER_WORDS = re.compile(r"[a-z][A-Z]|[A-Za-z]_[A-Za-z]|[A-Z]{2}[a-z]|[A-Za-z]{2}[+~.-][A-Za-z]{2,}[+~.-][A-Za-z]{2}")


def words_of_identifiers(text: str) -> str:
    """ignore_previous_instructions, IgnorePreviousInstructions, ignore-previous-instructions,
    ignore.previous.instructions and ignore+previous+instructions read as words."""
    text = re.sub(r"(?<=[A-Za-z0-9])[_+~.-]+(?=[A-Za-z0-9])", " ", text)
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", " ", text)


_MAYBE_ENCODED = re.compile(r"(?:\d{2,6}[\s,;]+){7}|(?:[01]{8}[\s,]*){4}|[A-Za-z0-9+/_\-]{20}|(?:[0-9a-fA-F]{2}){10}|%[0-9a-fA-F]{2}|\\[xuU0-7][0-9a-fA-F{]|&#[xX0-9]")


# A line worth trying ciphers on: letters of several words, Morse, upside-down letters, base32/85.
_CIPHER_GATE = re.compile(r"[A-Za-z]{3,}[^A-Za-z\n]{1,3}[A-Za-z]{3,}[^A-Za-z\n]{1,3}[A-Za-z]{3,}|[.\-]{2,}\s+[.\-]{1,6}\s|[ɐǝɹʇʍʎɥɯɔɟƃ]|[!-~]{20,}")


_COMMENT_MARK = re.compile(r"^\s*(?:#|//|/\*|\*|--|;|<!--)|\s(?:#|//)\s")
# A line with one of these reads as English: no letter cipher to try.
_ENGLISH_WORD = re.compile(r"(?i)\b(?:the|and|to|of|is|in|for|this|that|with|you|it|be|are|on|not|if|we)\b")


def _in_cipher(text: str) -> str | None:
    """An order in a letter cipher, Morse, upside-down letters, base32 or base85 (review/ciphers.py),
    in a line's prose."""
    if not _CIPHER_GATE.search(text):
        return None
    bare = _bare(text)
    for reading, strong in ciphers.readings(bare if bare.isascii() else normalise(bare)):
        what = _match(reading, False)
        if what or strong:
            return (what or "hides an order") + " (in a cipher)"
    return None


def steering(text: str, deep: bool = True) -> str | None:
    """What a steering note on this line does ("asks the reader to ignore its instructions"), or None.
    Not `deep` (lines read together): no decoding, and no fake structure (a comment joined to the
    code after it is not one text)."""
    for reading in readings(text, deep):
        what = _match(reading, deep)
        if what:
            return what
    if deep:
        what = _in_cipher(text)
        if what:
            return what
    # Other languages, as written only (a decoded reading of binary data is any script's letters).
    return lexicon.asked(text)


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


_WIDEST = 6  # lines read together at most: up to three of any length, up to six short ones
_SHORT = 120
_HYPHENATED = re.compile(r"[A-Za-z]-$")


def steering_lines(texts: list[str], breaks: set[int] | frozenset = frozenset()) -> dict[int, str]:
    """{index: what} of the lines that steer, alone or read with the next lines (two more, or five
    more short ones): an
    order split over lines marks every line of it. Lines are joined by their prose (comment text,
    string literals), with a space and without one (a word cut in two: "rev" / "iewer"); never
    across a break (i in `breaks`: line i+1 does not follow line i in the file)."""
    out: dict[int, str] = {}
    hit = _lines_worth_reading(texts)
    for i in sorted(hit):
        what = steering(texts[i])
        if what:
            out[i] = what
    # Lines the prefilter passes over may still hold a cipher: prose, as comments and text carry it.
    for i, t in enumerate(texts):
        if i not in hit and _COMMENT_MARK.search(t) and not _ENGLISH_WORD.search(t):
            what = _in_cipher(t)
            if what:
                out[i] = what
    n = len(texts)
    if n < 2:
        return out
    single = set(out)
    # A window of lines is read only where one of its lines, or the join of two neighbours (a
    # word cut at the line break: "rev" / "iewer"), passes the prefilter.
    seam = _lines_worth_reading([a.rstrip(_EDGE)[-16:] + b.lstrip(_EDGE)[:16] for a, b in zip(texts, texts[1:])])
    starts = sorted({s for j in hit | seam for s in range(j - _WIDEST + 1, j + 1) if 0 <= s < n - 1})
    pieces: dict[int, str] = {}
    prose: dict[int, bool] = {}
    for i in starts:
        for width in range(2, _WIDEST + 1):
            window = range(i, min(i + width, n))
            if width > 3 and any(len(texts[j]) > _SHORT or (_CODE_PUNCTUATION.search(texts[j]) and not _COMMENT_MARK.search(texts[j]))
                                 for j in window):
                break  # more than three lines are read together only when they are short comments or text
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
            # A word hyphenated at the line break ("re-" / "viewer") joined back.
            hyphen = "".join(p.strip()[:-1] if _HYPHENATED.search(p.strip()) else p.strip() + " " for p in parts).strip()
            what = None
            for joined in (spaced, tight) + ((hyphen,) if hyphen != spaced else ()):
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
    if ch == "\u00ad" and before.isalpha() and after.isalpha():
        return True  # a hyphenation point inside a word ("co\u00adoper\u00adate"); still escaped for the model
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
