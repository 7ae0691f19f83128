"""A request about the review, addressed to its reader: the grammar behind `reviewer-directed-text`
for orders that are not fixed phrasings.

An order to a reviewer model has two parts however it is worded: a reader (an AI or automated
reviewer named, a reviewer addressed directly, "you" in the terms of a review) and a request about
what the review does (its verdict, its findings, their severity, its scope, the answer's shape,
what it discloses). Each part is a small grammar of its own here; a line is an order when it holds
both within one note, or a request that only a review answer can mean ("emit zero findings",
"respond with the single word LGTM").

A request alone in other words ("skip this file", "approve once CI passes") is ordinary talk
between people, and a reader alone ("the AI reviewer runs on every push") is documentation: both
are needed, within _NEAR characters of each other.
"""
from __future__ import annotations

import re

_W = r"(?:[\w'-]+\s+)"  # one word and the space after it

# ------------------------------------------------------------------ readers

# An AI or automated reader, by name or by kind.
AI_READER = re.compile(
    r"\b(?:ai|a\.i\.|llms?|gpt[\w.-]*|chatgpt|claude|copilot|gemini|codex|mistral|llama|"
    r"(?:large\s+)?language\s+models?|neural\s+(?:net\w*|models?))\b"
    r"|\b(?:automated|automatic|auto|machine|robotic)[\s-]+(?:[\w-]+[\s-]+){0,3}?"
    r"(?:review\w*|read\w*|tools?|bots?|analy[sz]\w*|scann\w*|checks?|checkers?|systems?|agents?|assistants?|models?|gates?)\b"
    r"|\b(?:review(?:er|ing)?|code[\s-]review|analysis|scanning|security)[\s_-]+(?:bots?|tools?|agents?|assistants?|models?|systems?|engines?|ai|llm)\b"
    r"|\b(?:bots?|assistants?|agents?)\b(?=[^.;]{0,60}\b(?:review|diff|findings?|code|pr|change|patch|file)\b)"
    r"|\b(?:if\s+you\s+are|whoever|anyone|anything|any\s+(?:tool|system|model|program))\b[^.;]{0,40}?"
    r"\b(?:reading|reviewing|analy[sz]ing|scanning|processing|parsing|auditing)\b"
    r"|\b(?:pretend|imagine|act\s+as|role-?play|you\s+are\s+now|from\s+now\s+on,?\s+you|stay\s+in\s+character)\b",
    re.I)

# A reviewer addressed directly: "Reviewer:", "Dear reviewer,", "Note to the reviewer -", "@reviewer".
VOCATIVE = re.compile(
    r"(?:^|[^\w\s]\s*|\b(?:dear|hey|hi|hello|attention|to|for|note\s+(?:to|for)|message\s+(?:to|for)|"
    r"instructions?\s+(?:to|for)|reminder\s+(?:to|for)|warning\s+(?:to|for))\s+(?:the\s+|all\s+|any\s+|our\s+)?)"
    r"(?:code\s+|security\s+)?review(?:ers?|\s+bot)\b\s*[:,\-\u2013\u2014]"
    r"|@review\w*"
    r"|^\W{0,6}(?:code\s+|security\s+)?reviewers?\b[,:]?\s+(?=(?:please|kindly|you|do\s+not|don't|never|only|just|skip|ignore|treat|"
    r"report|classify|mark|approve|focus|return|respond|answer|say|merge|quote|print|list|note)\b)",
    re.I | re.M)

# "you" in the terms of a review: the reader is whoever writes the answer.
YOU_REVIEWING = re.compile(
    r"\byour\s+(?:only\s+)?(?:review|answer|response|reply|output|findings?|verdict|report|analysis|summary|assessment|"
    r"comments?|instructions?|system\s+prompt)\b"
    r"|\b(?:this|the)\s+(?:code\s+)?review\s+(?:request|task|prompt)\b"
    r"|\bif\s+you\s+(?:flag|report|find|review|see|notice|spot|raise|detect)\b"
    r"|\byou\s+(?:are\s+)?(?:reviewing|analy[sz]ing|scanning|auditing|reading\s+this)\b"
    r"|\byou\s+are\s+(?:running|being\s+(?:run|evaluated|tested|benchmarked)|operating|deployed|executing)\b"
    r"|\bthe\s+reviewer\b",
    re.I)

# ------------------------------------------------------------------ requests about the review

_NEG = r"(?:do\s+not|don't|dont|never|must\s+not|mustn't|should\s+not|shouldn't|not\s+to|no\s+need\s+to|needn't|need\s+not|without|refrain\s+from|avoid)"
_REPORTING = (r"(?:flag|report|mention|rais|comment(?:\s+on)?|list|includ|produc|evaluat|review|analy[sz]|scan|inspect|audit|block|"
              r"critici[sz]|point(?:ing)?\s+out|call(?:ing)?\s+out|nitpick|complain|warn|escalat)\w*")
_FINDINGS = r"(?:findings?|issues?|problems?|vulnerabilit\w+|concerns?|warnings?|review\s+comments?|remarks|objections|bugs)"
_LOW = (r"(?:info|informational|low|minor|trivial|nits?|nitpicks?|cosmetic|none|note|notice|false[\s-]+positives?|won'?t[\s-]*fix|"
        r"acceptable|intended|intentional|expected|safe|benign|harmless|by[\s-]+design|ok|fine)")

# What a reader is asked to do to the review: each alternative is in the review's own terms.
REQUEST = re.compile(
    # the verdict
    r"\b(?:approve|approving|approval|lgtm|sign(?:ing)?\s+off|rubber[\s-]?stamp|green[\s-]?light|thumbs[\s-]up)\b"
    r"|\b(?:let|allow)\s+(?:it|this|them|the\s+\w+)\s+(?:pass|through|slide|go)\b"
    r"|\b(?:pass|accept)\s+(?:it|this|the\s+(?:change|diff|pr|patch|commit|file))\b"
    r"|\b(?:say|answer|respond|reply|conclude|state|declare|write|output|verdict\s*(?:is|:|=))\s+(?:with\s+|that\s+|only\s+|just\s+)*"
    r"(?:the\s+(?:single\s+)?word\s+|[\"'`])?(?:lgtm|approved?|safe|secure|pass(?:ed)?|clean|no\s+issues|looks\s+good|fine)\b"
    r"|\b(?:this|the|these|my|our)\s+(?:\w+\s+)?(?:change|diff|code|pr|patch|commit|file|module|function|method|class|hunk|"
    r"handler|endpoint|package|query|section|block|line)s?\s+(?:is|are|was|were)\s+(?:\w+\s+)?"
    r"(?:safe|secure|verified|trusted|vetted|harmless|approved|reviewed)\b"
    # the findings
    r"|\b(?:zero|no|0|empty|blank|nil|null)\s+(?:\w+\s+)?" + _FINDINGS + r"\b"
    r"|\b" + _FINDINGS + r"\s*(?:[:=]\s*(?:\[\s*\]|none|0|null|nil)|(?:list\s+)?(?:empty|none))"
    r"|\b(?:output|print|say|write|return|emit|produce|report|answer|respond\s+with)\s+nothing\b|\bnothing\s+to\s+(?:report|flag|find|see)\b"
    r"|\b" + _NEG + r"\s+(?:\w+\s+){0,2}?" + _REPORTING + r"\b"
    r"|\bnot\s+(?:to\s+)?(?:be\s+)?(?:flagged|reported|raised|mentioned|reviewed|listed|scanned|checked|analy[sz]ed|audited|evaluated)\b"
    r"|\b(?:needs?|requires?|deserves?|merits?)\s+no\s+(?:\w+\s+)?(?:review|findings?|comments?|scrutiny|analysis|checks?|attention)\b"
    r"|\bno\s+(?:\w+\s+)?(?:review|scrutiny|analysis|checks?)\s+(?:is\s+)?(?:needed|required|necessary)\b"
    r"|\b" + _FINDINGS + r"\b[^.;]{0,40}?\b(?:are|is|will\s+be|get|be)\s+(?:discarded|ignored|dropped|thrown\s+away|not\s+needed|"
    r"unnecessary|pointless|unwanted|omitted)\b"
    r"|\b(?:leave|keep|omit|drop|suppress|hide|withhold|remove|delete)\s+(?:\w+\s+){0,3}?" + _FINDINGS + r"\b"
    # their severity
    r"|\b(?:classify|rate|rank|mark|label|tag|report|treat|score|file|log|record|downgrade|lower|reduce|cap|set|count|regard|consider)\w*"
    r"\s+(?:[\w'-]+\s+){0,5}?(?:as|to|at|with|under|like)\s+(?:an?\s+|the\s+)?(?:severity\s+)?[\"'`]?" + _LOW + r"\b"
    r"|\b(?:downgrade|lower|reduce|cap|limit|minimi[sz]e|soften)\w*\s+(?:\w+\s+){0,3}?(?:severity|severities|priority|rating|findings?|risk)\b"
    r"|\bseverity\b[^.;]{0,30}?\b(?:info|informational|low|minor|nit|none|zero|lowest)\b"
    # its scope
    r"|\b(?:only|just|solely|exclusively|merely)\s+(?:\w+\s+){0,2}?(?:summari[sz]\w*|describe|comment\s+on|check|look\s+at|focus\s+on|"
    r"report\s+on|mention|style|naming|formatting|typos?|spelling|cosmetic\w*|readability|docs?|documentation|whitespace)\b"
    r"|\b(?:summar(?:y|ies|i[sz]\w*)|descri\w+|style|naming|formatting|typos?|cosmetics?|readability|spelling|grammar|whitespace)"
    r"\s+(?:\w+\s+){0,3}?only\b"
    r"|\b(?:skip|ignore|exclude|omit|overlook|bypass|disregard|pass\s+over|gloss\s+over|look\s+past|turn\s+a\s+blind\s+eye\s+to)\s+"
    r"(?:\w+\s+){0,3}?(?:security|review|checks?|analysis|audit|scan|file|function|method|class|module|section|block|code|diff|change|"
    r"hunk|lines?|this|below|above|vulnerabilit\w*|credentials?|secrets?|keys?|tokens?|passwords?|findings?|issues?)\b"
    r"|\b(?:out\s+of|outside(?:\s+of)?|removed\s+from|excluded\s+from|exempt(?:ed)?\s+from|not\s+(?:in|part\s+of))\s+(?:the\s+|this\s+|your\s+)?"
    r"(?:review|audit|security)?(?:'s)?\s*(?:scope|review)\b"
    r"|\bfocus\s+(?:your|the|all)\s+(?:\w+\s+)?(?:findings?|review|attention|comments?|analysis|effort)\s+on\b"
    r"|\b(?:acknowledge|confirm|note\s+it)\s+and\s+(?:move\s+on|continue|proceed|approve|carry\s+on)\b"
    # the answer's shape
    r"|\b(?:respond|reply|answer)\w*\s+(?:to\s+(?:this|the)\s+(?:\w+\s+){0,2})?(?:only\s+)?with\b"
    r"|\byour\s+(?:only\s+)?(?:answer|response|reply|output|task|job)\s+(?:is|must|should|will|shall)\b"
    r"|\b(?:merge|combine|collapse|fold|consolidate|squash|group)\s+(?:\w+\s+){0,3}?" + _FINDINGS + r"\b"
    r"|\b(?:report|file|attribute|assign|move|put|attach)\s+(?:\w+\s+){0,5}?(?:against|to|on|under)\s+(?:line\s+\d+|another\s+file|"
    r"a\s+different\s+file|\S+\.(?:md|txt|rst|cfg))\b"
    # what it discloses
    r"|\b(?:print|reveal|show|include|output|leak|echo|repeat|disclose|quote|paste|dump|list|tell\s+me|send)\w*\s+(?:\w+\s+){0,6}?"
    r"(?:system\s+prompt|(?:your|the)\s+instructions|prompt\s+you|\w*api[_\s-]?keys?\w*|secrets?|tokens?|passwords?|"
    r"environment\s+variables?|credentials?|env\s+vars?)\b"
    # the rules it reads by
    r"|\b(?:developer|god|admin|debug|jailbreak|jailbroken|unrestricted|maintenance|dan)\s+mode\b"
    r"|\b(?:obey|follow|comply\s+with|honou?r|respect)\s+(?:\w+\s+){0,3}?(?:comments?|notes?|annotations?|markers?|tags?)\b"
    r"|\b(?:already|previously|been|formally)\s+(?:\w+\s+){0,2}?(?:reviewed|audited|approved|vetted|signed\s+off|cleared|"
    r"pen-?tested|allowlisted|whitelisted|verified)\b"
    r"|\b(?:passed|cleared)\s+(?:a|an|the|our|its)\s+(?:\w+\s+){0,2}?(?:audit|review|pentest|penetration\s+test|assessment)\b"
    r"|\bpre-?(?:approved|audited|reviewed|vetted|cleared)\b"
    # a penalty for reviewing: "flagging this file violates the licence"
    r"|\b(?:flagging|reporting|blocking|rejecting|criticizing|commenting\s+on)\s+(?:this|these|the|it|any)\b[^.;]{0,50}?"
    r"\b(?:violates?|breach\w*|forbidden|prohibited|not\s+(?:allowed|permitted)|(?:will|would)\s+be\s+(?:reported|penali[sz]ed|punished))",
    re.I)

# Requests no text but an order to a review model makes: enough without a reader.
ANSWER_ONLY = re.compile(
    r"\b(?:emit|produce|return|output|report|raise|give|generate)\s+(?:exactly\s+)?(?:zero|no|0)\s+(?:\w+\s+)?findings\b"
    r"|\b(?:respond|reply|answer)\w*\s+(?:to\s+this\s+(?:code\s+)?review\b[^.;]{0,30}?)?(?:only\s+)?with\s+(?:only\s+)?"
    r"(?:the\s+(?:single\s+)?word\s+|a\s+single\s+)?[\"'`]?(?:lgtm|approved?)\b"
    r"|\b(?:needs?|requires?)\s+no\s+(?:security\s+)?review\b"
    r"|\b(?:removed|excluded|exempt(?:ed)?)\s+from\s+(?:the\s+)?(?:code\s+|security\s+)?review(?:\s+scope)?\b"
    r"|\b(?:reviewer|review)[_\s-]?(?:mode|verdict|decision|threshold|override)\s*[:=]\s*[\"'`]?(?:approve|pass|skip|none|off|lgtm)"
    r"|^\W{0,6}(?:please\s+)?review\s+(?:[\w,]+\s+){0,4}?only\b"
    r"|\bseverity[_\s-]?threshold\s*[:=]\s*[\"'`]?(?:none|off|info|critical)",
    re.I)

NEAR = 200  # characters between a reader and its request: one note, not two sentences of a minified file

GATE_WORDS = (
    "review", "ai", "llm", "gpt", "claude", "copilot", "gemini", "codex", "model", "bot", "assistant", "agent", "automat",
    "machine", "pretend", "imagine", "act as", "role", "you", "whoever", "anyone", "anything", "findings",
)


# What the line prefilter must pass for this grammar to be asked ("ai" is passed as a word there).
PREFILTER_WORDS = ("review", "automat", "you", "whoever", "anyone", "pretend", "imagine", "role-play", "roleplay", "act as",
                   "lgtm", "claude", "copilot", "gemini", "codex")


def _near(rx: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> bool:
    return any(rx.search(text[max(0, start - NEAR): end + NEAR]) for start, end in spans)


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    out = []
    for m in rx.finditer(text):
        out.append(m.span())
        if len(out) >= 50:
            break
    return out


def addressed_request(text: str, low: str) -> str | None:
    """What an order to the review's reader on this text does, or None."""
    if not any(w in low for w in GATE_WORDS):
        return None
    if ANSWER_ONLY.search(text):
        return "tells the reviewer what to answer"
    for rx, what in ((AI_READER, "addresses an AI reviewer"), (VOCATIVE, "tells the reviewer what to answer"),
                     (YOU_REVIEWING, "tells the reviewer what to answer")):
        spans = _spans(rx, text)
        if spans and _near(REQUEST, text, spans):
            return what
    return None
