"""Small, topic-neutral English word classes (words are compared by ``retrieval.text.stems``).

Everything here is general English: function words, number words, months, qualifiers,
and a handful of synonym classes of the verbs and nouns news reports count with ("died",
"fatalities" and "death toll" all count deaths). Nothing names a place, actor or event.
"""

from __future__ import annotations

from retrieval.text.stems import IRREGULAR, NOT_INFLECTED, lemma

# --- numbers -----------------------------------------------------------------------------------

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales written straight after digits or a space: "$25m", "1.2bn", "40k".
SCALE_ABBREVIATIONS = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
}

# Fractions that state a share: "one-third", "a quarter", "two-thirds", "half".
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}


# --- qualifiers ----------------------------------------------------------------------------------

# Each qualifier maps to how it bounds the number: "lower" (more than), "upper" (nearly),
# "approx" (about), "atmost" (up to, no lower bound) and "atleast".
QUALIFIERS: dict[tuple[str, ...], str] = {}


def _q(kind: str, *phrases: str) -> None:
    for phrase in phrases:
        QUALIFIERS[tuple(phrase.split())] = kind


_q(
    "lower",
    "more than",
    "over",
    "above",
    "in excess of",
    "upwards of",
    "upward of",
    "exceeded",
    "exceeds",
    "exceed",
    "exceeding",
    "surpassed",
    "surpasses",
    "surpass",
    "surpassing",
    "topped",
    "greater than",
    "higher than",
    "well over",
    "well in excess of",
    "well above",
    "just over",
    "more then",
    "north of",
    "a little over",
    "slightly more than",
)
_q("atleast", "at least", "no fewer than", "no less than", "a minimum of", "not less than")
_q(
    "upper",
    "nearly",
    "almost",
    "close to",
    "just under",
    "just below",
    "just short of",
    "not quite",
    "approaching",
    "short of",
    "the best part of",
    "getting on for",
    "a little under",
)
_q(
    "atmost",
    "up to",
    "under",
    "below",
    "less than",
    "fewer than",
    "at most",
    "no more than",
    "as many as",
    "as much as",
    "a maximum of",
)
_q(
    "approx",
    "about",
    "approximately",
    "approx",
    "around",
    "some",
    "roughly",
    "an estimated",
    "estimated",
    "circa",
    "c.",
    "ca.",
    "approx.",
    "reportedly",
    "almost exactly",
    "in the region of",
    "on the order of",
    "or so",
    # A second party's count beside the first's: "the union put it closer to 2,000".
    "closer to",
    "nearer to",
    "nearer",
    "more like",
)
QUALIFIER_MAX_WORDS = max(len(k) for k in QUALIFIERS)

# How the label of a merged claim names each kind of qualifier.
QUALIFIER_LABELS = {
    "lower": "more than",
    "atleast": "at least",
    "upper": "nearly",
    "atmost": "up to",
    "approx": "about",
}

# --- calendar ----------------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Season → (first month, last month); winter is taken at the start of the year.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 12),
}
# "early 2023" → its first third, "mid-" the middle, "late" the last.
PARTS = {
    "early": (0.0, 1 / 3),
    "beginning": (0.0, 1 / 6),
    "start": (0.0, 1 / 6),
    "mid": (1 / 3, 2 / 3),
    "middle": (1 / 3, 2 / 3),
    "late": (2 / 3, 1.0),
    "end": (5 / 6, 1.0),
}
RELATIVE_PERIODS = frozenset(
    "year month week weekend day quarter decade spring summer fall autumn winter".split()
)
RELATIVE_WORDS = frozenset("last past previous this current next following coming".split())
ERA_BC = frozenset({"bc", "bce", "b.c.", "b.c.e."})
ERA_AD = frozenset({"ad", "ce", "a.d.", "c.e."})
# Words that put an estimate before the others in time.
EARLIER_WORDS = frozenset(
    "earlier initially previously originally first prior initial previous early".split()
)

# --- units ---------------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees"}
CURRENCY_CODES = {
    "usd": "dollars",
    "us$": "dollars",
    "eur": "euros",
    "gbp": "pounds",
    "jpy": "yen",
    "inr": "rupees",
    "cny": "yuan",
    "rmb": "yuan",
    "chf": "francs",
    "cad": "dollars",
    "aud": "dollars",
    "nzd": "dollars",
    "hkd": "dollars",
    "sgd": "dollars",
    # Nordic crowns: "Kr 64m", "SEK 2.1bn", "NOK 300 million".
    "kr": "kronor",
    "sek": "kronor",
    "nok": "kroner",
    "dkk": "kroner",
    "pln": "zloty",
    "zar": "rand",
}
CURRENCY_WORDS = {
    "dollar": "dollars",
    "dollars": "dollars",
    "euro": "euros",
    "euros": "euros",
    "pound": "pounds",
    "pounds": "pounds",
    "sterling": "pounds",
    "yen": "yen",
    "yuan": "yuan",
    "rupee": "rupees",
    "rupees": "rupees",
    "franc": "francs",
    "francs": "francs",
    "peso": "pesos",
    "pesos": "pesos",
    "ruble": "rubles",
    "rubles": "rubles",
    "rouble": "rubles",
    "roubles": "rubles",
    "won": "won",
    "krona": "kronor",
    "kronor": "kronor",
    "krone": "kroner",
    "kroner": "kroner",
    "zloty": "zloty",
    "escudo": "escudos",
    "escudos": "escudos",
    "lira": "lira",
    "lire": "lira",
    "dinar": "dinars",
    "dinars": "dinars",
    "dirham": "dirhams",
    "dirhams": "dirhams",
    "riyal": "riyals",
    "riyals": "riyals",
    "shekel": "shekels",
    "shekels": "shekels",
    "baht": "baht",
    "ringgit": "ringgit",
    "rupiah": "rupiah",
    "forint": "forints",
    "forints": "forints",
    "koruna": "koruna",
    "hryvnia": "hryvnia",
    "naira": "naira",
    "shilling": "shillings",
    "shillings": "shillings",
    "guilder": "guilders",
    "guilders": "guilders",
    "drachma": "drachmas",
    "drachmas": "drachmas",
    "peseta": "pesetas",
    "pesetas": "pesetas",
    "ducat": "ducats",
    "ducats": "ducats",
    "florin": "florins",
    "florins": "florins",
    "thaler": "thalers",
    "thalers": "thalers",
}
# Currencies' signs written as short words before a sum ("Mk 4.6m"), by the name their sums
# are shown under, so that "Mk 4m" and "four million marks" are one currency. A sign not here
# is shown as written (``numbers.currency_signs`` finds them).
CURRENCY_SIGNS = {
    "mk": "marks",
    "esc": "escudos",
    "rs": "rupees",
    "ksh": "shillings",
    "sh": "shillings",
    "tk": "taka",
    "rp": "rupiah",
    "ft": "forints",
    "fr": "francs",
    "dh": "dirhams",
    "fl": "florins",
}
# Currency names that are also common words ("top marks", "the crown"): money only after a
# scaled number ("thirty million marks", "forty million crowns").
SCALED_CURRENCY_WORDS = {
    "mark": "marks",
    "marks": "marks",
    "crown": "kronor",
    "crowns": "kronor",
    "real": "reais",
    "reais": "reais",
    "rand": "rand",
}
# Units of measurement and the dimension each measures.
MEASURE_UNITS = {
    "km": "length",
    "kilometre": "length",
    "kilometres": "length",
    "kilometer": "length",
    "kilometers": "length",
    "mi": "length",
    "mile": "length",
    "miles": "length",
    "m": "length",
    "metre": "length",
    "metres": "length",
    "meter": "length",
    "meters": "length",
    "ft": "length",
    "foot": "length",
    "feet": "length",
    "cm": "length",
    "centimetre": "length",
    "centimetres": "length",
    "centimeter": "length",
    "centimeters": "length",
    "mm": "length",
    "millimetre": "length",
    "millimetres": "length",
    "millimeter": "length",
    "millimeters": "length",
    "micrometre": "length",
    "micrometres": "length",
    "micrometer": "length",
    "micrometers": "length",
    "micron": "length",
    "microns": "length",
    "inch": "length",
    "inches": "length",
    "yard": "length",
    "yards": "length",
    "km²": "area",
    "km2": "area",
    "hectare": "area",
    "hectares": "area",
    "ha": "area",
    "acre": "area",
    "acres": "area",
    "sq": "area",
    "square": "area",
    "kg": "weight",
    "kilo": "weight",
    "kilos": "weight",
    "kilogram": "weight",
    "kilograms": "weight",
    "tonne": "weight",
    "tonnes": "weight",
    "ton": "weight",
    "tons": "weight",
    "lb": "weight",
    "lbs": "weight",
    "g": "weight",
    "gram": "weight",
    "grams": "weight",
    "kilogramme": "weight",
    "kilogrammes": "weight",
    "mg": "weight",
    "milligram": "weight",
    "milligrams": "weight",
    "µg": "weight",
    "microgram": "weight",
    "micrograms": "weight",
    "nanogram": "weight",
    "nanograms": "weight",
    "oz": "weight",
    "ounce": "weight",
    "ounces": "weight",
    "litre": "volume",
    "litres": "volume",
    "liter": "volume",
    "liters": "volume",
    "gallon": "volume",
    "gallons": "volume",
    "barrel": "volume",
    "barrels": "volume",
    "cc": "volume",
    "ml": "volume",
    "millilitre": "volume",
    "millilitres": "volume",
    "°c": "temperature",
    "°f": "temperature",
    "degrees": "temperature",
    "mph": "speed",
    "km/h": "speed",
    "kph": "speed",
    "knots": "speed",
    "mw": "power",
    "gw": "power",
    "kw": "power",
    "megawatt": "power",
    "megawatts": "power",
    "kilowatt": "power",
    "kilowatts": "power",
    "gigawatt": "power",
    "gigawatts": "power",
    # Energy: what a plant generates or a home uses over time ("4.2 GWh in its first year").
    "kwh": "energy",
    "mwh": "energy",
    "gwh": "energy",
    "twh": "energy",
    "kilowatt-hour": "energy",
    "kilowatt-hours": "energy",
    "megawatt-hour": "energy",
    "megawatt-hours": "energy",
    "gigawatt-hour": "energy",
    "gigawatt-hours": "energy",
    "year": "duration",
    "years": "duration",
    "month": "duration",
    "months": "duration",
    "week": "duration",
    "weeks": "duration",
    "day": "duration",
    "days": "duration",
    "hour": "duration",
    "hours": "duration",
    "minute": "duration",
    "minutes": "duration",
    "second": "duration",
    "seconds": "duration",
    "magnitude": "magnitude",
    "richter": "magnitude",
}
# One spelling of each unit: "km", "kilometres" and "kilometers" are one.
# Words that make a unit of length one of area or volume: "square kilometres".
_POWERS = frozenset({"square", "cubic"})
# Words before a unit that make it another unit: "nautical miles" are no miles.
UNIT_QUALIFIERS = _POWERS | {"nautical"}
_UNIT_SPELLINGS = {
    "km": "kilometre",
    "kilometer": "kilometre",
    "mi": "mile",
    "m": "metre",
    "meter": "metre",
    "ft": "foot",
    "feet": "foot",
    "kg": "kilogram",
    "kilo": "kilogram",
    "g": "gram",
    "liter": "litre",
    "ml": "millilitre",
    "ha": "hectare",
    "mw": "megawatt",
    "kw": "kilowatt",
    "gw": "gigawatt",
}


def unit_spelled(unit: str | None) -> str:
    """A unit in one spelling, singular: "kilometres", "km" → "kilometre"; "square
    kilometres" → "square kilometre" (an area, not a length)."""
    word = (unit or "").lower()
    power, _, rest = word.partition(" ")
    if power in UNIT_QUALIFIERS and rest:
        return f"{power} {unit_spelled(rest)}"
    for ending in ("es", "s"):
        if word.endswith(ending) and word[: -len(ending)] in MEASURE_UNITS:
            word = word[: -len(ending)]
            break
    return _UNIT_SPELLINGS.get(word, word)


DURATION_UNITS = frozenset(w for w, d in MEASURE_UNITS.items() if d == "duration")
# Each unit of time in hours (a month and a year on average), for comparing spans.
_UNIT_HOURS = {
    "second": 1 / 3600,
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 24.0,
    "week": 168.0,
    "month": 730.5,
    "year": 8766.0,
}
HOURS = {w: _UNIT_HOURS[w.removesuffix("s")] for w in DURATION_UNITS}
# Words after a duration that make it a time relation: "two days after" is how long
# between two events, "two years ago" a time.
TEMPORAL_RELATIONS = frozenset("after before later earlier ago since prior afterwards".split())
POINT_RELATIONS = frozenset("ago since".split())

# --- function words ------------------------------------------------------------------------------

# "of our members", "of their workers": a group the speaker's words already name.
POSSESSIVE_DETERMINERS = frozenset("its their his her our your my".split())
DETERMINERS = frozenset("a an the this that these those".split()) | POSSESSIVE_DETERMINERS
PREPOSITIONS = frozenset(
    """of in on at by for with from to into onto upon about among amongst between through
    during across against along around over under within without toward towards via per
    than like including despite since until after before behind beyond near off out""".split()
)
AUXILIARIES = frozenset(
    """be is are was were been being am have has had having do does did will would shall
    should may might can could must 's 're 've 'd""".split()
)
# Words that open a phrase of time or agent after a verb: "increased in December", "rose
# last year from …", "was raised by the council from …".
TIME_OR_AGENT_PREPOSITIONS = frozenset({"in", "on", "at", "during", "by", "over", "last"})
CONJUNCTIONS = frozenset(
    "and or but nor yet so while whereas although though because if whether unless".split()
)
PRONOUNS = frozenset(
    """i you he she it we they me him her us them who whom whose which what that this these
    those there here one ones itself themselves""".split()
)
RELATIVE_PRONOUNS = frozenset("which that who whom whose".split())
ANAPHORS = frozenset("which this that these those it they them its".split())
NEGATIONS = frozenset("not no never n't".split())
ADVERB_FILLERS = frozenset(
    """also already still just only even now then likely probably reportedly allegedly
    either both all since initially originally later subsequently further respectively
    officially apparently so far more""".split()
)
FUNCTION_WORDS = (
    DETERMINERS | PREPOSITIONS | AUXILIARIES | CONJUNCTIONS | PRONOUNS | NEGATIONS
) | frozenset("as not no such each every any some all both than then there".split())

# Nouns that stand for "a figure" when a sentence refers back to one ("these figures").
FIGURE_NOUNS = frozenset(
    """figure figures number numbers estimate estimates count counts tally toll total totals
    data information assessment statistic statistics result results""".split()
)
# The nouns a text restates a figure by: "put the figure at 75", "the real figure will be
# barely £300,000", "put the number nearer 60".
RESTATING_NOUNS = frozenset({"figure", "number", "total", "tally", "count"})
# Words that add to a count rather than restate it ("an additional 3,000", "3,000 more").
ADDITIVE_WORDS = frozenset("additional another extra further more new fresh".split())
# Nouns that name an addition to a count: "how many reinforcements …" asks for additional troops.
ADDITIVE_NOUNS = frozenset("reinforcement replacement".split())
# Words that ask for a sum of money ("how much aid", "how expensive", "the damage bill").
MONEY_WORDS = frozenset(
    """money cost expensive costly worth funding fund funds aid price bill budget spend paid
    pay sum dollars dollar euros pounds cash fine fines penalty penalties compensation payout
    payouts income revenue revenues turnover earnings winnings takings salary salaries wage wages
    profit profits debt debts ransom bounty subsidy subsidies value reward rewards grant
    grants bonus bonuses fee fees prize prizes fare fares levy tariff refund refunds
    premium premiums loan loans""".split()
)
# Adjectives that ask for a figure of one dimension ("how high", "how heavy", "how hot").
DIMENSION_WORDS = {
    "high": "length",
    "tall": "length",
    "deep": "length",
    "wide": "length",
    "far": "length",
    "level": "length",
    "heavy": "weight",
    "weigh": "weight",  # "What do the pieces weigh?"
    "fast": "speed",
    "hot": "temperature",
    "cold": "temperature",
    "warm": "temperature",
    "strong": "magnitude",
    "powerful": "magnitude",
    # Nouns that name the dimension asked: "the height of the tower", "its engine volume".
    "height": "length",
    "length": "length",
    "depth": "length",
    "width": "length",
    "distance": "length",
    "weight": "weight",
    "mass": "weight",
    "speed": "speed",
    "temperature": "temperature",
    "volume": "volume",
    "electricity": "energy",  # "How much electricity did the array generate?"
    "energy": "energy",
}
# "size" asks for whichever dimension the thing is measured in: "the engine size" (996 cc),
# "the size of the farm" (40 hectares), "the size of the tumour" (3 cm).
SIZE_WORDS = frozenset({"size"})
SIZE_DIMENSIONS = frozenset({"length", "area", "volume"})
# Words that ask for a share of a total.
SHARE_WORDS = frozenset("share percentage percent proportion fraction".split())
# Words that make an event a repeat or a sequel of an earlier one ("sent additional troops in
# 2023", "struck again"): its date is not the first event's.
LATER_WORDS = frozenset(
    "additional another extra further more again fresh reinforcement reinforcements".split()
)

# Verbs of saying: they introduce who claims a figure, never what it counts.
REPORTING_VERBS = frozenset(
    """say said says tell told report reported reports reporting estimate estimated
    estimates state stated states announce announced announces claim claimed claims
    confirm confirmed confirms reveal revealed reveals indicate indicated indicates
    believe believed believes note noted notes disclose disclosed add added adds put
    puts suggest suggested suggests show showed shows cite cited cites quote quoted
    assess assessed mention mentioned mentions speculate speculated speculates
    acknowledge acknowledged record recorded records count counted counts
    warn warned warns allege alleged alleges""".split()
)
# Events only a sum of money can be: a verb, its object and a particle name them only of money
# ("put £500 in", not "put 27 per cent less rubbish in their bins").
MONEY_EVENTS = frozenset({"pledge", "raise"})
# Verbs that set a figure beside another ("£7.9m compares with our £7.2m estimate", "compared
# with a year before"): they relate two figures, and count no act of comparing.
_COMPARING = "compare compares compared comparing".split()
COMPARING_VERBS = frozenset(_COMPARING) | frozenset(lemma(w) for w in _COMPARING)
# Verbs about whether a figure is right, not what it counts ("the count of 14 was disputed").
DISPUTE_VERBS = frozenset(
    lemma(w)
    for w in """dispute contest challenge question doubt deny reject refute confirm correct
    revise verify""".split()
)
# Verbs that only carry a figure of their subject or object: "stood at", "suffered".
LINKING_VERBS = frozenset(
    """be is are was were been being stand stood stands reach reached reaches hit hits
    total totaled totalled totals amount amounted amounts numbered
    rise rose risen rises climb climbed climbs increase increased increases increasing
    grow grew grown grows jump jumped jumps soar soared soars fall fell fallen falls
    drop dropped drops decline declined declines decrease decreased decreases
    escalate escalated escalates escalating go went gone come came remain remained
    remains become became becomes put puts estimate estimated constitute constituted
    constitutes account accounted accounts represent represented represents equal
    equals equaled make made makes stay stayed stays sit sat sits consist consists
    consisted comprise comprises comprised""".split()
)
# Past forms that look like nouns after a number: "4,141,236 cast a ballot", "300 quit the
# party" (a verb when a determiner follows).
BARE_PAST_VERBS = frozenset("cast quit bid spread shut".split())
LIGHT_VERBS = frozenset(
    """suffer suffered suffers sustain sustained sustains incur incurred incurs have has
    had see saw seen sees cause caused causes face faced faces take took taken takes
    record recorded records report reported reports register registered leave left
    leaves claim claimed claims count counted""".split()
)
CHANGE_VERBS = frozenset(
    """rise rose risen rises rising climb climbed climbs climbing increase increased
    increases increasing grow grew grown grows growing jump jumped jumps jumping soar
    soared soars fall fell fallen falls falling drop dropped drops dropping decline
    declined declines declining decrease decreased decreases decreasing escalate
    escalated escalates escalating revise revised revises go went up down raise raised
    lower lowered update updated""".split()
)
# Forms of "go": "went up by 4.99 per cent", "will go up to £1.50" (a rise, no "up to" bound).
GO_FORMS = frozenset("go goes going went gone".split())
# Words after a size that say which way it runs, by the size they name: "19 miles long", "2.4
# metres high", "eight metres across" ("across" only where it ends the size).
SIZE_ADJECTIVES = {
    "long": "length",
    "high": "height",
    "tall": "height",
    "wide": "width",
    "deep": "depth",
    "thick": "thickness",
    "across": "width",
}
# Words of a change by direction: "rose 5%", "a 5% rise" (up); "fell", "cut by" (down).
RISE_WORDS = frozenset(
    """rise rose risen rises rising climb climbed climbs climbing increase increased increases
    increasing grow grew grown grows growing jump jumped jumps jumping soar soared soars
    soaring surge surged surges surging growth hike hikes hiked raise raised raises raising
    boost boosted boosts""".split()
)
FALL_WORDS = frozenset(
    """fall fell fallen falls falling drop dropped drops dropping decline declined declines
    declining decrease decreased decreases decreasing slip slipped slips slide slid slides
    sink sank sunk sinks plunge plunged plunges plummet plummeted plummets shrink shrank
    shrunk shrinks cut cuts cutting reduce reduced reduces reduction reductions lower lowered
    lowers trim trimmed trims slash slashed slashes slashing""".split()
)
# The verbs among them that take what changes as their object: "cut spending by 10%".
CHANGING_VERBS = frozenset(
    """raise raised raises raising increase increased increases increasing boost boosted
    boosts hike hiked cut cuts cutting reduce reduced reduces lower lowered lowers trim
    trimmed trims slash slashed slashes slashing""".split()
)
CHANGE_NOUNS = frozenset(
    """rise rises increase increases growth jump hike hikes fall falls drop drops decline
    declines decrease decreases cut cuts reduction reductions""".split()
)


def is_participle(word: str) -> bool:
    """-ed forms and irregular participles: candidates for the verb a figure goes with."""
    w = word.lower()
    if w in NOT_INFLECTED:
        return False
    if w in IRREGULAR_PAST:
        return True
    if w in IRREGULAR and IRREGULAR[w] not in {"person", "child", "man", "woman", "life"}:
        # Plurals the stemmer lists ("families", "bodies") and nouns it keeps as they are
        # ("aircraft", "staff") are no verbs: "120 displaced families", "40 enemy aircraft".
        plural = w.endswith("ies") and IRREGULAR[w].endswith("y")
        return not plural and w not in _IRREGULAR_NOUNS
    return len(w) > 4 and w.endswith("ed")


# Words of the stemmer's irregular forms that are nouns, never verbs.
_IRREGULAR_NOUNS = frozenset(
    {"did", "do", "data", "news", "aircraft", "personnel", "police", "press", "staff"}
)


# Irregular past forms the shared stemmer does not know, that are hardly ever nouns: "nine
# wolves broke out" ends its noun phrase at "broke". (Left out of the stemmer, which the
# keyword index is built with: adding them there would change every built index's terms.)
IRREGULAR_PAST = frozenset(
    """broke broken got gotten stole stolen swam swum drove threw wore worn tore torn hid
    hidden slid sank sunk taught sought froze frozen shook shaken spoke spoken rode ridden
    forgot forgotten dug hung clung flung swung wept slept crept knelt dealt meant bent lent
    sped overtook overtaken undertook undertaken withdrew withdrawn arose arisen beaten
    bitten ate eaten mistook overran underwent undergone upheld withheld rebuilt thought
    known lay""".split()
)


# --- what figures count ---------------------------------------------------------------------------

# Event classes: general English verbs and nouns that name what is counted, by lemma.
# A class name is also the measure's name; "deaths" and "killed or wounded" come from these.
EVENT_CLASSES: dict[str, frozenset[str]] = {
    "death": frozenset(
        """die death kill killing fatality fatal perish deceased slay toll dead murder
        murdered""".split()
    ),
    "injury": frozenset(
        """injure injury wound hurt maim injured wounded hospitalise hospitalize
        hospitalisation hospitalization harm""".split()
    ),
    "missing": frozenset("missing unaccounted disappear disappearance".split()),
    "displacement": frozenset("displace displacement homeless uproot refugee".split()),
    "evacuation": frozenset("evacuate evacuation evacuee relocate relocation".split()),
    "rescue": frozenset("rescue rescued".split()),
    # Came out alive: "35 men came out alive", "how many survived?"
    "survival": frozenset("survive survivor alive".split()),
    # Held where they are: "44 workers were trapped", "stranded passengers"
    "trapped": frozenset("trap trapped stranded strand stuck entomb entombed".split()),
    "arrest": frozenset("arrest detain detention detainee jail imprison custody".split()),
    "send": frozenset("""send dispatch deploy deployment transfer""".split()),
    "return": frozenset("return repatriate repatriation".split()),
    "damage": frozenset("damage".split()),
    # Put right: "crews have repaired 11,250 potholes", "mended", "what will fixing it
    # cost?". ("fixed" is left out: fixed points, a fixed price; see _NOT_EVENTS.)
    "repair": frozenset("repair mend fix".split()),
    "destruction": frozenset("destroy destruction flatten raze demolish wreck".split()),
    # Trees brought down: "163 ash trees felled", "the felling" (the lemma of "felled", not
    # of "fell", which is "fall"), "how many were cut down?".
    "felling": frozenset("felled felling chop".split()),
    "collapse": frozenset("collapse topple".split()),
    # Ships, trains or vehicles running into each other: "collided", "the crash".
    "collision": frozenset("collide collision crash".split()),
    # Power lost: "the blackout", "the outage".
    "outage": frozenset("blackout outage".split()),
    # Money promised or given to help: "pledged €100 million", "earmarked", "an emergency
    # relief package", "€18 million in aid", "an allocation of €18 million", "a bailout",
    # "the council contributes £10,000".
    "pledge": frozenset(
        """pledge promise earmark aid relief assistance allocation allocate bailout handout
        package contribute contribution""".split()
    ),
    "payment": frozenset("pay payment".split()),
    # What a job was priced at, by the words of buying it in: "the lowest tender is £56,750",
    # "a quotation came in at around £52,000", "the final invoice came to £79,870".
    "cost": frozenset("cost tender quotation invoice".split()),
    "loss": frozenset("lose loss".split()),
    "spending": frozenset("spend spending expenditure".split()),
    # Money given to an appeal: "raised LRN 640,000", "donations of £2m", "the crowdfunder".
    "raise": frozenset(
        "raise fundraise fundraiser crowdfund crowdfunder donate donation donor".split()
    ),
    # Money not spent: "the changes will save around £640,000 a year", "the annual saving".
    "saving": frozenset("save saving".split()),
    "infection": frozenset("infect infection ill sick illness sickness sicken".split()),
    # Found again: "salvors had located 36 of the missing boxes", "tracked down".
    "recovery": frozenset("recover recovery recoup locate".split()),
    "hire": frozenset("hire employ recruit recruitment".split()),
    "layoff": frozenset("layoff dismiss redundancy redundant".split()),
    "strike": frozenset("strike striker walkout".split()),
    "vote": frozenset("vote ballot".split()),
    # On the roll, not voting: "6.8 million registered voters", "people registered to vote".
    "registration": frozenset(
        "register registration electorate enrol enroll entrant registrant".split()
    ),
    # Joined to a network or a supply: "171 premises had been connected" (and "switched on",
    # "hooked up", "went live": VERB_OBJECT_CLASSES). Not the noun: "arrested in connection
    # with the disorder".
    "connection": frozenset({"connect"}),
    # Ballots set aside: "96,480 ballots were declared invalid", "spoiled papers".
    "invalid": frozenset("invalid spoil spoiled spoilt void annul annulled".split()),
    "sale": frozenset("sell sale".split()),
    "purchase": frozenset("buy purchase acquire".split()),
    "birth": frozenset("bear birth birthday".split()),
    "founding": frozenset(
        """founded establish establishment foundation create creation incorporate
        formation inception""".split()
    ),
    "construction": frozenset("build construct construction erect".split()),
    # Put in place: "37 new cabinets have been installed", "fitted in June", "bolted to the
    # wall", "how many were put up?" (not the noun: "the total cost, including installation"
    # is a cost).
    "installation": frozenset("install fit mount bolt".split()),
    # Finished building or making: "the current building was completed in 2004".
    "completion": frozenset("complete completion".split()),
    "opening": frozenset("open opening inaugurate inauguration".split()),
    # Work brought to a stop is shut, for a while or for good: "production was halted on 19
    # January", "a pause in production" ("suspended" is left out: riders are suspended too).
    "closure": frozenset("close closure shut halt stoppage pause".split()),
    # Power cut from a thing on purpose: "1,864 lights will be turned off", "lamps switched
    # off", "the pumps were shut off" (by its verb and particle: VERB_OBJECT_CLASSES).
    "switch-off": frozenset({"switchoff"}),
    "launch": frozenset("launch".split()),
    "release": frozenset("release publish publication".split()),
    "start": frozenset("begin start commence beginning debut".split()),
    # Those who finished finished: "17,212 finishers".
    "end": frozenset("end finish finisher conclude dissolve dissolution".split()),
    "election": frozenset("elect election".split()),
    "appointment": frozenset("appoint appointment".split()),
    "marriage": frozenset("marry marriage wed wedding".split()),
    "attendance": frozenset("attend attendance attendee".split()),
    # Answered a consultation or a survey: "312 people had responded", "641 responses", "how
    # many people replied?" ("respondents" name who answered, whatever else they did: "seven
    # in ten respondents backed the scheme").
    "response": frozenset("respond response reply".split()),
    # Took part in something: "around 1,200 people took part in the consultation", "how
    # many participated?" (what they took part in says which of its own counts answer).
    # ("participants" name who took part, whatever else they did: "1,377 participants
    # completed the study").
    "participation": frozenset("participate participation".split()),
    "protest": frozenset("protest protester demonstrate demonstrator".split()),
    # Found out: "Vesterline discovered the attack on 21 April", "detected unusual activity".
    "discovery": frozenset(
        "discover discovery detect detection uncover spot notice realise realize identify".split()
    ),
    "escape": frozenset("escape escapee breakout abscond".split()),
    # Caught again after getting away: "caught 9,460 escapees", "recaptured 4,900 fish".
    "capture": frozenset("capture recapture catch".split()),
    # Set alight: "31 vehicles caught fire", "the battery ignited".
    "fire": frozenset("ignite ignition".split()),
    # A barrier or pipe failing: "the levee burst", "the dam gave way".
    "burst": frozenset("burst rupture".split()),
    # Started again: "production resumed on Monday", "the line restarts on the 16th".
    "reopening": frozenset("reopen reopening resume resumption restart".split()),
    "grounding": frozenset("aground grounding".split()),
    "derailment": frozenset("derail derailment".split()),
    # Animals killed to stop a disease: "180,000 hens were culled".
    "cull": frozenset("cull slaughter euthanise euthanize depopulate depopulation".split()),
    # Called off: "scrapped the closing night", "the scrapped flights".
    # Fined: "fined the airline Kr 12.5m", "a penalty of £14.5m".
    "penalty": frozenset("fine fined penalty penalise penalize".split()),
    "cancellation": frozenset("cancel cancelled canceled cancellation scrap scrapped".split()),
}
# A state kept until a day ends then: open until it closes, closed until it opens again
# ("remains open until Monday 2 March", "will stay closed until 7 April").
UNTIL_ENDS = {"opening": "closure", "closure": "opening"}
# Words of the event classes that name people, not what befell them: "the striker will earn
# £185,000 a week" is no strike. As a count's own noun they still count ("5,900 strikers").
EVENT_PEOPLE = frozenset(
    """striker strikers protester protesters demonstrator demonstrators evacuee evacuees
    refugee refugees detainee detainees escapee escapees survivor survivors attendee
    attendees finisher finishers entrant entrants registrant registrants""".split()
)

# Verbs that say only that something happened, for the date beside them: the date is their
# subject's ("the crush occurred on 11 July", "the election was held on 12 April").
HAPPENING_VERBS = frozenset(
    lemma(w) for w in "happen happened occur occurred hold held stage staged".split()
)

# Made known: "Kestrel announced the recall on 9 September", "disclosed the breach", "made
# the takeover public", "warned residents", "the notice was issued on 2 September". Verbs of saying, so only the date of one is the announcement's: "the
# ministry announced 40 deaths" counts deaths.
ANNOUNCE_WORDS = frozenset(
    lemma(w)
    for w in """announce announcement disclose disclosure reveal unveil publicise warn notify
    inform issue""".split()
)
# "made public", "went public", "told the public".
_ANNOUNCE_PAIRS = frozenset({("make", "public"), ("go", "public"), ("tell", "public")})
ANNOUNCE_PAIRS = frozenset((lemma(v), lemma(o)) for v, o in _ANNOUNCE_PAIRS)


def date_event_class(word: str) -> frozenset[str] | None:
    """The event class(es) a word names for the date beside it: as ``event_class``, and a
    verb of making known is an announcement ("announced the recall on 9 September")."""
    if (found := event_class(word)) is not None:
        return found
    if lemma(word) in ANNOUNCE_WORDS:
        return frozenset({"announcement"})
    return frozenset({"decision"}) if word.lower() in DECISION_FORMS else None


# Words of deciding, for the date beside them only: "formally declared treasure at an
# inquest on 14 January", "the verdict on 24 July". As a count's verb they say nothing of
# what is counted ("declared debts of $2m"). "ruled" is left out: kings rule too.
DECISION_FORMS = frozenset(
    """decide decided decides decision decisions declare declared declares declaration
    verdict verdicts ruling rulings adjudicate adjudicated adjudication judgment judgement
    judgments judgements approve approved approves approval ratify ratified ratifies
    ratification endorse endorsed endorses agree agreed agrees""".split()
)


# What people leave one each of, by the verb of leaving it, so that a count of them counts
# the people who did: signatures on a petition, votes cast.
MARK_VERBS = {"signatures": lemma("sign"), "votes": lemma("vote")}


# Phrases that leave the same marks as a verb: "put their names to the petition", "added their
# names" signed it.
MARK_PHRASES = {
    (lemma("put"), lemma("name")): lemma("sign"),
    (lemma("add"), lemma("name")): lemma("sign"),
}


def mark_verb(entity: str | None) -> str | None:
    """The verb that left the marks ``entity`` counts, by its word or its class ("names" on a
    petition are signatures); None for things that are no marks."""
    if not entity:
        return None
    return MARK_VERBS.get(entity) or MARK_VERBS.get(entity_class(entity))


# Events that answer a question about another: a school "opened" in the year it was
# "established", an album "launched" when it was "released". Weaker than the event itself.
RELATED_EVENTS: dict[str, frozenset[str]] = {
    "founding": frozenset({"opening", "launch", "start"}),
    "opening": frozenset({"founding", "launch", "start", "construction", "reopening"}),
    "launch": frozenset({"founding", "opening", "release", "start"}),
    "release": frozenset({"launch", "start"}),
    "construction": frozenset({"opening", "completion", "installation"}),
    "installation": frozenset({"construction"}),
    "completion": frozenset({"construction", "opening", "end"}),
    # Stayed to the end is completed: "how many participants stayed until the end?" of "1,377
    # participants completed the study", "made it to the finish".
    "end": frozenset({"completion"}),
    "start": frozenset({"founding", "opening", "launch"}),
    # People made to leave their homes: evacuated ones are displaced, and the other way round.
    "displacement": frozenset({"evacuation"}),
    "evacuation": frozenset({"displacement"}),
    # Brought out alive: rescued ones survived, and survivors were mostly rescued.
    "rescue": frozenset({"survival"}),
    "survival": frozenset({"rescue"}),
    # A place that opened again reopened (a first opening does not answer when it reopened).
    # Animals culled were killed or destroyed.
    "cull": frozenset({"death", "destruction"}),
    "destruction": frozenset({"cull", "felling"}),
    "felling": frozenset({"destruction"}),
    # Taking part in a consultation is responding to it; in an event, attending it.
    "participation": frozenset({"response", "attendance", "registration"}),
    "response": frozenset({"participation"}),
    "attendance": frozenset({"participation"}),
    # A body decides by voting: "when did councillors approve it?" of "voted on 10 March".
    "decision": frozenset({"vote"}),
    "vote": frozenset({"decision"}),
}
# Events whose counts of jobs are counts of people: a job lost is a worker laid off.
JOB_EVENTS = frozenset({"layoff", "hire"})
# Events that are a start or an end of something: a run of days "between 9 March and 28
# May" is neither, and its ends are each one.
BOUNDARY_EVENTS = frozenset({"start", "end", "opening", "closure", "reopening", "completion"})
# Events that answer the opposite question, each of a pair the other's: a count of runners who
# began is no answer to how many finished, nor a date of closing to when a place opened.
_OPPOSITE_PAIRS = (
    ("start", "end"),
    ("start", "completion"),
    ("opening", "closure"),
    ("reopening", "closure"),
    ("hire", "layoff"),
    ("death", "survival"),
    ("death", "birth"),
    ("arrest", "escape"),
    ("escape", "capture"),
    ("send", "return"),
)
OPPOSITE_EVENTS: dict[str, frozenset[str]] = {
    event: frozenset(b if a == event else a for a, b in _OPPOSITE_PAIRS if event in (a, b))
    for event in {e for pair in _OPPOSITE_PAIRS for e in pair}
}
# Nouns that name both harms at once ("casualties" = killed and wounded).
COMPOUND_NOUNS: dict[str, frozenset[str]] = {
    "casualty": frozenset({"death", "injury"}),
    # A deadline is the day something ends or closes: "the consultation closes on 24 April".
    "deadline": frozenset({"end", "closure"}),
}
PARTICLE_VERBS = {"back": "return", "home": "return"}
# Phrases: a verb with an object noun that together name an event ("lost their lives").
VERB_OBJECT_CLASSES = {
    ("lose", "life"): "death",
    # Health damaged is harm to the body: "had their health damaged", "health was harmed".
    ("damage", "health"): "injury",
    ("take", "life"): "death",
    ("claim", "life"): "death",
    ("leave", "home"): "displacement",
    ("leave", "roof"): "displacement",  # "left without a roof over their heads"
    ("lose", "home"): "displacement",
    ("flee", "home"): "displacement",
    # Made to leave their homes: "forced from their homes", "driven out of their houses".
    ("force", "home"): "displacement",
    ("drive", "home"): "displacement",
    ("force", "house"): "displacement",
    ("drive", "house"): "displacement",
    ("leave", "house"): "displacement",
    ("lose", "house"): "displacement",
    ("flee", "house"): "displacement",
    # Jobs lost are people laid off: "could lose their jobs", "will cut 850 jobs".
    ("lose", "job"): "layoff",
    ("cut", "job"): "layoff",
    ("shed", "job"): "layoff",
    ("axe", "job"): "layoff",
    ("eliminate", "job"): "layoff",
    ("lay", "off"): "layoff",
    ("give", "way"): "burst",
    # Fell down into the ground: "the road fell in" (as "caved in", below).
    ("fall", "in"): "collapse",
    # A plan signed off was approved: "When did the board sign off the cuts?".
    ("sign", "off"): "decision",
    # Allowed to go on: "gave the scheme the go-ahead", "got the go-ahead", "the green light".
    ("give", "ahead"): "decision",
    ("get", "ahead"): "decision",
    ("give", "light"): "decision",
    # A place people can first use is open: "When can owners first use the enclosure?".
    ("use", "first"): "opening",
    # What a thing costs: "the price tag on the machines", "a price tag of £2m".
    ("price", "tag"): "cost",
    # An inquiry opened was started: "opened a formal investigation on 26 May".
    **{("open", noun): "start" for noun in ("investigation", "inquiry", "probe", "case")},
    # Work started is a start: "crews start work on Monday" ("started" alone is one too).
    **{(verb, "work"): "start" for verb in ("start", "begin", "commence")},
    # Work got or found is a hiring: "how many people would get work at the pub?".
    **{(verb, noun): "hire" for verb in ("get", "find") for noun in ("work", "job")},
    # Views or comments sent in are responses: "how many people sent in their views?".
    **{("send", noun): "response" for noun in ("view", "comment", "response", "feedback")},
    # Signed up is enrolled: "how many people signed up for the trial?".
    ("sign", "up"): "registration",
    # Not found is missing: "how many miners had still not been found?".
    ("not", "found"): "missing",
    ("not", "located"): "missing",
    # A fire, a war or a riot that broke out started: "the blaze broke out on Sunday".
    ("break", "out"): "start",
    # Workers who walked out or downed tools are on strike: "walked out on Monday".
    ("walk", "out"): "strike",
    ("down", "tools"): "strike",
    # Those who turned up or came along attended: "about 350 people had turned up".
    ("turn", "up"): "attendance",
    ("show", "up"): "attendance",
    ("come", "along"): "attendance",
    ("take", "part"): "participation",
    # Got away is escaped: "how many got away?", "the burglars got away with 40 items".
    ("get", "away"): "escape",
    ("get", "out"): "escape",
    # A tour or a voyage set off on started: "the orchestra sets off on 4 July".
    ("set", "off"): "start",
    # A pilot or a season that came to a close ended.
    ("come", "close"): "end",
    # A rule that comes into effect starts: "will come into effect on Monday 28 July".
    ("come", "effect"): "start",
    ("take", "effect"): "start",
    ("come", "force"): "start",
    # A charge or a rule that applies from a day starts then: "will apply from 1 June".
    ("apply", "from"): "start",
    # Homes cut off, left without or that lost their supply are out of it, as in an outage:
    # "3,200 homes were cut off", "left without water", "lost power".
    ("cut", "off"): "outage",
    ("leave", "without"): "outage",
    ("lose", "power"): "outage",
    ("lose", "supply"): "outage",
    ("lose", "electricity"): "outage",
    # A grid, a network or a site that went down is out: "the grid went down on Tuesday".
    ("go", "down"): "outage",
    # Opened again is reopened; a deal that went through was completed.
    ("open", "again"): "reopening",
    # Going, running or started again is restarted: "When was the clock set going again?".
    ("go", "again"): "reopening",
    ("going", "again"): "reopening",
    ("run", "again"): "reopening",
    ("start", "again"): "reopening",
    # People let or allowed back in: "when were visitors allowed back into the museum?"
    ("allow", "back"): "reopening",
    ("let", "back"): "reopening",
    ("go", "through"): "completion",
    # A roof or a mine that caved in collapsed; so did talks that broke down.
    ("cave", "in"): "collapse",
    ("break", "down"): "collapse",
    # Things put up or fixed in place are installed: "how many boxes were put up?".
    ("put", "up"): "installation",
    ("fix", "place"): "installation",
    # Animals put down are culled; rail cars that jump or leave the rails derailed.
    ("put", "down"): "cull",
    ("jump", "rail"): "derailment",
    ("jump", "track"): "derailment",
    ("leave", "rail"): "derailment",
    ("leave", "track"): "derailment",
    # Posts and roles cut are jobs: "will cut 350 posts", "the deletion of 320 posts".
    ("cut", "post"): "layoff",
    ("axe", "post"): "layoff",
    ("lose", "post"): "layoff",
    ("cut", "role"): "layoff",
    ("axe", "role"): "layoff",
    # Jobs that go or are removed, scrapped or slashed: "11 playing posts would go", "up to
    # 200 jobs will go", "four administrative posts will be removed".
    **{
        (verb, noun): "layoff"
        for verb in "go remove scrap slash".split()
        for noun in "job post role position".split()
    },
    # Got away is escaped: "54,300 salmon swam free", "broke loose", "got out of the pen".
    **{
        (verb, word): "escape"
        # the irregular pasts by their own form: the stemmer keeps them as written
        for verb in "swim swam swum break get got gotten run ran wriggle slip".split()
        for word in ("free", "loose")
    },
    # Caught up in something is held in it, not captured: "vehicles caught up in the closure";
    # an illness caught is an infection: "how many people have caught cholera?".
    # Wound up is ended: "When was the recapture effort wound up?" ("wound" alone is a harm).
    ("wound", "up"): "end",
    ("wind", "up"): "end",
    # Wrapped up is ended too: "When was the felling wrapped up?".
    ("wrap", "up"): "end",
    # Cut or chopped down is felled: "how many trees were cut down?".
    ("cut", "down"): "felling",
    ("chop", "down"): "felling",
    # Wiped out is destroyed: "the swarms wiped out 52,700 hectares".
    ("wipe", "out"): "destruction",
    # Got under way is started: "the trial got under way on Monday".
    ("get", "way"): "start",
    ("got", "way"): "start",
    # Got going is started: "What day did the crews get going?" ("going again": reopened).
    ("get", "going"): "start",
    ("got", "going"): "start",
    # Clawed back is recovered: "the receivers have clawed back Q 118m"; won back too.
    ("claw", "back"): "recovery",
    ("win", "back"): "recovery",
    ("track", "down"): "recovery",
    # Left out of pocket is a loss: "savers were left out of pocket by Q 412m".
    ("leave", "pocket"): "loss",
    # Chipped in or brought in is given to an appeal: "the public has chipped in LRN 640,000",
    # "How much did the fundraiser bring in?".
    ("chip", "in"): "raise",
    ("bring", "in"): "raise",
    # Money put towards something is given to help it: "How much did the council put towards
    # the repair?".
    ("put", "towards"): "pledge",
    ("put", "in"): "pledge",  # "agreed to put in up to £1,500 from its reserves"
    ("hand", "over"): "pledge",  # "How much did the district council hand over?"
    # Switched on, hooked up or gone live is joined to a network: "171 premises had been
    # switched on", "the first homes went live on 2 June".
    ("switch", "on"): "connection",
    # Switched, turned or shut off: power cut from it ("1,712 lamps would be switched off").
    ("switch", "off"): "switch-off",
    ("turn", "off"): "switch-off",
    ("shut", "off"): "switch-off",
    ("hook", "up"): "connection",
    ("go", "live"): "connection",
    # Joined or linked up is connected: "When did the divers join the two caves up?".
    ("join", "up"): "connection",
    ("link", "up"): "connection",
    # A connection completed or made is one: "two divers completed a connection to the
    # neighbouring cave" (not the noun alone: "arrested in connection with the disorder").
    ("complete", "connection"): "connection",
    ("make", "connection"): "connection",
    # Ballots or claims thrown out were set aside: "how many papers were thrown out?".
    ("throw", "out"): "invalid",
    ("catch", "up"): "trapped",
    ("catch", "fire"): "fire",  # "31 vehicles caught fire": burned, not captured
    ("go", "flame"): "fire",  # "How many times have the batteries gone up in flames?"
    ("burst", "flame"): "fire",
    **{
        ("catch", illness): "infection"
        for illness in """virus disease infection illness flu influenza cholera measles covid
        fever bug""".split()
    },
    # Taken to hospital is hospitalised, which the injury class holds: "23 were taken to
    # hospital", "31 runners were admitted to hospital", "how many were sent to hospital?".
    **{
        (verb, "hospital"): "injury"
        for verb in """take send rush admit bring carry fly airlift transfer transport
        ferry end""".split()
    },
}


# The same pairs by lemma: what the text's tokens are compared with.
VERB_OBJECT_LEMMAS = {(lemma(v), lemma(o)): e for (v, o), e in VERB_OBJECT_CLASSES.items()}
# Verbs and particles that name their event only without an object: "350 people turned up"
# attended; "the search turned up 40 coins" found them.
INTRANSITIVE_PAIRS = frozenset({(lemma("turn"), lemma("up"))})


# What "broke out" means by what did: a fire, a war or a riot began ("fighting broke out in
# 2014"); wolves or prisoners got out ("seven wolves broke out of the park").
OUTBREAK_NOUNS = frozenset(
    lemma(w)
    for w in """fire blaze flame war fighting violence riot clash epidemic outbreak disease
    protest panic unrest hostility""".split()
)


def broke_out(subject: str) -> str:
    """The event of "… broke out" for its subject: a start, or an escape."""
    return "start" if lemma(subject) in OUTBREAK_NOUNS else "escape"


def pair_in(verb: str, words: list[str]) -> str | None:
    """The event a verb names with the last of ``words`` (lemmas, in order) it pairs with:
    "left without a home" is displacement, not the outage "left without" alone names."""
    form = lemma(verb)
    if words[:1] == ["to"] and len(words) > 1 and (event := TO_PHRASE_LEMMAS.get((form, words[1]))):
        return event  # "got to work on Monday" started; "got work" was hired
    found = [
        VERB_OBJECT_LEMMAS.get((form, w))
        if (w not in _NEAR_WORDS or n < PARTICLE_REACH) and (w not in _NEXT_WORDS or n == 0)
        else None
        for n, w in enumerate(words)
    ]
    return next((e for e in reversed(found) if e is not None), None)


# A verb and a noun after "to" that name an event together, whatever the verb names with the
# noun as its object: "the dredger got to work" started, "set to work" too.
TO_PHRASE_LEMMAS = {(lemma(v), lemma("work")): "start" for v in ("get", "got", "set")}


# Particles that make a phrase with their verb ("caught up", "wiped out", "cut off"): right
# after it or past one word ("cut them off"), not further on ("catch the runaway salmon
# wound up" is no catching up).
PARTICLES = frozenset("up out off down in through away back".split())
PARTICLE_REACH = 2
# Words that pair with their verb only so near, as particles do ("switched on", "switched
# it on"), or only right after it ("went live"; "went to live with relatives" is no going
# live).
_NEAR_WORDS = PARTICLES | {"on"}
_NEXT_WORDS = frozenset({lemma("live")})


def verb_object_class(verb: str, obj: str) -> str | None:
    """The event a verb and its object name together ("lose" + "life": death), by lemma."""
    return VERB_OBJECT_LEMMAS.get((lemma(verb), lemma(obj)))


EVENT_NAMES = {
    "death": "deaths",
    "injury": "injured",
    "missing": "missing",
    "displacement": "displaced",
    "evacuation": "evacuated",
    "rescue": "rescued",
    "survival": "survived",
    "trapped": "trapped",
    "arrest": "arrested",
    "send": "sent",
    "return": "returned",
    "damage": "damaged",
    "repair": "repaired",
    "destruction": "destroyed",
    "collapse": "collapsed",
    "collision": "collided",
    "outage": "cut off",
    "pledge": "pledged",
    "payment": "paid",
    "cost": "cost",
    "loss": "lost",
    "spending": "spent",
    "raise": "raised",
    "saving": "saved",
    "infection": "infected",
    "recovery": "recovered",
    "hire": "hired",
    "layoff": "laid off",
    "strike": "on strike",
    "vote": "votes",
    "registration": "registered",
    "connection": "connected",
    "invalid": "invalid",
    "sale": "sold",
    "purchase": "bought",
    "birth": "born",
    "founding": "founded",
    "construction": "built",
    "installation": "installed",
    "completion": "completed",
    "opening": "opened",
    "closure": "closed",
    "switch-off": "switched off",
    "launch": "launched",
    "release": "released",
    "start": "began",
    "end": "ended",
    "election": "elected",
    "appointment": "appointed",
    "marriage": "married",
    "attendance": "attended",
    "response": "responded",
    "participation": "took part",
    "protest": "protesters",
    "discovery": "discovered",
    "escape": "escaped",
    "capture": "caught",
    "fire": "caught fire",
    "burst": "burst",
    "reopening": "reopened",
    "grounding": "ran aground",
    "derailment": "derailed",
    "cull": "culled",
    "felling": "felled",
    "cancellation": "cancelled",
    "penalty": "fined",
    "announcement": "announced",
    "decision": "decided",
}
COMPOUND_NAMES = {frozenset({"death", "injury"}): "killed or wounded"}
# Harms are named by the event alone ("deaths"), whoever suffered them.
HARM_EVENTS = frozenset({"death", "injury", "missing", "displacement"})

# Entity classes: general nouns that name the same kind of thing counted.
ENTITY_CLASSES: dict[str, frozenset[str]] = {
    "people": frozenset("person people individual man woman human folk".split()),
    "troops": frozenset(
        """troop soldier force serviceman servicemen servicewoman personnel fighter
        combatant reinforcement""".split()
    ),
    "workers": frozenset(
        """worker laborer labourer employee staff workforce crew crewman crewmember sailor
        seaman seamen seafarer mariner deckhand""".split()
    ),
    "residents": frozenset(
        "resident inhabitant citizen villager townspeople local neighbour neighbor".split()
    ),
    "children": frozenset("child kid minor youngster".split()),
    "members": frozenset("member membership".split()),
    # Who put money in for a stake, by any name: "1,240 shareholders", "how many investors?".
    "investors": frozenset("investor shareholder stockholder".split()),
    "patients": frozenset("patient".split()),
    "police": frozenset("police policeman policemen policewoman officer constable".split()),
    "homes": frozenset("home house dwelling residence household property".split()),
    "buildings": frozenset("building structure premises".split()),
    "vehicles": frozenset(
        """vehicle car truck lorry van bus automobile motorcycle carriage coach wagon railcar
        engine""".split()
    ),
    "vessels": frozenset("ship vessel boat ferry tanker freighter trawler".split()),
    "aircraft": frozenset("aircraft plane airplane aeroplane jet helicopter airliner".split()),
    "animals": frozenset("animal livestock cattle cow sheep pig goat".split()),
    "birds": frozenset("bird hen chicken duck turkey goose fowl poultry".split()),
    "samples": frozenset("sample specimen swab".split()),
    # Land farmed, by any name: "140 farms", "163 holdings", "ranches" ("holding" is also
    # the verb's form: only the plural names land).
    "farms": frozenset("farm holdings smallholding farmstead ranch plantation".split()),
    # Places to leave a car, by any name: "1,340 spaces", "parking spots", "marked bays".
    "spaces": frozenset("space spot bay".split()),
    # Parts a thing broke into, by any name: "23 fragments", "31 pieces", "bits", "chunks".
    "pieces": frozenset("piece fragment bit chunk shard lump".split()),
    # Things by no more than that they are things: "1,162 items repaired", "objects mended".
    "items": frozenset("item object belonging possession".split()),
    "fish": frozenset("fish salmon trout smolt cod haddock herring mackerel tuna carp eel".split()),
    "passengers": frozenset("passenger traveller traveler commuter rider".split()),
    "visitors": frozenset("visitor tourist sightseer guest".split()),
    # Shops by their trade too: "42 percent of pharmacies" and "half of the chemists".
    # Places that sell to the public, and the businesses that run them: "shops, pubs and
    # cafés" and "17 member businesses" count one kind of thing.
    "outlets": frozenset(
        """store shop outlet branch restaurant pharmacy chemist drugstore pub cafe café
        takeaway business""".split()
    ),
    # Jobs by the words of a workforce plan: "320 posts", "350 roles".
    "jobs": frozenset("job post role position vacancy".split()),
    # Shows put on, by any name: "16 concerts", "14 performances", "gigs", "recitals" ("show"
    # is also the verb of a report: "figures show").
    "performances": frozenset("performance concert gig recital".split()),
    # Names put to a petition or a letter, by either word: "3,400 signatures", "a thousand
    # names".
    "signatures": frozenset("signature name".split()),
    # Complaints by any name: "124 complaints were logged", "how many grumbles?".
    "complaints": frozenset("complaint grumble grievance gripe".split()),
    # Lights by any name: "1,864 street lights", "1,712 lamps", "streetlamps".
    "lights": frozenset("light lamp streetlight streetlamp lamppost".split()),
    # Groups that meet, by any name: "14 groups use the hall", "how many clubs and
    # societies meet there?".
    "groups": frozenset("group club society association guild".split()),
    # Kinds of living thing, by any name: "41 species of wildflower", "how many different
    # kinds of wild flowers?", "varieties of apple".
    "species": frozenset("species kind type variety sort breed".split()),
}
# Classes of things named by no more than that they are bits or things: "microplastic bits"
# are what "microplastic" says, whatever noun a report counts them by.
GENERAL_CLASSES = frozenset({"pieces", "items"})
# Classes of things no harm to a body befalls: "140 farms were hurt", "homes harmed by the
# flood" were damaged.
INANIMATE_CLASSES = frozenset(
    {"homes", "buildings", "vehicles", "vessels", "aircraft", "samples", "outlets", "farms"}
    | {"pieces", "performances", "signatures", "complaints"}
)
# Endings of nouns that name people by what they do: "shoppers", "councillors", "organisers",
# "specialists", "firefighters".
AGENT_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians")
# Entity classes of people: "people" is any of them when nothing else tells them apart
# ("5,900 strikers" and "4,100 workers on strike" count one thing).
PERSON_CLASSES = frozenset(
    {
        "people",
        "troops",
        "workers",
        "residents",
        "children",
        "members",
        "investors",
        "patients",
        "passengers",
        "visitors",
        "police",
    }
)

# Nouns that name an attribute measured by a figure ("the population was 70").
ATTRIBUTE_CLASSES: dict[str, frozenset[str]] = {
    "population": frozenset("population populace inhabitant".split()),
    "magnitude": frozenset("magnitude richter".split()),
    "length": frozenset("length long".split()),
    "area": frozenset("area".split()),
    "height": frozenset("height tall elevation altitude".split()),
    "depth": frozenset("depth deep".split()),
    "width": frozenset("width wide".split()),
    "weight": frozenset("weight".split()),
    "speed": frozenset("speed".split()),
    "temperature": frozenset("temperature".split()),
    "age": frozenset("age".split()),
    "rate": frozenset("rate ratio".split()),
    "price": frozenset("price".split()),
    "value": frozenset("value worth".split()),
    "budget": frozenset("budget".split()),
    "revenue": frozenset("revenue sales turnover".split()),
    "income": frozenset("income salary wage earnings earn".split()),
    # What is owed: "the club's debt", "owes £236m to its lenders".
    "debt": frozenset("debt owe borrowing".split()),
    "capacity": frozenset("capacity".split()),
    "size": frozenset("size".split()),
    "duration": frozenset("duration".split()),
    "distance": frozenset("distance".split()),
    "score": frozenset("score".split()),
    "turnout": frozenset("turnout".split()),
    # What is aimed at: "the council's target is to reach 55%", "aiming to hit", "its goal".
    "target": frozenset("target aim goal objective".split()),
}

# Attributes whose value is a count of an entity class: a town's population is its people
# ("there were 3,559 people").
ATTRIBUTE_COUNTS: dict[str, frozenset[str]] = {"population": frozenset({"people", "residents"})}

_EVENT_OF: dict[str, str] = {lemma(w): c for c, ws in EVENT_CLASSES.items() for w in ws}
_ENTITY_OF: dict[str, str] = {lemma(w): c for c, ws in ENTITY_CLASSES.items() for w in ws}
_ATTRIBUTE_OF: dict[str, str] = {lemma(w): c for c, ws in ATTRIBUTE_CLASSES.items() for w in ws}
_COMPOUND_OF = {lemma(w): c for w, c in COMPOUND_NOUNS.items()}


# Nouns whose lemma is an event verb's: "below ground" is no grounding ("ran aground",
# "grounded"), "parking spots" no sighting ("first spotted"); "fixed" says a price is set;
# "the arena fits 8,000 fans", "can fit 300" say how many it holds ("fitted" installed);
# "Mount Keldra", "mounting pressure", "roof bolts" are no installing ("mounted", "bolted").
_NOT_EVENTS = frozenset(
    {"ground", "grounds", "fixed", "spots", "notice", "fit", "fits"}
    | {"mount", "mounts", "mounting", "bolt", "bolts"}
)


def event_class(word: str) -> frozenset[str] | None:
    """The event class(es) a word names, by its lemma; None when it names none."""
    if word.lower() in _NOT_EVENTS:
        return None
    form = lemma(word)
    if form in _COMPOUND_OF:
        return _COMPOUND_OF[form]
    if form in _EVENT_OF:
        return frozenset({_EVENT_OF[form]})
    return None


def entity_class(word: str) -> str:
    """The entity class of a counted noun, or its lemma when it belongs to none; people
    named by what they do are of one class when their verbs are ("fixers", "repairers")."""
    form = lemma(word)
    return _ENTITY_OF.get(form) or _agent_class(form) or form


def is_entity_class(name: str) -> bool:
    """Whether ``entity_class`` named a class, not a lone word's lemma."""
    return name in ENTITY_CLASSES or (name.endswith("ers") and name[:-3] in EVENT_CLASSES)


# Endings of a noun for one who does what a verb says: "fixer", "demonstrator".
_AGENT_SUFFIXES = ("er", "or")


def _agent_class(form: str) -> str | None:
    """The class of people named by the verb an agent noun is made of, when an event class
    knows that verb: "fixer" and "repairer" both do a repair ("repairers"), "demonstrator"
    and "protester" protest; None for any other word ("volunteer", "water")."""
    stem = next((form[: -len(s)] for s in _AGENT_SUFFIXES if form.endswith(s)), None)
    if stem is None or len(stem) < 3:
        return None
    tries = [stem, stem + "e"]
    if stem[-1] == stem[-2]:
        tries.append(stem[:-1])  # "runner": run
    for verb in tries:
        cls = _EVENT_OF.get(lemma(verb))
        if cls is not None and verb not in _NOT_EVENTS:
            return cls + "ers"
    return None


def known_class(word: str) -> str:
    """``entity_class``, trying the word without its plural -s when no class knows it as
    written ("dwellings", which stems apart from "dwelling")."""
    cls = entity_class(word)
    if cls not in ENTITY_CLASSES and word.lower().endswith("s"):
        cls = entity_class(word.lower()[:-1])
    return cls


def attribute_class(word: str) -> str | None:
    return _ATTRIBUTE_OF.get(lemma(word))
