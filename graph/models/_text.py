"""Text normalisation shared by the offline backend's readers.

Customer messages arrive with curly quotes, contractions, chat abbreviations
and typos. The readers match their word lists against one canonical form:
lower case, contractions expanded, common misspellings corrected, possessive
"'s" dropped, punctuation kept (it marks clauses and exasperation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "first_email",
    "is_negated",
    "normalize",
    "shouted_word_count",
    "shouted_words",
    "stem",
    "within_one_edit",
    "without_emails",
    "words",
]

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)

_WHOLE_CONTRACTIONS = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "it's": "it is",
    "that's": "that is",
    "what's": "what is",
    "there's": "there is",
    "here's": "here is",
    "he's": "he is",
    "she's": "she is",
    "who's": "who is",
    "where's": "where is",
    "how's": "how is",
    "when's": "when is",
}

_SUFFIX_CONTRACTIONS = (
    ("n't", " not"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'ll", " will"),
    ("'d", " would"),
    ("'m", " am"),
    ("'s", ""),
    ("s'", "s"),
)

# Spellings seen in chat: missing apostrophes, abbreviations, frequent typos.
_SPELLINGS = {
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "aint": "is not",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "thats": "that is",
    "whats": "what is",
    "its": "it is",
    "wheres": "where is",
    "theres": "there is",
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "pleeease": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "thks": "thanks",
    "tks": "thanks",
    "ty": "thanks",
    "tysm": "thanks",
    "tyvm": "thanks",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "tomoz": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "wknd": "weekend",
    "wk": "week",
    "rn": "right now",
    "idk": "i do not know",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "lemme": "let me",
    "gimme": "give me",
    "dunno": "do not know",
    "okay": "ok",
    "okey": "ok",
    "okk": "ok",
    "kk": "ok",
    "k": "ok",
    "bday": "birthday",
    "bdy": "birthday",
    "birthdy": "birthday",
    "xmas": "christmas",
    "chrismas": "christmas",
    "cristmas": "christmas",
    "pkg": "package",
    "pckg": "package",
    "pkge": "package",
    "packge": "package",
    "pakage": "package",
    "recieve": "receive",
    "recieved": "received",
    "manger": "manager",
    "managr": "manager",
    "supervsor": "supervisor",
    "terible": "terrible",
    "horible": "horrible",
    "annoyd": "annoyed",
    "anoyed": "annoyed",
    "upsett": "upset",
    "meds": "medication",
    "medicin": "medicine",
    "grad": "graduation",
    "vacay": "vacation",
    "hubby": "husband",
    "convo": "conversation",
    "info": "information",
}

# Distinctive words whose small typos are corrected ("brithday", "weding").
_FUZZY_TARGETS = (
    "birthday",
    "wedding",
    "anniversary",
    "christmas",
    "graduation",
    "funeral",
    "vacation",
    "honeymoon",
    "interview",
    "medication",
    "medicine",
    "prescription",
    "frustrated",
    "frustrating",
    "ridiculous",
    "unacceptable",
    "disappointed",
    "disappointing",
    "outrageous",
    "incompetent",
    "unbelievable",
    "tomorrow",
    "supervisor",
    "representative",
    "deadline",
    "delivered",
    "received",
)


def _by_shape(targets: Iterable[str]) -> dict[tuple[str, int], tuple[str, ...]]:
    """Index targets by first letter and by each length one typo away."""
    index: dict[tuple[str, int], tuple[str, ...]] = {}
    for target in targets:
        for length in (len(target) - 1, len(target), len(target) + 1):
            key = (target[0], length)
            index[key] = (*index.get(key, ()), target)
    return index


_FUZZY = _by_shape(_FUZZY_TARGETS)
_FUZZY_MIN_LENGTH = 5

_TOKEN = re.compile(r"([a-z0-9]+(?:'[a-z]+)*'?)")
_HYPHENATED = {"b-day": "birthday", "x-mas": "christmas"}
_WORD = re.compile(r"[a-z0-9]+")


def _correct(word: str) -> str:
    """Correct one word: known spellings, then a one-edit typo of a key word."""
    spelled = _SPELLINGS.get(word)
    if spelled is not None:
        return spelled
    if len(word) < _FUZZY_MIN_LENGTH:
        return word
    candidates = _FUZZY.get((word[0], len(word)), ())
    if word in candidates:
        return word
    for target in candidates:
        if within_one_edit(word, target):
            return target
    return word


def _expand(token: str) -> str:
    """Expand a contraction or correct a word."""
    if "'" not in token:
        return _correct(token)
    whole = _WHOLE_CONTRACTIONS.get(token)
    if whole is not None:
        return whole
    for suffix, replacement in _SUFFIX_CONTRACTIONS:
        if token.endswith(suffix):
            token = token[: -len(suffix)] + replacement
            break
    return " ".join(_correct(part) for part in token.replace("'", "").split())


def normalize(text: str) -> str:
    """Return `text` in the canonical form the word lists are written against.

    Example: "I'm SO frustrated, it's for my mum's bday!!" becomes
    "i am so frustrated, it is for my mum birthday!!".
    """
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    if "-" in folded:
        for written, meant in _HYPHENATED.items():
            folded = folded.replace(written, meant)
    pieces = _TOKEN.split(folded)
    pieces[1::2] = [_expand(token) for token in pieces[1::2]]
    return " ".join("".join(pieces).split())


def words(text: str) -> list[str]:
    """Split normalised text into its words, dropping punctuation."""
    return _WORD.findall(text)


def stem(word: str) -> str:
    """Reduce an English plural to its singular ("boxes" -> "box")."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("lves", "rves")):
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


_NEGATORS = r"(?:not|no|never|nothing|without|hardly|barely|nor|neither|none)"
# Words that may stand between a negator and what it negates without
# breaking the negation: "not really that upset", "not for any special event".
_TRANSPARENT = (
    r"(?:really|very|that|too|so|all|at|even|particularly|super|overly|exactly"
    r"|actually|terribly|entirely|totally|completely|remotely|in|a|an|the|any"
    r"|for|my|our|his|her|their|this|it|is|was|be|been|being|am|are|feeling"
    r"|getting|of|kind|sort|bit|little|big|particular|specific|special|some"
    r"|such|much|need|needed|want|wanted|to|speak|talk|ask|asking|going|get"
    r"|have|had|one|anything|something|like)"
)
_NEGATED_BEFORE = re.compile(rf"\b{_NEGATORS}(?: {_TRANSPARENT}){{0,5}} ?$")
_NEGATION_REACH = 70


def is_negated(text: str, start: int) -> bool:
    """Whether a negation governs the phrase at `start` of normalised `text`.

    The negator must come right before the phrase, or be separated from it
    only by words that let negation through ("not really that upset");
    punctuation or any other word ends its reach ("not angry, but upset").
    """
    window_start = max(0, start - _NEGATION_REACH)
    return _NEGATED_BEFORE.search(text, window_start, start) is not None


_SHOUT = re.compile(r"\b[A-Z][A-Z']{2,}\b")
_NOT_SHOUTING = frozenset(
    "ASAP UPS USPS DHL DPD TNT FEDEX GLS EMS USA UK EU"
    " PKG SKU ETA EST PST CST GMT UTC FYI BTW LOL PDF"
    " ATM TV ID PIN OK NYC LA APO FPO RSVP CEO HR IT PM AM".split()
)


def shouted_words(text: str) -> list[str]:
    """Words of three or more letters written in capitals, not acronyms."""
    return [word for word in _SHOUT.findall(text) if word not in _NOT_SHOUTING]


def shouted_word_count(text: str) -> int:
    """Count words of three or more letters written in capitals, not acronyms."""
    return len(shouted_words(text))


def within_one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped


# The local part may carry quotes or dots picked up from the sentence around
# it; they are trimmed. The domain ends in a letters-only top-level label, so
# trailing punctuation ("ada@example.com.") is never part of a match.
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}"
)
_EMAIL_EDGE = ".'-"


def first_email(text: str) -> str | None:
    """The first email address in `text` as written, without surrounding marks.

    Example: "mailto:<Ada@Example.com>." gives "Ada@Example.com".
    """
    for match in _EMAIL.finditer(text):
        local, _, domain = match.group(0).partition("@")
        local = local.strip(_EMAIL_EDGE)
        if local:
            return f"{local}@{domain}"
    return None


def without_emails(text: str) -> str:
    """`text` with its email addresses blanked, so their digits are not read."""
    return _EMAIL.sub(" ", text)
