"""Orders written in a cipher a model reads without help: letter shifts (every Caesar shift,
rot13 among them), atbash, words in reverse order, pig latin, upside-down letters, Morse code,
base32 and base85.

Trying a cipher on every line would find words in noise, so a decoded reading is offered to the
patterns only where it is more of an order than the line as written: it holds at least two of
the words orders are made of (ignore, instructions, approve, findings, reviewer...) that the
raw text does not. Only lines of prose that read as no English (few English function words) are
tried, and each cipher only where its own cheap test says it could apply.
"""
from __future__ import annotations

import base64
import binascii
import re

ORDER_WORDS = frozenset("""
ignore disregard forget previous prior above earlier instructions instruction rules prompt system approve approved
approval findings finding reviewer reviewers review report issues issue vulnerabilities severity safe secure skip
summary summarize summarise only low info empty merge lgtm flag mention trusted audited verified reply respond answer
output return model assistant bot ai llm
""".split())
_ENGLISH_FUNCTION = frozenset("the a an to is are this that of for in on it be and or not with you your we as at by from".split())
_WORD = re.compile(r"[a-z]+")
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_SHIFTS = [str.maketrans(_LOWER, _LOWER[k:] + _LOWER[:k]) for k in range(1, 26)]
_ATBASH = str.maketrans(_LOWER, _LOWER[::-1])
_FLIPPED = str.maketrans({"ɐ": "a", "ǝ": "e", "ı": "i", "ɹ": "r", "ʇ": "t", "ʌ": "v", "ʍ": "w", "ʎ": "y", "ɥ": "h",
                          "ɯ": "m", "ɔ": "c", "ɟ": "f", "ƃ": "g", "ɾ": "j", "ʞ": "k", "ן": "l", "∩": "u", "ʃ": "l",
                          "q": "b", "b": "q", "d": "p", "p": "d", "n": "u", "u": "n", "ː": ":", "¡": "!", "¿": "?",
                          "˙": ".", "'": ",", ",": "'"})
_MORSE = {".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g", "....": "h", "..": "i",
          ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n", "---": "o", ".--.": "p", "--.-": "q", ".-.": "r",
          "...": "s", "-": "t", "..-": "u", "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z",
          "-----": "0", ".----": "1", "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6",
          "--...": "7", "---..": "8", "----.": "9", ".-.-.-": ".", "--..--": ",", "---...": ":"}
_MORSE_RUN = re.compile(r"(?:[.\-\u2022\u2013\u2014_]{1,6}(?:\s+|\s*/\s*)){5,}[.\-\u2022\u2013\u2014_]{1,6}")
_B32_RUN = re.compile(r"\b[A-Z2-7]{16,}={0,6}")
# Ascii85 (Adobe's, "!" to "u") and base85 (RFC 1924, Python's b85: letters, digits, 23 signs).
_B85_RUN = re.compile(r"<~[!-u\s]{10,}~>|[!-u]{20,}|[0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]{20,}")


def _shape(word: str) -> tuple[int, ...]:
    """What a letter shift keeps of a word: its length and the steps between its letters."""
    return tuple((ord(b) - ord(a)) % 26 for a, b in zip(word, word[1:]))


_SHAPES: dict[tuple[int, ...], list[str]] = {}
for _w in ORDER_WORDS:
    if len(_w) >= 3:
        _SHAPES.setdefault(_shape(_w), []).append(_w)


def _likely_shifts(words: list[str]) -> tuple[list[int], bool]:
    """The letter shifts under which two words of the line become order words, and whether
    atbash makes two: one pass over the words instead of 26 decodings."""
    votes: dict[int, int] = {}
    atbash = 0
    for t in set(words):
        if len(t) < 3:
            continue
        for w in _SHAPES.get(_shape(t), ()):
            k = (ord(w[0]) - ord(t[0])) % 26
            if k:
                votes[k] = votes.get(k, 0) + 1
        if t.translate(_ATBASH) in ORDER_WORDS:
            atbash += 1
    return [k for k, n in votes.items() if n >= 2], atbash >= 2


def _order_words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) & ORDER_WORDS


def _pig_latin(word: str) -> str:
    if not word.endswith("ay") or len(word) < 4:
        return word
    stem = word[:-2]
    if stem.endswith("w") and stem[:-1] in ORDER_WORDS:
        return stem[:-1]
    for k in (1, 2, 3):
        cand = stem[-k:] + stem[:-k]
        if cand in ORDER_WORDS:
            return cand
    return stem[:-1] if stem.endswith("w") else stem[-1:] + stem[:-1]


def _text_like(raw: bytes) -> str | None:
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return s if len(s) >= 8 and " " in s and sum(c.isprintable() for c in s) >= 0.9 * len(s) else None


def _decoded_runs(text: str):
    for m in _B32_RUN.finditer(text):
        run = m.group(0)
        try:
            s = _text_like(base64.b32decode(run + "=" * (-len(run) % 8)))
        except (binascii.Error, ValueError):
            s = None
        if s:
            yield s
    if any(c in text for c in "!\"#$&()*;<>@[]^`{|}~"):
        for m in _B85_RUN.finditer(text):
            run = m.group(0)
            for decode in (base64.b85decode, lambda r: base64.a85decode(r, adobe=r.startswith("<~"))):
                try:
                    s = _text_like(decode(run))
                except (binascii.Error, ValueError):
                    s = None
                if s:
                    yield s
                    break


def readings(text: str) -> list[tuple[str, bool]]:
    """Decoded readings of the line that say more of an order than the line does, each with
    whether it says so much (three words of an order the line does not show) that it is one."""
    raw = _order_words(text)
    out = []

    def offer(cand: str) -> None:
        new = len(_order_words(cand) - raw)
        if new >= 2:
            out.append((cand, new >= 3))

    for s in _decoded_runs(text):
        offer(s)
    if any(c in text for c in "ɐǝɹʇʍʎɥɯɔɟƃ"):
        offer(text.translate(_FLIPPED)[::-1])
    for m in _MORSE_RUN.finditer(text):
        letters = []
        for word in re.split(r"\s*/\s*|\s{2,}", m.group(0).replace("\u2022", ".").replace("\u2013", "-")
                             .replace("\u2014", "-").replace("_", "-")):
            letters.append("".join(_MORSE.get(code, "") for code in word.split()))
        offer(" ".join(letters))
    low = text.lower()
    words = _WORD.findall(low)
    if len(words) >= 3 and sum(w in _ENGLISH_FUNCTION for w in words) < max(2, len(words) // 5):
        if sum(w.endswith("ay") for w in words) >= max(2, len(words) // 2):
            offer(" ".join(_pig_latin(w) for w in words))
        if text.isascii():
            shifts, atbash = _likely_shifts(words)
            for k in shifts:
                offer(low.translate(_SHIFTS[k - 1]))
            if atbash:
                offer(low.translate(_ATBASH))
    tokens = re.findall(r"[A-Za-z][\w'-]*", text)
    if len(raw) >= 2 and 4 <= len(tokens) <= 40 and tokens[-1][0].isupper() and not tokens[0][0].isupper():
        # Words in reverse order (a sentence's capital last): the same words read the other way
        # round, not an order by themselves.
        out.append((" ".join(reversed(re.findall(r"\S+", text))), False))
    return out
