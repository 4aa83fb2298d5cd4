"""How to cite a quote: APA and BibTeX, naming the speaker's role on the day."""

from __future__ import annotations

import re


def _apa_author(name: str) -> str:
    """ "Anne-Marie Smith" -> "Smith, A.-M."; organisations stay as they are."""
    parts = name.split()
    if len(parts) < 2:
        return name
    initials = " ".join("-".join(piece[0] + "." for piece in part.split("-") if piece) for part in parts[:-1])
    return f"{parts[-1]}, {initials}"


def _apa_date(date) -> str:
    return f"{date.year}, {date:%B} {date.day}" if date else "n.d."


def speaker_phrase(quote) -> str:
    """ "Vladimir Putin (Russian President)", the role the speaker held on the article's date."""
    label = quote.speaker_label()
    role = quote.speaker.role_on(quote.article.published) if quote.speaker else ""
    return f"{label} ({role})" if role else label


def apa(quote, permalink: str) -> str:
    article = quote.article
    outlet = article.source.name if article.source else ""
    authors = article.authors or []
    if authors:
        names = [_apa_author(author) for author in authors]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        who = outlet
    title = article.title.rstrip(".")
    if who:
        parts = [f"{speaker_phrase(quote)}, quoted in {who} ({_apa_date(article.published)}). {title}."]
    else:  # APA: with no author, the title takes the author's place
        parts = [f"{speaker_phrase(quote)}, quoted in {title} ({_apa_date(article.published)})."]
    if outlet and authors:
        parts.append(f"{outlet}.")
    if article.url:
        parts.append(article.url)
    parts.append(f"Archived in Redline: {permalink}")
    return " ".join(parts)


# BibTeX's predefined month strings: written bare (month = sep), a style prints them in its language.
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def bibtex(quote, permalink: str) -> str:
    article = quote.article
    fields = [
        ("author", " and ".join(article.authors) or (article.source.name if article.source else "")),
        ("title", article.title),
        ("journal", article.source.name if article.source else ""),
        ("year", str(article.published.year) if article.published else ""),
        ("month", MONTH_MACROS[article.published.month - 1] if article.published else ""),
        ("day", str(article.published.day) if article.published else ""),
        ("url", article.url),
        ("note", f"Quote by {speaker_phrase(quote)}: ``{quote.text}''. Redline archive: {permalink}"),
    ]
    body = ",\n".join(f"  {name} = {_bibtex_value(name, value)}" for name, value in fields if value)
    return f"@article{{redline-quote-{quote.pk},\n{body}\n}}"


def _bibtex_value(name: str, value: str) -> str:
    if name == "month":
        return value  # BibTeX's own month macro (sep), which styles print in their language
    return f"{{{value if name == 'url' else _bibtex_escape(value)}}}"


def highwire(article, page_url: str) -> list[tuple[str, str]]:
    """Highwire Press `citation_*` meta tags, which Zotero and Google Scholar read: the
    article as published, and where it is archived here."""
    tags = [("citation_title", article.title)]
    tags += [("citation_author", author) for author in article.authors or []]
    if article.published:
        tags.append(("citation_publication_date", f"{article.published:%Y/%m/%d}"))
    if article.source:
        tags.append(("citation_journal_title", article.source.name))
    if article.url:
        tags.append(("citation_fulltext_html_url", article.url))
    tags.append(("citation_public_url", page_url))
    return tags
