"""The stemmer: ``stem`` turns a word into its dictionary form ("troops" → "troop", "died" and
"dead" → "die", "estimated" → "estimate", "people" → "person"). Keyword search indexes
passages with it; ``lemma``, the key figures compare words by, is ``stem`` with a final "e"
folded away, so that stems the suffix rules restore unevenly ("releas" from "released",
"release" from "release") still meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Irregular past participles and past tenses → lemma (regular ones are handled by suffix rules).
IRREGULAR = {
    # Too short for the -ed / -ing rules: "axed" and "axing" are "axe".
    "axed": "axe",
    "axing": "axe",
    "born": "bear",
    "cast": "cast",
    "borne": "bear",
    "built": "build",
    "sent": "send",
    "held": "hold",
    "made": "make",
    "begun": "begin",
    "began": "begin",
    "won": "win",
    "become": "become",
    "became": "become",
    "lost": "lose",
    "left": "leave",
    "fled": "flee",
    "hurt": "hurt",
    "struck": "strike",
    "stricken": "strike",
    "hit": "hit",
    "dead": "die",
    "died": "die",
    "dying": "die",
    "slain": "slay",
    "fallen": "fall",
    "fell": "fall",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "broke": "break",
    "broken": "break",
    "brought": "bring",
    "bought": "buy",
    "sold": "sell",
    "paid": "pay",
    "spent": "spend",
    "taken": "take",
    "took": "take",
    "given": "give",
    "gave": "give",
    "found": "find",
    "flown": "fly",
    "flew": "fly",
    "drawn": "draw",
    "driven": "drive",
    "seen": "see",
    "saw": "see",
    "shot": "shoot",
    "caught": "catch",
    "kept": "keep",
    "met": "meet",
    "led": "lead",
    "fought": "fight",
    "thrown": "throw",
    "written": "write",
    "wrote": "write",
    "chosen": "choose",
    "done": "do",
    "did": "do",
    "gone": "go",
    "went": "go",
    "come": "come",
    "came": "come",
    "run": "run",
    "ran": "run",
    "set": "set",
    "put": "put",
    "cut": "cut",
    "shut": "shut",
    "quit": "quit",
    "laid": "lay",
    "said": "say",
    "told": "tell",
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "lives": "life",
    "personnel": "personnel",
    "staff": "staff",
    "casualties": "casualty",
    "injuries": "injury",
    "fatalities": "fatality",
    "bodies": "body",
    "families": "family",
    "countries": "country",
    "cities": "city",
    "armies": "army",
    "data": "data",
    "news": "news",
    "series": "series",
    "species": "species",
    "analysis": "analysis",
    "crisis": "crisis",
    "aircraft": "aircraft",
    "police": "police",
    "press": "press",
}
# Words ending in -ed/-ing/-s that are not inflections.
NOT_INFLECTED = frozenset(
    """hundred red bed need feed seed speed shed bleed breed greed deed weed wed creed
    indeed naked sacred wicked kindred beloved crooked rugged ragged wretched learned
    during nothing something anything everything thing morning evening ring king
    spring string sing wing bring ceiling building meeting briefing ongoing warning
    funding housing bus gas yes this his its has was
    is us thus plus bias news series species process success access less unless across
    always perhaps towards afterwards percent various previous famous serious
    analysis crisis basis status census campus virus bonus chaos""".split()
)


# Words whose final "e" tells them from another word: a plane is not a plan.
_KEEP_E = frozenset({"plane"})


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """``stem`` with a final "e" removed, so that "released", "release" and "releasing" all
    read "releas"."""
    w = stem(word)
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee") and w not in _KEEP_E:
        return w[:-1]
    return w


def written(word: str) -> str:
    """The word as written, lower-cased, without a possessive: "Troops’" → "troops"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        return w[:-2]
    if w.endswith("s'"):
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Lower case, possessive and one inflection removed, irregular forms looked up:
    "troops'" → "troop", "cities" → "city", "dropped" → "drop", "left" → "leave"."""
    w = written(word)
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w in NOT_INFLECTED or len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("ing") and len(w) > 5:
        return _undouble(w[:-3])
    if w.endswith("ed") and len(w) > 4:
        return _undouble(w[:-2])
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_E_ENDINGS = re.compile(
    r"(?:[^aeiou][aeiou][bcdfgkmprtvz]|[^aeious]s|at|ut|iz|ur|rg|dg|rv|lv|uc|ac)$"
)


def _undouble(stem: str) -> str:
    """The verb under an -ed/-ing stem: "killed" → "kill", "dropped" → "drop",
    "injured" → "injure", "estimated" → "estimate"."""
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        return stem
    if stem.endswith(("ur", "at", "iz", "us", "ut", "rg", "dg", "rv", "lv", "uc", "ac", "ag")):
        return stem + "e"
    if _E_ENDINGS.search(stem) and not stem.endswith(("en", "er", "on", "ow", "ay", "ey", "or")):
        return stem + "e"
    return stem
