"""Catastrophic backtracking in editors' patterns, found before they run.

Python's `re` backtracks: a group repeated around a repeat of its own, with
nothing fixed to tell one repetition from the next (`(\\w+\\s?)+x`), tries every
way of cutting a word into pieces, and a thirty-letter quote then takes
minutes. Each repeat inside a repeated group must therefore be fenced by a
required stretch of characters it cannot match itself: `(?:\\w+ )+` is fine
(a word cannot swallow the space), `(\\w+\\s?)+` is not (the space is optional).
Overlapping alternatives (`(a|ab)+`) are not detected.
"""

from __future__ import annotations

from re import _constants as sre
from re import _parser as sre_parse  # the standard library's own pattern parser

REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)  # possessive repeats never backtrack
SINGLE_CHARACTERS = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)
# Characters tried when two character sets are compared: enough of Latin, spacing
# and typographic marks to tell \w from \s from punctuation; each set's own
# literals are tried too.
PROBE = [chr(code) for code in range(0x20, 0x250)] + list(
    "\t\n\r\u00a0\u2009\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
)


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` could backtrack catastrophically, or None. Raises re.error if it does not parse."""
    ignore_case = bool(flags & sre.SRE_FLAG_IGNORECASE)
    for op, av in _walk(sre_parse.parse(pattern, flags)):
        if op in REPEATS and av[1] > 1:
            body = _sequence(av[2])
            for inner_op, inner_av in _walk(body):
                if inner_op in REPEATS and inner_av[1] > inner_av[0] and not _fenced(inner_av, body, ignore_case):
                    return (
                        "a repeated group holds a repeat that nothing required separates from the next "
                        "repetition (like “(\\w+\\s?)+”): matching it can take minutes. Put a required "
                        "character between repetitions (“(?:\\w+ )+”) or bound the words (“(?:\\w+ ){0,3}”)."
                    )
    return None


def _walk(items):
    for op, av in items:
        yield op, av
        if op in (*REPEATS, sre.POSSESSIVE_REPEAT):
            yield from _walk(av[2])
        elif op == sre.SUBPATTERN:
            yield from _walk(av[3])
        elif op == sre.BRANCH:
            for branch in av[1]:
                yield from _walk(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _walk(av[1])
        elif op == sre.ATOMIC_GROUP:
            yield from _walk(av)
        elif op == sre.GROUPREF_EXISTS:
            yield from _walk(av[1])
            if av[2] is not None:
                yield from _walk(av[2])


def _sequence(items) -> list:
    """The items of a group's body, a plain group unwrapped: `(a+b)` → a+, b."""
    items = list(items)
    while len(items) == 1 and items[0][0] == sre.SUBPATTERN:
        items = list(items[0][1][3])
    return items


def _fenced(repeat, body, ignore_case: bool) -> bool:
    """Whether a required item of the group's body is made of characters the repeat cannot match."""
    consumed = list(_walk(repeat[2]))
    for op, av in body:
        if op in REPEATS and av[0] >= 1 and av is not repeat:
            fence = list(_walk(av[2]))
        elif op in SINGLE_CHARACTERS:
            fence = [(op, av)]
        else:
            continue
        if all(leaf[0] in SINGLE_CHARACTERS for leaf in fence):
            probe = PROBE + [chr(code) for code in _literals(fence)]
            if not any(_matches(fence, ch, ignore_case) and _matches(consumed, ch, ignore_case) for ch in probe):
                return True
    return False


def _literals(items):
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            yield av
        elif op == sre.IN:
            for item_op, item_av in av:
                if item_op == sre.LITERAL:
                    yield item_av
                elif item_op == sre.RANGE:
                    yield from item_av


def _matches(items, ch: str, ignore_case: bool) -> bool:
    """Whether any character-consuming item among these could match `ch` (a backreference could match anything)."""
    forms = {form for form in (ch, ch.lower(), ch.upper()) if len(form) == 1} if ignore_case else {ch}
    for op, av in items:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            return True
        if op == sre.ANY and ch != "\n":
            return True
        if op == sre.LITERAL and any(ord(form) == av for form in forms):
            return True
        if op == sre.NOT_LITERAL and all(ord(form) != av for form in forms):
            return True
        if op == sre.IN and any(_in_set(av, form) for form in forms):
            return True
    return False


CATEGORIES = {
    sre.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    sre.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
}


def _in_set(items, ch: str) -> bool:
    negated = bool(items) and items[0][0] == sre.NEGATE
    found = False
    for op, av in items:
        if op == sre.LITERAL:
            found = ord(ch) == av
        elif op == sre.RANGE:
            found = av[0] <= ord(ch) <= av[1]
        elif op == sre.CATEGORY:
            found = CATEGORIES.get(av, lambda _: True)(ch)
        if found:
            break
    return found != negated
