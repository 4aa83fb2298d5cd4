"""One paragraph as attribution reads it: its tokens, sentences and quotes, and
where it sits in the article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archive.ingest.quotes import MarkedSpans, QuoteSpan

from .tokens import SentenceIndex, Token, sentence_ids, tokenize


@dataclass(frozen=True, kw_only=True, eq=False)
class Paragraph:
    """A paragraph's text, its tokens (a whole quote is one token) and sentences.
    `start` is where it begins in the article body, and `first_sentence` the number,
    counted through the article, of its first sentence: together they place every
    mention in the article."""

    index: int
    text: str
    start: int
    first_sentence: int
    marked: MarkedSpans
    tokens: list[Token]
    sentences: list[int]  # for each token, its sentence within the paragraph
    bounds: SentenceIndex

    @classmethod
    def read(cls, *, index: int, text: str, start: int, first_sentence: int, marked: MarkedSpans) -> Paragraph:
        tokens = tokenize(text, marked.spans)
        sentences = sentence_ids(tokens, text, marked.spans)
        return cls(
            index=index,
            text=text,
            start=start,
            first_sentence=first_sentence,
            marked=marked,
            tokens=tokens,
            sentences=sentences,
            bounds=SentenceIndex(tokens, sentences),
        )

    @property
    def spans(self) -> Sequence[QuoteSpan]:
        return self.marked.spans

    @property
    def sentence_count(self) -> int:
        return self.sentences[-1] + 1 if self.sentences else 0

    def sentence_of(self, pos: int) -> int:
        """The article-wide number of the sentence holding token pos."""
        return self.first_sentence + self.sentences[pos]

    def position(self, offset: int) -> int:
        """Where a character of this paragraph sits in the article body."""
        return self.start + offset
