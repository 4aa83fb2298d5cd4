"""The editors' admin: add articles through the ingest service, review quotes, curate speakers."""

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from . import services
from .models import Article, Quote, Source, Speaker, SpeakerAlias, SpeakerRole


class ArticleAddForm(forms.ModelForm):
    """Paste an article: the raw text, and what the text itself may not say."""

    url = forms.URLField(required=False, max_length=1000, assume_scheme="https", label="URL")
    source_name = forms.CharField(required=False, label="Source (outlet)", max_length=200)
    authors_text = forms.CharField(required=False, label="Authors", help_text="Comma-separated.", max_length=500)

    class Meta:
        model = Article
        fields = ["raw_text", "title", "url", "published"]
        help_texts = {"title": "Leave empty to take the headline from the text."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean_raw_text(self):
        raw_text = self.cleaned_data["raw_text"]
        if not raw_text.strip():
            raise forms.ValidationError("The text is empty: paste the article.")
        return raw_text

    def clean(self):
        cleaned = super().clean()
        raw_text = cleaned.get("raw_text")
        if raw_text:
            duplicate = services.find_duplicate(raw_text=raw_text, url=cleaned.get("url"))
            if duplicate is not None:
                link = reverse("admin:archive_article_change", args=[duplicate.pk])
                raise forms.ValidationError(
                    format_html('This article is already in the archive: <a href="{}">{}</a>.', link, duplicate.title)
                )
        return cleaned


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ["text", "start", "end", "speaker", "source_description", "attribution", "cue"]
    readonly_fields = ["text"]
    autocomplete_fields = ["speaker"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "source", "published", "quote_count", "created"]
    list_filter = ["source", "published"]
    search_fields = ["title", "url", "body"]
    date_hierarchy = "published"
    inlines = [QuoteInline]
    readonly_fields = ["raw_sha256", "created", "updated", "view_on_site_link"]
    fields = [
        "title", "title_derived", "source", "authors", "photo_credit", "published", "url", "section", "standfirst",
        "body", "raw_text", "raw_sha256", "created", "updated", "view_on_site_link",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").annotate(quote_count=Count("quotes"))

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
            return [(None, {"fields": ["raw_text", "title", "source_name", "authors_text", "url", "published"]})]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [*self.readonly_fields, "raw_text", "body"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            transaction.on_commit(lambda: services.index_articles([obj.pk]))
            return
        data = form.cleaned_data
        result = services.ingest_article(
            raw_text=data["raw_text"],
            title=data.get("title") or None,
            authors=[a.strip() for a in (data.get("authors_text") or "").split(",") if a.strip()],
            source=data.get("source_name") or None,
            published=data["published"].isoformat() if data.get("published") else None,
            url=data.get("url") or None,
        )
        # The admin goes on with `obj` (history, redirect): make it the saved article.
        obj.pk = result.article.pk
        obj.__dict__.update({k: v for k, v in result.article.__dict__.items() if not k.startswith("_")})
        obj._state.adding = False
        messages.info(request, f"Extracted {result.article.quotes.count()} quotes. Review them below.")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            transaction.on_commit(lambda: services.index_articles([form.instance.pk]))

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        transaction.on_commit(lambda: services.index_articles([pk]))

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        transaction.on_commit(lambda: services.index_articles(pks))


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1
    fields = ["name"]


class SpeakerRoleInline(admin.TabularInline):
    model = SpeakerRole
    extra = 1
    fields = ["title", "start", "end"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "quote_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline, SpeakerRoleInline]
    actions = ["merge_speakers"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes", distinct=True))

    @admin.display(ordering="quote_count")
    def quote_count(self, speaker):
        return speaker.quote_count

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, SpeakerAlias):
                instance.key = services.speaker_key(instance.name)
            if isinstance(instance, SpeakerRole):
                instance.key = instance.title.lower()
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        article_ids = list(obj.quotes.values_list("article_id", flat=True).distinct())
        transaction.on_commit(lambda: services.index_articles(article_ids))

    @admin.action(description="Merge selected speakers into the most-quoted one")
    def merge_speakers(self, request, queryset):
        speakers = sorted(queryset, key=lambda s: (-s.quote_count, s.pk))
        if len(speakers) < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return
        target, others = speakers[0], speakers[1:]
        names = ", ".join(other.name for other in others)
        services.merge_speakers(target, others)
        self.message_user(request, f"Merged {names} into {target.name}.", messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["text_preview", "speaker", "source_description", "attribution", "article"]
    list_filter = ["attribution"]
    search_fields = ["text", "speaker__name", "source_description"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker", "article"]
    raw_id_fields = ["article"]

    @admin.display(description="Quote")
    def text_preview(self, quote):
        return quote.text[:90]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: services.index_articles([obj.article_id]))


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
