"""The fixed query set of `make bench`: words, two-word ANDs, phrases and names,
common and rare, from the reporting the corpus holds."""

WORDS = [
    "escalation",
    "missiles",
    "sanctions",
    "nuclear",
    "Kremlin",
    "ceasefire",
    "NATO",
    "oil",
    "grain",
    "refugees",
    "election",
    "shares",
    "inflation",
    "drone",
    "tanks",
    "Crimea",
    "Kharkiv",
    "gas",
    "bank",
    "talks",
]
AND_PAIRS = [
    "Russia sanctions",
    "nuclear threat",
    "Ukraine weapons",
    "oil prices",
    "Putin warned",
    "Biden Zelensky",
    "military aid",
    "energy crisis",
    "peace talks",
    "interest rates",
]
PHRASES = [
    '"long-range missiles"',
    '"red line"',
    '"Black Sea"',
    '"nuclear weapons"',
    '"White House"',
    '"prime minister"',
    '"grain deal"',
    '"martial law"',
    '"special military operation"',
    '"central bank"',
]
NAMES = ["Putin", "Zelensky", "Peskov", "Biden", "Stoltenberg", "Lavrov", "Scholz", "Macron", "Johnson", "Erdogan"]

# The searches a reader types, in the order the page benchmark sends them.
SEARCH_QUERIES = [*WORDS, *AND_PAIRS, *PHRASES, *NAMES]
