"""Tokens and sentences: a paragraph as words, punctuation and whole quotes, and
where each sentence starts and ends."""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.ingest.lexicon import (
    ABBREVIATIONS,
    CONTRACTIONS,
    IRREGULAR_PAST,
    NON_NAME_WORDS,
    NP_STOP,
    ORG_HEADS,
    PERSON_HEADS,
    PRONOUNS,
    ROLE_MODIFIERS,
    SPEECH_VERBS,
    TITLE_WORDS,
    VERB_FILLERS,
)
from archive.ingest.quotes import QuoteSpan

TOKEN_RE = re.compile(r"\w(?:[\w'’\-]|\.(?=\w))*\.?|--|[,;:()—–!?.\-]")


POSSESSIVE_RE = re.compile(r"['’]s?$")


def bare_word(word: str) -> str:
    """A word lower-cased, without its possessive and trailing comma: "Ministry's" ->
    "ministry". Not strip("'s"), which would turn "Senate" into "enate"."""
    return POSSESSIVE_RE.sub("", word.lower().rstrip(",."))


class Token:
    """One word, punctuation mark or whole quote. A plain slotted class: a paragraph
    makes hundreds of these, and tokens are compared by identity."""

    __slots__ = ("text", "lower", "start", "end", "kind", "quote", "cap")

    def __init__(self, *, text: str, lower: str, start: int, end: int, kind: str, quote: int = -1) -> None:
        self.text = text
        self.lower = lower
        self.start = start
        self.end = end
        self.kind = kind  # "w" word, "p" punctuation, "q" quote
        self.quote = quote  # index into the paragraph's spans, for kind "q"
        self.cap = kind == "w" and text[0].isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.kind}, {self.start})"


def closing_mark_length(text: str, span: QuoteSpan) -> int:
    if span.open_ended:
        return 0
    return 2 if text.startswith(("''", "``"), span.end) else 1


def tokenize(text: str, spans: Sequence[QuoteSpan]) -> list[Token]:
    """Words and punctuation outside the quotes, each quote as one token."""
    tokens: list[Token] = []
    cursor = 0
    bounds = [(s.start - len(s.mark), s.end + closing_mark_length(text, s), index) for index, s in enumerate(spans)]
    bounds.append((len(text), len(text), -1))
    for q_start, q_end, index in bounds:
        for match in TOKEN_RE.finditer(text, cursor, max(cursor, q_start)):
            word = match.group()
            start = match.start()
            if len(word) > 1 and word.endswith(".") and not _is_abbreviation(word):
                tokens.append(
                    Token(text=word[:-1], lower=word[:-1].lower(), start=start, end=match.end() - 1, kind="w")
                )
                tokens.append(Token(text=".", lower=".", start=match.end() - 1, end=match.end(), kind="p"))
                continue
            kind = "w" if word[0].isalnum() or word[0] == "_" else "p"
            lower = word.lower()
            cut = _contraction_cut(lower) if kind == "w" and ("'" in word or "’" in word) else 0
            if cut:
                # "he's said", "she'd told": the pronoun is the subject, the rest an auxiliary
                tokens.append(Token(text=word[:cut], lower=lower[:cut], start=start, end=start + cut, kind="w"))
                tokens.append(Token(text=word[cut:], lower=lower[cut:], start=start + cut, end=match.end(), kind="w"))
                continue
            tokens.append(Token(text=word, lower=lower, start=start, end=match.end(), kind=kind))
        if index >= 0:
            tokens.append(Token(text=text[q_start:q_end], lower="", start=q_start, end=q_end, kind="q", quote=index))
        cursor = max(cursor, q_end)
    return tokens


def _contraction_cut(lower: str) -> int:
    """Where a pronoun's contracted auxiliary starts ("he's", "they’ve"), else 0."""
    for mark in ("'", "’"):
        cut = lower.find(mark)
        if cut > 0 and lower[:cut] in PRONOUNS and lower[cut + 1 :] in CONTRACTIONS:
            return cut
    return 0


def _is_abbreviation(word: str) -> bool:
    bare = word[:-1]
    return bare.lower() in ABBREVIATIONS or (len(bare) == 1 and bare.isupper()) or "." in bare


def sentence_ids(tokens: Sequence[Token], text: str, spans: Sequence[QuoteSpan]) -> list[int]:
    ids: list[int] = []
    current = 0
    for pos, token in enumerate(tokens):
        ids.append(current)
        nxt = tokens[pos + 1] if pos + 1 < len(tokens) else None
        if nxt is None:
            continue
        ends = token.kind == "p" and token.text in ".!?"
        if token.kind == "q":
            quoted = text[spans[token.quote].start : spans[token.quote].end].rstrip()
            ends = quoted[-1:] in ".!?"
        if ends and (nxt.kind == "q" or nxt.cap):
            current += 1
    return ids


# How many tokens either side of a quote its cue is looked for in: far more than any
# real sentence needs, and it keeps the work per quote bounded in run-on text.
CUE_WINDOW = 80


class SentenceIndex:
    """Where each token's sentence starts and ends, the next quote token and a running
    count of words, so a quote finds its sentence in constant time however long the
    paragraph is."""

    __slots__ = ("ids", "_first", "_end", "_next_quote", "_words")

    def __init__(self, tokens: Sequence[Token], ids: Sequence[int]) -> None:
        self.ids = ids
        self._first: list[int] = []
        self._end: list[int] = []
        for pos, sentence in enumerate(ids):
            if sentence == len(self._first):
                self._first.append(pos)
                self._end.append(pos + 1)
            else:
                self._end[sentence] = pos + 1
        self._next_quote = [len(tokens)] * (len(tokens) + 1)
        for pos in range(len(tokens) - 1, -1, -1):
            self._next_quote[pos] = pos if tokens[pos].kind == "q" else self._next_quote[pos + 1]
        self._words = [0]
        for token in tokens:
            self._words.append(self._words[-1] + (token.kind == "w"))

    def start(self, pos: int) -> int:
        """The first token of pos's sentence, at most CUE_WINDOW tokens back."""
        return max(self._first[self.ids[pos]], pos - CUE_WINDOW)

    def true_start(self, pos: int) -> int:
        return self._first[self.ids[pos]]

    def end(self, pos: int) -> int:
        """One past the last token of pos's sentence, at most CUE_WINDOW tokens on."""
        return min(self._end[self.ids[pos]], pos + CUE_WINDOW)

    def sentence(self, index: int) -> tuple[int, int]:
        """The first token of the paragraph's sentence `index` and one past its last."""
        return self._first[index], self._end[index]

    def next_quote(self, pos: int) -> int:
        return self._next_quote[pos]

    def has_words(self, first: int, end: int) -> bool:
        return self._words[end] > self._words[first]


def is_name_word(token: Token) -> bool:
    return token.cap and token.lower not in NON_NAME_WORDS


def is_role_word(token: Token) -> bool:
    bare = token.lower.rstrip(".")
    return token.kind == "w" and (bare in TITLE_WORDS or token.lower in TITLE_WORDS or bare in ROLE_MODIFIERS)


def is_head(token: Token) -> bool:
    bare = token.lower.rstrip(".")
    return token.kind == "w" and (bare in PERSON_HEADS or bare in ORG_HEADS or bare in TITLE_WORDS or token.cap)


def is_possessive(token: Token) -> bool:
    return token.kind == "w" and token.lower.endswith(("'s", "’s", "s'", "s’")) and token.lower[0] not in "'’"


def opens_predicate(token: Token) -> bool:
    """Whether a word after a subject is its verb: a finite speech verb, an auxiliary
    or a past tense."""
    return (
        token.kind == "w"
        and not token.cap
        and (
            (token.lower in SPEECH_VERBS and not token.lower.endswith("ing"))
            or token.lower in VERB_FILLERS
            or token.lower.endswith("ed")
            or token.lower in IRREGULAR_PAST
        )
    )


def is_plain_noun(token: Token) -> bool:
    """A lower-case word that may end a noun phrase: not an adverb or auxiliary."""
    return (
        token.kind == "w"
        and not token.cap
        and not token.lower.endswith("ly")
        and token.lower not in VERB_FILLERS
        and token.lower not in NP_STOP
    )
