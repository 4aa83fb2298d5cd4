"""What the archive holds: outlets, articles, the people quoted, and their quotes.

Writes go through archive.services; reads through the QuerySet methods here.
"""

import functools

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse

from .ingest.escalation import ACT_LABELS, ACTS, SHOWN_ACT_LABELS, UNCODED, UNCODED_BELOW, shown_act
from .ingest.records import PARAGRAPH_SEPARATOR
from .ingest.speakers import speaker_key


def object_url(name: str, arg) -> str:
    """reverse(name, args=[arg]) for a URL with one argument, reversed once per process:
    reverse() costs tens of microseconds, and a page of results asks for several URLs a row."""
    before, after = _url_around_argument(name, get_script_prefix())
    return f"{before}{arg}{after}"


@functools.lru_cache(maxsize=64)
def _url_around_argument(name: str, script_prefix: str) -> tuple[str, str]:
    placeholder = "0123456789"  # an int and a slug alike
    before, _, after = reverse(name, args=[placeholder]).partition(placeholder)
    return before, after


class EscalationTerm(models.Model):
    """An editor's addition to the escalation lexicon (archive/ingest/escalation.py).

    New terms code quotes ingested from then on; `manage.py code_escalation`
    recodes the quotes already held.
    """

    class Kind(models.TextChoices):
        ACT = "act"
        WEAPON = "weapon"
        TARGET = "target"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(
        max_length=100,
        help_text="For an act, one of: "
        + ", ".join(ACTS)
        + ". For a weapon or target, its name (“Storm Shadow”, “NATO”); "
        "the filter value is the name in lower case with hyphens (storm-shadow).",
    )
    pattern = models.CharField(
        max_length=500,
        help_text="A regular expression, case-insensitive, matched as whole words: "
        "<code>storm shadows?|scalp</code>. Quotes are matched for acts and targets; the quote's sentence too for weapons.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why this term, for the next editor.")

    class Meta:
        ordering = ["kind", "label"]

    def __str__(self):
        return f"{self.kind}: {self.label} ~ {self.pattern}"

    def as_term(self):
        from .ingest.escalation import Term

        return Term(kind=self.kind, label=self.label, pattern=self.pattern)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .ingest.escalation import InvalidTerm, compile_term

        try:
            compile_term(self.as_term())
        except InvalidTerm as error:
            raise ValidationError(str(error)) from None


class QuoteGroup(models.Model):
    """The copies of one quote across outlets: the same words or near them."""

    key = models.CharField(max_length=20, db_index=True, help_text="The normalised-text hash of its first quote.")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"quote group {self.pk}"


class ArticleGroup(models.Model):
    """Near-duplicate articles: wire copies of one story in several outlets."""

    key = models.CharField(max_length=20, db_index=True, help_text="The normalised-body hash of its first article.")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"article group {self.pk}"


class Source(models.Model):
    """A news outlet."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def with_related(self):
        # A saved web page can be megabytes; no page shows it.
        return self.select_related("source").defer("raw_html")

    def latest_first(self):
        return self.order_by(models.F("published").desc(nulls_last=True), "-created")

    def with_quote_count(self):
        # Counted per article shown, not by joining every quote and grouping: a page of the
        # newest 20 of 5,000 articles took 1.25 s grouped, 5 ms so.
        counted = (
            Quote.objects.filter(article=models.OuterRef("pk"), rejected=False)
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(quote_count=Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0))


class Article(models.Model):
    """One news article: the raw text as received, and the clean body derived from it."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500)
    title_derived = models.BooleanField(
        default=False, help_text="The text had no headline: the title was made from its lead."
    )
    standfirst = models.TextField(blank=True)
    section = models.CharField(max_length=200, blank=True)
    authors = models.JSONField(default=list, blank=True)
    photo_credit = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    raw_text = models.TextField(help_text="The text exactly as received.")
    raw_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    raw_html = models.TextField(
        blank=True, help_text="The web page exactly as fetched or uploaded, when the text came from HTML."
    )
    raw_html_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    captured_at = models.DateTimeField(null=True, blank=True, help_text="When the web page was fetched.")
    body = models.TextField(help_text="Clean paragraphs separated by blank lines; quote offsets point into it.")
    body_sha256 = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Finds the same article received with other whitespace or line endings.",
    )
    text_key = models.CharField(
        max_length=20,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Hash of the body with case, punctuation and spacing folded.",
    )
    group = models.ForeignKey(ArticleGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-created"]
        indexes = [models.Index(fields=["published"]), models.Index(fields=["url"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("article-detail", self.pk)

    def paragraphs(self):
        """The body's paragraphs with their start offsets."""
        offset = 0
        for paragraph in self.body.split(PARAGRAPH_SEPARATOR):
            yield offset, paragraph
            offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)


class SpeakerQuerySet(models.QuerySet):
    def with_quote_count(self):
        return self.annotate(quote_count=Count("quotes", filter=Q(quotes__rejected=False), distinct=True))

    def most_quoted(self):
        return self.with_quote_count().filter(quote_count__gt=0).order_by("-quote_count", "name")


class Speaker(models.Model):
    """A person (or an organisation) quoted in the archive, one row however they are named."""

    class Kind(models.TextChoices):
        PERSON = "person"
        ORGANISATION = "organisation"

    name = models.CharField(max_length=300, help_text="The canonical name.")
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    confirmed = models.BooleanField(
        default=False,
        help_text="An editor made, edited or merged into this speaker, or gave it a quote: "
        "resolution (manage.py resolve_speakers) never folds it into another speaker.",
    )

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("speaker-detail", self.slug)

    def role_titles(self):
        return list(dict.fromkeys(role.title for role in self.roles.all()))

    def role_on(self, date):
        """The title the speaker held on a date: a role seen around then, else the nearest in time."""
        roles = list(self.roles.all())
        if not roles:
            return ""
        if date is None:
            return roles[0].title

        def distance(role):
            start, end = role.start or role.end, role.end or role.start
            if start is None:
                return (1, 0)
            if start <= date <= end:
                return (0, 0)
            return (0, min(abs((date - start).days), abs((date - end).days)))

        return min(roles, key=distance).title


class SpeakerRedirect(models.Model):
    """A slug that named a speaker before a merge or a rename: its pages, feeds and
    filters answer with a permanent redirect to the speaker that holds its quotes now."""

    old_slug = models.SlugField(max_length=300, unique=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="redirects")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.speaker.slug}"


class SpeakerAlias(models.Model):
    """Another way the archive has seen a speaker named. `key` is the
    normalised form (archive.ingest.speakers.speaker_key) used for matching."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True)
    surname = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="The key's last word: finds everyone with a surname."
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["speaker", "name"], name="unique_alias_per_speaker")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = speaker_key(self.name)[:300]  # the key always follows the name
        self.surname = alias_surname(self.key)
        super().save(*args, **kwargs)


def alias_surname(key: str) -> str:
    return key.split()[-1][:100] if key else ""


class SpeakerRole(models.Model):
    """A role a speaker held ("Kremlin spokesperson"), with the dates it was seen or known."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True, help_text="Lower-cased title, for resolving mentions.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["speaker", "key"], name="unique_role_per_speaker")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.key = self.title.lower()[:300]  # the key always follows the title
        super().save(*args, **kwargs)


class QuoteQuerySet(models.QuerySet):
    def shown(self):
        """What the public pages, the API and the index may show: not the spans an editor rejected."""
        return self.filter(rejected=False)

    def with_related(self):
        return self.select_related("speaker", "article", "article__source")

    def latest_first(self):
        return self.order_by(models.F("article__published").desc(nulls_last=True), "-article__created", "start")

    def by_speaker(self, speaker):
        return self.filter(speaker=speaker)

    def coded(self, *, act=None, weapon=None, target=None):
        """Filter by escalation code, as readers are shown it: `act` "uncoded" is the quotes the
        coder was unsure of, and any other act leaves them out. Weapons and targets are JSON
        lists of slugs: matching the quoted slug in the stored JSON text works on SQLite and
        PostgreSQL alike."""
        quotes = self
        if act == UNCODED:
            quotes = quotes.filter(UNSURE)
        elif act:
            quotes = quotes.filter(act=act).exclude(UNSURE)
        if weapon:
            quotes = quotes.filter(weapons__icontains=f'"{weapon}"')
        if target:
            quotes = quotes.filter(targets__icontains=f'"{target}"')
        return quotes

    def earliest_first(self):
        return self.order_by(models.F("article__published").asc(nulls_last=True), "article__created", "start")

    def with_shown_act(self):
        """Each quote's act as readers are shown it, as `shown`."""
        return self.annotate(
            shown=models.Case(models.When(UNSURE, then=models.Value(UNCODED)), default=models.F("act"))
        )

    def full_statements(self):
        """Quotes of at least FULL_STATEMENT_WORDS words (a regular expression the database runs)."""
        return self.filter(text__regex=rf"\S+(\s+\S+){{{FULL_STATEMENT_WORDS - 1}}}")

    def matching(self, text):
        """A plain substring filter: the database fallback when no search query is given."""
        return self.filter(Q(text__icontains=text))

    def needs_review(self):
        """The editors' review queue: quotes no editor has accepted or rejected, least confident first."""
        return self.filter(rejected=False, reviewed_at__isnull=True).order_by(*REVIEW_ORDER)


# "Full statements only" leaves out quotes of one to three words: a word or phrase a
# reporter quoted inside a sentence of their own ("called it “reckless”").
FULL_STATEMENT_WORDS = 4

# A code the coder was unsure of and no editor has set: readers see "uncoded", not the guess.
UNSURE = Q(codes_corrected=False, act_confidence__lt=UNCODED_BELOW)

# The review queue's order, least confident first: the attribution's confidence (quotes held
# before it was measured come after the measured ones), then quotes without a named speaker,
# then the coder's least sure acts.
REVIEW_ORDER = [
    models.F("confidence").asc(nulls_last=True),
    models.Case(
        models.When(attribution__in=["unattributed", "anonymous"], then=models.Value(0)),
        default=models.Value(1),
    ),
    "act_confidence",
    "article_id",
    "start",
]


class ShownQuoteManager(models.Manager.from_queryset(QuoteQuerySet)):
    """`Quote.objects` and `article.quotes`: rejected spans are left out of every public read."""

    def get_queryset(self):
        return super().get_queryset().shown()


class Quote(models.Model):
    """A direct quote: an exact span of an article's clean body."""

    class Attribution(models.TextChoices):
        NAMED = "named"
        PRONOUN = "pronoun"
        TITLE = "title"
        ANONYMOUS = "anonymous"
        UNATTRIBUTED = "unattributed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    source_description = models.CharField(
        max_length=300, blank=True, help_text="For an anonymous source: the description as written."
    )
    cue = models.CharField(max_length=100, blank=True, help_text="The speech verb.")
    attribution = models.CharField(max_length=20, choices=Attribution.choices)
    confidence = models.FloatField(
        null=True,
        blank=True,
        help_text="How sure the extractor is of the speaker, 0-1 (archive/ingest/attribution/decision.py); "
        "an editor's correction is 1; empty for quotes held before it was measured.",
    )
    corrected = models.BooleanField(
        default=False, help_text="An editor set the span, speaker or attribution: re-extraction keeps it."
    )
    rejected = models.BooleanField(
        default=False, help_text="Not a quote: hidden from the public pages, the API and search."
    )
    # Escalation coding (archive/ingest/escalation.py), set at ingest.
    act = models.CharField(max_length=20, choices=list(ACT_LABELS.items()), default="other", db_index=True)
    weapons = models.JSONField(default=list, blank=True, help_text="Weapon systems named: slugs (storm-shadow).")
    targets = models.JSONField(default=list, blank=True, help_text="Whom the quote addresses: slugs (nato).")
    conditional = models.BooleanField(default=False, help_text="Said on a condition: “if…”, “unless…”.")
    act_confidence = models.FloatField(
        default=1.0,
        help_text=f"How sure the coder is of the act, 0-1; below {UNCODED_BELOW} readers see “uncoded”. "
        "An editor's code is 1.",
    )
    codes_corrected = models.BooleanField(
        default=False, help_text="An editor set the escalation codes: re-coding and re-extraction keep them."
    )
    reviewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor accepted or rejected it; empty: in the review queue."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Lineage (archive/ingest/lineage.py): copies of the same quote share a group.
    group = models.ForeignKey(QuoteGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    text_key = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    probe = models.CharField(max_length=100, blank=True, db_index=True, editable=False)

    # The default manager hides rejected spans, so related reads (article.quotes)
    # hide them too; the admin and the services use all_objects.
    objects = ShownQuoteManager()
    all_objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        base_manager_name = "all_objects"
        constraints = [models.UniqueConstraint(fields=["article", "start", "end"], name="unique_quote_span")]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        # The text is always the body at the offsets: an editor moves the offsets, never the words.
        self.text = self.article.body[self.start : self.end]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("quote-detail", self.pk)

    @property
    def shown_act(self) -> str:
        """The act readers are shown: "uncoded" when the coder was unsure and no editor set it."""
        return self.act if self.codes_corrected else shown_act(self.act, self.act_confidence)

    @property
    def is_full_statement(self) -> bool:
        return len(self.text.split()) >= FULL_STATEMENT_WORDS

    def get_shown_act_display(self) -> str:
        return SHOWN_ACT_LABELS[self.shown_act]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start is None or self.end is None or not (0 <= self.start < self.end <= len(self.article.body)):
            raise ValidationError("The quote's offsets must fall inside the article body, start before end.")
        # The default manager hides rejected spans, so the unique check Django runs would miss them.
        same_span = Quote.all_objects.filter(article_id=self.article_id, start=self.start, end=self.end)
        if same_span.exclude(pk=self.pk).exists():
            raise ValidationError("This article already has a quote (perhaps one marked not a quote) with this span.")

    def speaker_label(self):
        if self.speaker:
            return self.speaker.name
        if self.source_description:
            return self.source_description
        return "Unattributed"

    def paragraph(self):
        """The paragraph holding the quote, with the quote's offsets within it."""
        for offset, paragraph in self.article.paragraphs():
            if offset <= self.start <= offset + len(paragraph):
                return paragraph, self.start - offset, self.end - offset
        return self.text, 0, len(self.text)


class IndexQueue(models.Model):
    """An article whose search documents are out of date: queued in the same
    transaction as the change, removed once the index has taken it.

    Whoosh has one writer at a time. A web save waits a few seconds for it; if a
    rebuild or a bulk ingest holds it longer, the save still succeeds and that
    writer indexes the queue when it finishes. A queued article that no longer
    exists leaves the index.
    """

    article_id = models.PositiveBigIntegerField(help_text="Not a foreign key: a deleted article stays queued.")
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "queued index update"

    def __str__(self):
        return f"article {self.article_id}, queued {self.queued_at:%Y-%m-%d %H:%M:%S}"


class MergeRecord(models.Model):
    """An editor's merge of speakers, with what it moved, so that it can be undone.

    `moved` holds, for each speaker folded into the survivor, its name, slug, kind,
    aliases, roles, the quotes it held and the old slugs that led to it; and what the
    survivor held before (aliases, roles with their dates), so an undo gives back
    exactly what the merge took (archive.services.merges).
    """

    survivor = models.ForeignKey(Speaker, null=True, on_delete=models.SET_NULL, related_name="merges")
    survivor_name = models.CharField(max_length=300)
    merged_names = models.CharField(max_length=1000, help_text="The speakers folded in, as they were named.")
    moved = models.JSONField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="speaker_merges"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = "speaker merge"

    def __str__(self):
        return f"{self.merged_names} → {self.survivor_name}"
