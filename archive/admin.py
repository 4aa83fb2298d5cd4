"""The editors' admin: add articles through the ingest service, review quotes, curate speakers."""

import dataclasses

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from . import services
from .admin_review import ArticleReviewViews, ReviewQueueView
from .admin_speakers import MergeUndoViews, SpeakerEditorViews, choice_label
from .ingest.records import ArticleInput, UnreadableInput
from .models import Article, EscalationTerm, MergeRecord, Quote, Source, Speaker, SpeakerAlias, SpeakerRole


class ArticleAddForm(forms.ModelForm):
    """Add an article three ways: paste the text, upload a file, or give only a web page's URL.

    The form reads the input (fetching the page, decoding the file) while it
    validates, so a bad input is a form error and nothing is written.
    """

    upload = forms.FileField(
        required=False,
        label="Or upload a file",
        help_text=f"A .txt or .html file, up to {settings.REDLINE_MAX_UPLOAD_BYTES / (1024 * 1024):g} MB.",
    )
    url = forms.URLField(
        required=False,
        max_length=1000,
        assume_scheme="https",
        label="URL",
        help_text="Where the article was published. Given alone, the page is fetched and its article extracted.",
    )
    source_name = forms.CharField(required=False, label="Source (outlet)", max_length=200)
    authors_text = forms.CharField(required=False, label="Authors", help_text="Comma-separated.", max_length=500)

    class Meta:
        model = Article
        fields = ["raw_text", "title", "url", "published"]
        labels = {"raw_text": "Paste the text"}
        help_texts = {"title": "Leave empty to take the headline from the text or the page."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["raw_text"].required = False
        self.article_input: ArticleInput | None = None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        raw_text, upload, url = cleaned.get("raw_text") or "", cleaned.get("upload"), cleaned.get("url")
        if raw_text.strip() and upload:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        self._refuse_duplicate(url=url)
        try:
            if raw_text.strip():
                item = ArticleInput(label="pasted text", raw_text=raw_text)
            elif upload:
                item = services.read_upload(upload.name, self._read_upload(upload))
            elif url:
                item = services.read_web_page(url)
            else:
                raise forms.ValidationError(
                    "The text is empty: paste the article, upload a file or give the URL of a web page."
                )
        except UnreadableInput as error:
            raise forms.ValidationError(str(error)) from None
        self._refuse_duplicate(raw_text=item.raw_text, url=item.url)
        authors = tuple(a.strip() for a in (cleaned.get("authors_text") or "").split(",") if a.strip())
        # What the editor typed wins over what the file or page says.
        self.article_input = dataclasses.replace(
            item,
            title=cleaned.get("title") or item.title,
            authors=authors or item.authors,
            source=cleaned.get("source_name") or item.source,
            published=cleaned["published"].isoformat() if cleaned.get("published") else item.published,
            # A fetched page keeps the URL its redirects ended at.
            url=(item.url or url) if item.raw_html and not upload else (url or item.url),
        )
        return cleaned

    @staticmethod
    def _read_upload(upload) -> bytes:
        limit = settings.REDLINE_MAX_UPLOAD_BYTES
        if upload.size is not None and upload.size > limit:
            raise UnreadableInput(f"{upload.name}: the file is larger than the {limit / (1024 * 1024):g} MB limit.")
        return upload.read(limit + 1)

    @staticmethod
    def _refuse_duplicate(*, raw_text=None, url=None):
        duplicate = services.find_duplicate(raw_text=raw_text, url=url)
        if duplicate is not None:
            link = reverse("admin:archive_article_change", args=[duplicate.pk])
            raise forms.ValidationError(
                format_html('This article is already in the archive: <a href="{}">{}</a>.', link, duplicate.title)
            )


class NamesField(forms.CharField):
    """A list of names, typed and shown comma-separated ("Ann Lee, Tom Ray"), not as JSON."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [name.strip() for name in (value or "").split(",") if name.strip()]


class ArticleChangeForm(forms.ModelForm):
    authors = NamesField(required=False, help_text="Comma-separated.")

    class Meta:
        model = Article
        fields = ["authors"]  # the admin adds the others from its fieldsets


class QuoteCodesForm(forms.ModelForm):
    """An editor's escalation codes: weapons and targets typed as the lexicon's names or
    slugs, comma-separated ("Storm Shadow, atacms"), checked against the lexicon and the
    editors' escalation terms."""

    weapons = forms.CharField(
        required=False, help_text="Comma-separated names or slugs of the lexicon: “Storm Shadow, atacms, nuclear”."
    )
    targets = forms.CharField(
        required=False, help_text="Whom the quote addresses, warns or demands of: “nato, united-states”."
    )

    class Meta:
        model = Quote
        fields = [
            "article",
            "start",
            "end",
            "speaker",
            "source_description",
            "attribution",
            "cue",
            "act",
            "weapons",
            "targets",
            "conditional",
            "rejected",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown as text, so an untouched field is not a change (which would mark the codes corrected).
        for name in ("weapons", "targets"):
            self.initial[name] = ", ".join(getattr(self.instance, name) or [])

    def clean_weapons(self):
        return services.term_slugs("weapon", self.cleaned_data["weapons"])

    def clean_targets(self):
        return services.term_slugs("target", self.cleaned_data["targets"])


class QuoteInline(admin.TabularInline):
    """The extracted quotes under their article: correct a span, speaker or act, reject, or add one."""

    model = Quote
    extra = 0
    fields = [
        "text",
        "start",
        "end",
        "speaker",
        "source_description",
        "attribution",
        "cue",
        "act",
        "rejected",
        "corrected",
    ]
    readonly_fields = ["text", "corrected"]
    autocomplete_fields = ["speaker"]
    show_change_link = True
    verbose_name_plural = "Quotes (tick “rejected” for a span that is not a quote)"

    def get_queryset(self, request):
        return Quote.all_objects.select_related("speaker")


@admin.register(Article)
class ArticleAdmin(ArticleReviewViews, admin.ModelAdmin):
    form = ArticleChangeForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "source", "published", "quote_count", "created"]
    list_filter = ["source", "published"]
    search_fields = ["title", "url", "body"]
    date_hierarchy = "published"
    inlines = [QuoteInline]
    readonly_fields = ["raw_sha256", "raw_html_sha256", "captured_at", "created", "updated", "view_on_site_link"]
    fields = [
        "title",
        "title_derived",
        "source",
        "authors",
        "photo_credit",
        "published",
        "url",
        "section",
        "standfirst",
        "body",
        "raw_text",
        "raw_sha256",
        "raw_html_sha256",
        "captured_at",
        "created",
        "updated",
        "view_on_site_link",
    ]

    def get_urls(self):
        return [*self.review_urls(), *super().get_urls()]

    def response_add(self, request, obj, post_url_continue=None):
        # The editor goes on to the quotes just extracted, on the review screen.
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return HttpResponseRedirect(reverse("admin:archive_article_review", args=[obj.pk]))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .defer("raw_html")
            .annotate(quote_count=Count("quotes", filter=Q(quotes__rejected=False)))
        )

    @admin.display(ordering="quote_count")
    def quote_count(self, article):
        return article.quote_count

    @admin.display(description="Public page")
    def view_on_site_link(self, article):
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), article.get_absolute_url())

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleAddForm
            kwargs["fields"] = None
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    "Paste the text, upload a file, or give only the URL of a web page",
                    {"fields": ["raw_text", "upload", "url"]},
                ),
                (
                    "What the text may not say (optional; overrides what is read from the file or page)",
                    {"fields": ["title", "source_name", "authors_text", "published"]},
                ),
            ]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [*self.readonly_fields, "raw_text", "body"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            services.save_article(obj)
            return
        result = services.ingest_article(form.article_input)
        # The admin goes on with `obj` (history, redirect): make it the saved article.
        obj.pk = result.article.pk
        obj.__dict__.update({k: v for k, v in result.article.__dict__.items() if not k.startswith("_")})
        obj._state.adding = False
        messages.info(request, f"Extracted {result.article.quotes.count()} quotes. Review them here.")
        if result.quote_cap_message():
            messages.warning(request, result.quote_cap_message())

    def save_formset(self, request, form, formset, change):
        if formset.model is not Quote:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for quote in formset.new_objects:
            services.save_quote(quote, index=False)
        for quote, changed in formset.changed_objects:
            services.save_quote(quote, changed=changed, index=False)
        for quote in formset.deleted_objects:
            services.delete_quote(quote, index=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            services.reindex_after_commit([form.instance.pk])

    def delete_model(self, request, obj):
        services.delete_articles([obj])

    def delete_queryset(self, request, queryset):
        services.delete_articles(list(queryset))


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1
    fields = ["name"]


class SpeakerRoleInline(admin.TabularInline):
    model = SpeakerRole
    extra = 1
    fields = ["title", "start", "end"]


@admin.register(Speaker)
class SpeakerAdmin(SpeakerEditorViews, admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "quote_count"]
    list_filter = ["kind"]
    ordering = ["name"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["confirmed"]  # set by every editor's save: resolution keeps the speaker as it is
    inlines = [SpeakerAliasInline, SpeakerRoleInline]
    actions = ["merge_speakers"]

    def get_urls(self):
        return [*self.editor_urls(), *super().get_urls()]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(quote_count=Count("quotes", filter=Q(quotes__rejected=False), distinct=True))
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):  # most quoted first, each with its role (autocomplete_label)
            queryset = queryset.prefetch_related("roles").order_by("-quote_count", "name")
        return queryset, distinct

    def autocomplete_label(self, speaker):
        return choice_label(speaker)

    def history_view(self, request, object_id, extra_context=None):
        merges = MergeRecord.objects.filter(moved__survivor__id=int(object_id)) if object_id.isdigit() else []
        return super().history_view(request, object_id, {**(extra_context or {}), "merges": merges})

    @admin.display(ordering="quote_count")
    def quote_count(self, speaker):
        return speaker.quote_count

    def save_model(self, request, obj, form, change):
        services.save_speaker(obj)

    def save_formset(self, request, form, formset, change):
        services.save_speaker(form.instance, details=formset.save(commit=False), deleted=formset.deleted_objects)

    @admin.action(description="Merge selected speakers…")
    def merge_speakers(self, request, queryset):
        """To the confirmation page, where the editor sees what moves and chooses the survivor."""
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(reverse("admin:archive_speaker_merge") + "?" + urlencode({"ids": ids}))


@admin.register(MergeRecord)
class MergeRecordAdmin(MergeUndoViews, admin.ModelAdmin):
    """Every merge an editor confirmed, with what moved, and a button to undo it."""

    list_display = ["merged_at", "survivor_name", "merged_names", "merged_by", "undone_at"]
    list_filter = ["undone_at"]
    search_fields = ["survivor_name", "merged_names"]
    readonly_fields = ["survivor", "survivor_name", "merged_names", "merged_by", "merged_at", "undone_by", "undone_at"]
    fields = readonly_fields

    def get_urls(self):
        return [*self.editor_urls(), *super().get_urls()]

    def has_add_permission(self, request):
        return False  # a merge is made on the merge confirmation page

    def has_delete_permission(self, request, obj=None):
        return False  # the record is what an undo needs


@admin.register(EscalationTerm)
class EscalationTermAdmin(admin.ModelAdmin):
    """The editors' part of the escalation lexicon; the default part is in archive/ingest/escalation.py."""

    list_display = ["kind", "label", "pattern", "note"]
    list_filter = ["kind"]
    search_fields = ["label", "pattern", "note"]

    def save_model(self, request, obj, form, change):
        services.save_speaker(obj)


@admin.register(Quote)
class QuoteAdmin(ReviewQueueView, admin.ModelAdmin):
    form = QuoteCodesForm
    list_display = [
        "text_preview",
        "speaker",
        "shown_act",
        "source_description",
        "attribution",
        "corrected",
        "codes_corrected",
        "rejected",
        "article",
    ]
    list_filter = ["act", "conditional", "attribution", "corrected", "codes_corrected", "rejected"]
    search_fields = ["text", "speaker__name", "source_description"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker", "article"]
    raw_id_fields = ["article"]
    # Codes an editor sets here are kept: `code_escalation` and re-extraction leave them as they are.
    readonly_fields = [
        "text",
        "corrected",
        "act_confidence",
        "codes_corrected",
        "coded_because",
        "group",
        "reviewed_at",
        "reviewed_by",
    ]
    fieldsets = [
        (None, {"fields": ["article", "text", "start", "end", "speaker", "source_description", "attribution", "cue"]}),
        (
            "Escalation codes",
            {
                "description": "By the codebook (README, “Escalation coding”). Changing any of them marks the "
                "codes corrected: re-coding and re-extraction keep them.",
                "fields": [
                    "act",
                    "weapons",
                    "targets",
                    "conditional",
                    "act_confidence",
                    "codes_corrected",
                    "coded_because",
                ],
            },
        ),
        (None, {"fields": ["rejected", "corrected", "reviewed_at", "reviewed_by", "group"]}),
    ]

    def get_urls(self):
        return [*self.queue_urls(), *super().get_urls()]

    def get_queryset(self, request):
        # The editors see every span, the rejected ones too, to undo a rejection.
        return Quote.all_objects.all()

    @admin.display(description="Quote")
    def text_preview(self, quote):
        return quote.text[:90]

    @admin.display(description="Act shown", ordering="act")
    def shown_act(self, quote):
        return quote.get_shown_act_display()

    @admin.display(description="Coded because")
    def coded_because(self, quote):
        """The lexicon's rows that speak for an act here, with the sentence each was written for."""
        if quote.pk is None:
            return "—"
        reasons = services.coding_reasons(quote)
        if not reasons:
            return "No row of the lexicon matched: “other”."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{} {} — {}</li>", reasons),
        )

    def save_model(self, request, obj, form, change):
        services.save_quote(obj, changed=form.changed_data if change else ())


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
