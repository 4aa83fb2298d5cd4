"""From bytes and raw article text to clean body paragraphs: decode, normalise whitespace and
control characters, split paragraphs, drop boilerplate and repeated paragraphs.

Characters are otherwise kept verbatim (no Unicode normalisation, no quote
straightening): quote offsets point into the joined body."""

from __future__ import annotations

import re
from collections.abc import Iterable

from charset_normalizer import from_bytes

from .records import UnreadableInput

# --- normalisation --------------------------------------------------------

# Line and paragraph separators other than "\n" become "\n"; invisible and
# control characters are deleted; exotic spaces become a plain space.
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_INVISIBLE = (
    "".join(chr(c) for c in range(0x00, 0x09))
    + "".join(chr(c) for c in range(0x0E, 0x1C))
    + "\x1f\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0) if c != 0x85)
    + "\u00ad\u200b\u2060\ufeff"
)
_SPACES = "\t\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"
_REPLACEMENTS = {**{c: "\n" for c in _LINE_BREAKS}, **{c: "" for c in _INVISIBLE}, **{c: " " for c in _SPACES}}
# One scan with a callback only on the rare hits: much faster than str.translate.
_SPECIAL_CHARACTER = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n[ \n]*\n")

# A block of lines that is hard-wrapped prose rather than one paragraph a line.
_WRAP_MIN, _WRAP_MAX = 50, 100
_ENDS_UNIT = re.compile(r"[.!?:;”\"’')\]]$")


def _replace_special(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def normalise_text(raw_text: str) -> str:
    """Unify newlines, delete control and zero-width characters, turn odd
    spaces into plain ones, collapse space runs and strip every line."""
    text = _SPECIAL_CHARACTER.sub(_replace_special, raw_text.replace("\r\n", "\n"))
    text = _SPACE_RUN.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


def _is_hard_wrapped(lines: list[str]) -> bool:
    body = lines[:-1]
    return (
        all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in body)
        and len(lines[-1]) <= _WRAP_MAX
        and any(not _ENDS_UNIT.search(line) for line in body)
    )


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalised text: blank-line separated blocks, and inside a
    block one paragraph a line, unless the block is hard-wrapped prose."""
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        if len(lines) > 1 and _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


# --- boilerplate ------------------------------------------------------------

# Only paragraphs up to this length are tested against the line patterns: the
# 2022 scrapers ran whole articles into one paragraph, which must never be
# dropped because it happens to start with "Read more".
SHORT_LINE = 300

# Whole-line labels: page furniture, share buttons, comment widgets.
_FURNITURE = re.compile(
    r"(?:comments?|rules|related(?: (?:stories|articles|content|coverage|links|topics|news))?"
    r"|more (?:on|about) this (?:story|topic)|more from [\w .’'&-]{1,40}|most (?:read|popular|viewed)"
    r"|tagged in|tags|topics|share|share (?:this|the) (?:article|story|page)|share this"
    r"|share (?:on|via) [\w ]{1,30}|advertisement|advert|sponsored(?: content)?|skip advertisement"
    r"|interactive|listen to this article|read more|update|updated|print|email|e-mail|copy link"
    r"|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|messenger|flipboard"
    r"|image|photo|video|watch|gallery|play video|close|menu|next|previous|back to top"
    r"|(?:view|show|hide|load|read|join) (?:all |the |more )?(?:comments?|conversation)"
    r"|\d+ comments?|comments? \(\d+\))"
    r"[\s:.…|»›>-]*",
    re.IGNORECASE,
)

# Lines that begin as a call to action or a widget label.
_CALL_TO_ACTION = re.compile(
    r"(?:sign up(?:\s*[:|»›-]|\s+(?:for|to|now|here|today|using|with)\b|$)|subscribe (?:to|now|for|today|here)\b"
    r"|read more(?:\s*[:|»›>-]|\s+(?:from|about|on|at|in|here|of)\b|$)|read (?:the )?(?:full|next|original) "
    r"(?:story|article)\b|click here\b|tap here\b|download (?:now|the|our)\b|get (?:the|our) (?:free )?app\b"
    r"|follow (?:us|our live blog)\b|we recommend these\b|recommended (?:for you|stories|articles)\b"
    r"|tagged in:|tags:|topics:|complete your personal details\b|you must be logged in\b"
    r"|log in to comment\b|to comment,? (?:please )?(?:log|sign) in\b|share (?:this|on)\b"
    r"|(?:update|updated)(?: at)?:?\s*(?:\d{1,2}[:.]\d{2}|\d{1,2} \w+ \d{4}|\w+ \d{1,2},? \d{4})"
    r"|(?:watch|listen|video|audio):\s)",
    re.IGNORECASE,
)

# Promotions recognised anywhere inside a short paragraph.
_PROMO = re.compile(
    r"our app has it all|download now\b|all-access coverage|get your game on\b"
    r"|(?:straight|direct(?:ly)?|sent) to your inbox|newsletter here\b"
    r"|sign up (?:for|to) (?:our|the|a)\b[^.]{0,40}newsletter|free trial\b|promo code\b"
    r"|(?:enable|turn on) (?:javascript|notifications)|this (?:video|content) is not available",
    re.IGNORECASE,
)

# Words every _PROMO alternative contains, to skip the regex on ordinary prose.
_PROMO_HINTS = (
    "app",
    "download",
    "access",
    "game on",
    "inbox",
    "newsletter",
    "trial",
    "promo",
    "enable",
    "turn on",
    "not available",
)
# Promotions carry no quotations; a paragraph that quotes someone is reporting.
_QUOTE_MARK = re.compile(r"[“”\"]")

# Picture agencies, for credits written "Name/Agency".
_AGENCIES = (
    r"(?:Getty(?: Images)?|AFP|AP|Reuters|EPA(?:-EFE)?|Shutterstock|Alamy|PA(?: Media| Wire)?|Bloomberg"
    r"|Sipa(?: USA)?|dpa|DDP|TASS|Sputnik|RIA Novosti|Anadolu(?: Agency)?|NurPhoto|SOPA Images|Xinhua"
    r"|Pool|Handout|The Guardian|The Observer|Rex(?:/Shutterstock)?|Zuma(?: Press)?|Redux|Panos|Magnum)"
)

# A whole-line photo credit. Group "who" is the credited name where there is one.
_PHOTO_CREDIT_LINE = re.compile(
    r"(?:"
    r"(?:photograph|photography|photo|photos|picture|pictures|image|images|illustration|photo credit"
    r"|image credit|credit|photographer|foto)s?\s*(?:by)?\s*:\s*(?P<labelled>\S.{0,120})"
    r"|\(?(?:(?:AP|AFP|Reuters) )?(?:photo|picture|image)s? by:?\s+(?P<by>(?-i:[A-Z])[^()]{0,119}?)\)?\.?"
    r"|\(?(?:AP|AFP|Reuters) Photo(?:/(?P<wire>[^()]{1,80}?))?(?:, (?:file|pool))?\)?"
    r"|(?P<agency_credit>[^/\n]{1,60}(?:/[^/\n]{1,40})*/" + _AGENCIES + r"(?: via Getty Images)?)"
    r"|(?P<via>.{1,80}? via Getty Images)"
    r"|(?P<agency_only>" + _AGENCIES + r"(?: via Getty Images)?)"
    r")",
    re.IGNORECASE,
)

# Credits and promos embedded in run-together text, with a recognisable end.
_INLINE_BOILERPLATE = re.compile(
    r"\((?:(?:AP|AFP|Reuters) Photo(?:/[^()]{1,80})?|(?:Photo|Picture|Image)s? by:? [^()]{1,80})\)"
    r"|(?:Photograph|Photographer|Photo by|Photo): [^/“”\"]{1,60}(?:/[^/“”\"]{0,40}?)*?/{1,2}"
    r"(?:[^/“”\"]{0,40}? via Getty Images|"
    + _AGENCIES
    + r"(?:(?:/{1,2}|-)[\w-]+(?: Images)?)*(?: via Getty Images)?)\b"
    r"|Get (?:all )?the (?:latest )?news(?: you want)? (?:sent )?(?:straight )?to your inbox\.?"
    r"|Sign up for (?:the |a |our )?(?:free )?[\w’' ]{0,30}?newsletters?(?: here)?\.?"
    r"|Click here to follow our live blog(?: (?:with|covering|for) (?:all )?the latest[\w’' ]{0,30}?"
    r"updates(?: on the conflict)?| covering all the conflict[’']s updates)?\.?",
)
_INLINE_HINTS = ("Photo", "Picture", "Image", "inbox", "Sign up", "Click here")

_CREDIT_LABEL = re.compile(r"photograph|photographer|photo|picture|image|credit|foto", re.IGNORECASE)


def photo_credit(paragraph: str) -> str | None:
    """The credited name when the whole paragraph is a photo credit
    ("Photograph: Jane Roe/AP" -> "Jane Roe/AP"), "" when it is a credit
    naming nobody ("Getty Images"), None when it is not a credit."""
    if len(paragraph) > 160:
        return None
    match = _PHOTO_CREDIT_LINE.fullmatch(paragraph)
    if not match:
        return None
    for group in ("labelled", "by", "wire", "agency_credit", "via"):
        if match.group(group):
            return match.group(group).strip(" .)")
    return ""


def is_labelled_credit(paragraph: str) -> bool:
    """A credit that says it is one ("Photograph: ..."), as opposed to a bare name."""
    return photo_credit(paragraph) is not None and bool(_CREDIT_LABEL.match(paragraph.lstrip("(")))


def _is_promotion(paragraph: str) -> bool:
    lowered = paragraph.lower()
    return (
        any(hint in lowered for hint in _PROMO_HINTS)
        and not _QUOTE_MARK.search(paragraph)
        and bool(_PROMO.search(paragraph))
    )


def is_boilerplate(paragraph: str) -> bool:
    """Page furniture, promotions, calls to action and photo credits."""
    if len(paragraph) > SHORT_LINE:
        return False
    return bool(
        _FURNITURE.fullmatch(paragraph)
        or _CALL_TO_ACTION.match(paragraph)
        or _is_promotion(paragraph)
        or photo_credit(paragraph) is not None
    )


def strip_inline_boilerplate(paragraph: str) -> str:
    """Remove credits and newsletter promos that scrapers ran into the prose."""
    if not any(hint in paragraph for hint in _INLINE_HINTS):
        return paragraph
    stripped = _INLINE_BOILERPLATE.sub("", paragraph)
    if stripped == paragraph:
        return paragraph
    return _SPACE_RUN.sub(" ", stripped).strip()


def clean_paragraphs(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Drop boilerplate paragraphs (and the caption a labelled photo credit
    closes), strip inline residue, and keep a paragraph printed twice in a
    row once."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if is_boilerplate(paragraph):
            # A caption sits right above its "Photograph: ..." credit; the
            # first paragraph (the standfirst or lead) is never one, nor is
            # a paragraph that quotes someone.
            if (
                len(kept) > 1
                and len(kept[-1]) <= 250
                and not _QUOTE_MARK.search(kept[-1])
                and is_labelled_credit(paragraph)
            ):
                kept.pop()
            continue
        paragraph = strip_inline_boilerplate(paragraph)
        if paragraph and (not kept or paragraph != kept[-1]):
            kept.append(paragraph)
    return tuple(kept)


def clean_text(raw_text: str) -> tuple[str, ...]:
    """Raw text to clean paragraphs, without reading any header metadata."""
    return clean_paragraphs(split_paragraphs(normalise_text(raw_text)))


def decode_text(data: bytes, *, label: str = "input") -> str:
    """Bytes to text: UTF-8 when it is, else the charset charset-normalizer detects.

    Binary data (NUL bytes, or no charset that reads as text) is refused.
    """
    if not data.strip():
        raise UnreadableInput(f"{label}: the file is empty.")
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere: PostgreSQL cannot store one, and no article holds one
        raise UnreadableInput(f"{label}: this is a binary file, not text (a NUL byte at byte {nul:,}).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableInput(f"{label}: the file is not text in any charset we can detect.")
    return str(best)
