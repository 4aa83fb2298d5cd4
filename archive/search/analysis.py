"""How the index reads words: Whoosh's stemming analyser with accents and transliteration
variants folded first, so "Zelenskiy", "Zelenskyy", "Zelenski" and "Zelensky" are one word
and "Orban" finds "Orbán". The same analyser reads the documents, the queries (the text
field's own) and the highlighted snippets (archive/highlighting.py), so all three agree.

Changing it changes what the index holds: `manage.py rebuild_index` after an upgrade.
"""

from __future__ import annotations

import re

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang.porter import stem

from ..ingest.speakers import fold_accents

# The endings of one Slavic name in its English, Ukrainian-official, French and German
# transliterations (-sky, -skyy, -skiy, -skyi, -ski, -skij; -iy, -yy, -yi, -ij, -ii), on
# words long enough to be names rather than English words ("sky", "ski").
TRANSLITERATED_ENDING = re.compile(r"(?<=\w{3})(?:sk(?:yy|iy|yi|ij|ii|i|y)|yy|iy|yi|ij|ii)$")


def fold_word(word: str) -> str:
    """One lower-case word as the index holds it before stemming: accents dropped, a
    transliterated ending made one ("zelenskiy" -> "zelensky", "dmitriy" -> "dmitry")."""
    word = fold_accents(word)
    return TRANSLITERATED_ENDING.sub(lambda ending: "sky" if ending.group().startswith("sk") else "y", word)


class FoldingFilter(Filter):
    """Whoosh filter: fold_word on every token (a module-level class, so the index's
    stored schema can name it)."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold_word(token.text)
            yield token


def text_analyzer():
    """Whoosh's StemmingAnalyzer with FoldingFilter after lower-casing."""
    return RegexTokenizer() | LowercaseFilter() | FoldingFilter() | StopFilter() | StemFilter(stemfn=stem)


TEXT_ANALYZER = text_analyzer()


def index_words(text: str) -> list[str]:
    """The words of a text as the index holds them (folded, stemmed, stop words gone)."""
    return [token.text for token in TEXT_ANALYZER(text)]
