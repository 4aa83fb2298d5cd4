"""The review screen: an article's text with its quotes marked, where an editor accepts,
rejects, makes and moves quotes and corrects their speakers and codes; and the queue of
quotes no editor has reviewed yet, least confident first.

Every endpoint answers a plain form post with a redirect back to the screen, and a
script's post (Accept: application/json) with the screen's parts re-rendered, so the
screen works without JavaScript and static/archive/review.js only makes it quicker.
Offsets are never typed: the script sends the words the editor chose, and the server
checks them against the text.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from . import services
from .ingest.speakers import speaker_key
from .models import Article, Quote, Speaker

QUEUE_PAGE_SIZE = 50
SHORTCUTS = [
    ("j or n", "next quote (after the last, the next article in the queue)"),
    ("k or p", "previous quote"),
    ("a", "accept the quote as it is, then go to the next"),
    ("r", "reject it (not a quote), or restore a rejected one, then go to the next"),
    ("s", "change the speaker: type a name, ↓ ↑ to choose, Enter"),
    ("c", "change the codes (act, weapons, targets)"),
    ("[ and ]", "move the start one word earlier / later"),
    ("- and =", "move the end one word earlier / later"),
    ("Enter", "make a quote of the words you selected"),
    ("Esc", "leave a field, or drop the selection"),
]


class CodesForm(forms.ModelForm):
    """An editor's escalation codes, weapons and targets among the lexicon's and the editors' terms.
    Stored by services.save_quote like the admin's quote form: changing any marks the codes corrected."""

    weapons = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    targets = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Quote
        fields = ["act", "weapons", "targets", "conditional"]

    def __init__(self, *args, term_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, name in (("weapon", "weapons"), ("target", "targets")):
            held = [(slug, slug) for slug in getattr(self.instance, name) or [] if slug not in dict(term_choices[kind])]
            self.fields[name].choices = [*term_choices[kind], *held]

    def clean_weapons(self):
        return services.term_slugs("weapon", self.cleaned_data["weapons"])

    def clean_targets(self):
        return services.term_slugs("target", self.cleaned_data["targets"])


def term_choices() -> dict[str, list[tuple[str, str]]]:
    """The lexicon's weapons and targets with the editors' terms, as (slug, name) choices."""
    labels = services.escalation_lexicon().labels
    return {
        kind: sorted(((slug, label) for (term_kind, slug), label in labels.items() if term_kind == kind), key=str)
        for kind in ("weapon", "target")
    }


class SpeakerForm(forms.Form):
    """Who said it: the speaker the lookup chose (its id), or a name typed without the script."""

    speaker = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(required=False, max_length=300, label="Speaker")
    new = forms.BooleanField(required=False, label="a new speaker by this name")

    def clean(self):
        cleaned = super().clean()
        name, chosen_id = (cleaned.get("name") or "").strip(), cleaned.get("speaker")
        self.chosen, self.new_name = None, None
        if not name:
            return cleaned  # no one: the quote becomes unattributed
        if chosen_id:
            self.chosen = Speaker.objects.filter(pk=chosen_id).first()
            if self.chosen is not None and name in (self.chosen.name, self.chosen.slug):
                return cleaned
        if cleaned.get("new"):
            self.new_name = name
            return cleaned
        candidates = named(name)
        if len(candidates) == 1:
            self.chosen = candidates[0]
            return cleaned
        if candidates:
            from .admin_speakers import choice_label

            raise ValidationError(
                "Several speakers go by “%(name)s”: %(who)s. Type the slug of the one you mean.",
                params={"name": name, "who": "; ".join(choice_label(s) for s in candidates[:8])},
            )
        raise ValidationError(
            "No speaker is called “%(name)s”. Choose one the list offers, or tick “a new speaker by this name”.",
            params={"name": name},
        )


def named(name: str) -> list[Speaker]:
    """Speakers a typed name names exactly: its slug, else its name or alias (any spelling
    speaker_key folds), most quoted first."""
    by_slug = list(Speaker.objects.filter(slug=name))
    if by_slug:
        return by_slug
    key = speaker_key(name)
    ids = Speaker.objects.filter(
        Q(name__iexact=name) | Q(aliases__name__iexact=name) | (Q(aliases__key=key) if key else Q(pk__in=[]))
    ).values("pk")
    return list(
        Speaker.objects.filter(pk__in=ids).with_quote_count().prefetch_related("roles").order_by("-quote_count", "pk")
    )


def marked_text(body: str, quotes) -> str:
    """The body, escaped, each quote a <mark>: the page's text is the body character for
    character, so the script can count offsets in it. A span overlapping an earlier one
    (stored before spans were checked) is listed but not marked."""
    pieces, cursor = [], 0
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        if quote.start < cursor:
            continue
        states = ["quote", f"attribution-{quote.attribution}"]
        states += [state for state in ("rejected", "corrected") if getattr(quote, state)]
        if quote.reviewed_at:
            states.append("reviewed")
        pieces.append(escape(body[cursor : quote.start]))
        pieces.append(
            format_html(
                '<mark class="{}" id="q{}" data-quote="{}" data-start="{}" data-end="{}">{}</mark>',
                " ".join(states),
                quote.pk,
                quote.pk,
                quote.start,
                quote.end,
                body[quote.start : quote.end],
            )
        )
        cursor = quote.end
    pieces.append(escape(body[cursor:]))
    return mark_safe("".join(pieces))


def queue_review_url(quote: Quote) -> str:
    return reverse("admin:archive_article_review", args=[quote.article_id]) + f"?quote={quote.pk}"


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _position(post, name: str):
    try:
        return int(post.get(name, ""))
    except ValueError:
        return None


class ArticleReviewViews:
    """Views added to ArticleAdmin: the review screen and what its buttons post to."""

    ACTIONS = ("accept", "reject", "restore", "speaker", "codes", "nudge", "span")

    def review_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", view(self.review_view), name="archive_article_review"),
            path("<int:pk>/review/add/", view(require_POST(self.add_quote_view)), name="archive_article_review_add"),
            path(
                "<int:pk>/review/<int:quote_pk>/<slug:action>/",
                view(require_POST(self.review_action_view)),
                name="archive_article_review_action",
            ),
        ]

    def review_view(self, request, pk):
        if not request.user.has_perm("archive.change_quote"):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.with_related(), pk=pk)
        context = self._review_context(request, article, current=_position(request.GET, "quote"))
        return TemplateResponse(request, "admin/archive/article/review.html", context)

    def add_quote_view(self, request, pk):
        """Make a quote of the words the editor selected: offsets with the words they cover, checked."""
        if not request.user.has_perm("archive.add_quote"):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        try:
            start, end = self._chosen_span(request, article)
            speaker = Speaker.objects.filter(pk=_position(request.POST, "speaker") or 0).first()
            quote = services.add_quote(article, start=start, end=end, editor=request.user, speaker=speaker)
        except ValidationError as error:
            return self._answer(request, article, error=" ".join(error.messages))
        self.log_change(request, article, [{"added": {"name": "quote", "object": quote.text[:80]}}])
        return self._answer(request, article, quote=quote, message=f"Made a quote of “{quote.text[:60]}”.")

    def review_action_view(self, request, pk, quote_pk, action):
        if not request.user.has_perm("archive.change_quote") or action not in self.ACTIONS:
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        quote = get_object_or_404(Quote.all_objects.select_related("article", "speaker"), pk=quote_pk, article=article)
        try:
            message, changed = getattr(self, f"_{action}")(request, quote)
        except ValidationError as error:
            return self._answer(request, article, quote=quote, error=" ".join(error.messages))
        if changed:
            self.log_change(
                request, article, [{"changed": {"name": "quote", "object": quote.text[:80], "fields": changed}}]
            )
        return self._answer(request, article, quote=quote, message=message)

    # One method a button; each returns (message, fields changed for the history).
    def _accept(self, request, quote):
        services.accept_quote(quote, editor=request.user)
        return "Accepted.", ["reviewed"]

    def _reject(self, request, quote):
        services.reject_quote(quote, editor=request.user)
        return "Rejected: not a quote. It stays here to restore.", ["rejected"]

    def _restore(self, request, quote):
        services.restore_quote(quote, editor=request.user)
        return "Restored: a quote again.", ["rejected"]

    def _speaker(self, request, quote):
        form = SpeakerForm(request.POST, prefix=f"q{quote.pk}")
        if not form.is_valid():
            raise ValidationError(form.errors.as_data().get("__all__") or ["Choose a speaker."])
        speaker = services.new_speaker(form.new_name) if form.new_name else form.chosen
        services.set_speaker(quote, speaker)
        return (f"Speaker: {speaker.name}." if speaker else "No speaker: unattributed."), ["speaker"]

    def _codes(self, request, quote):
        form = CodesForm(request.POST, instance=quote, prefix=f"q{quote.pk}", term_choices=term_choices())
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        services.save_quote(form.save(commit=False), changed=form.changed_data)
        return ("Codes saved." if form.changed_data else "The codes were already so."), form.changed_data

    def _nudge(self, request, quote):
        edge, _, direction = request.POST.get("move", "").partition("-")
        services.nudge_quote(quote, edge=edge, step={"earlier": -1, "later": 1}.get(direction, 0))
        return f"Moved the {edge}.", ["start", "end"]

    def _span(self, request, quote):
        start, end = self._chosen_span(request, quote.article)
        services.move_quote(quote, start=start, end=end)
        return "Moved.", ["start", "end"]

    @staticmethod
    def _chosen_span(request, article) -> tuple[int, int]:
        """The offsets the script sent, checked against the words it says they cover."""
        start, end = _position(request.POST, "start"), _position(request.POST, "end")
        if start is None or end is None or not (0 <= start < end <= len(article.body)):
            raise ValidationError("Those are not words of this article's text: select words in the text.")
        if "text" in request.POST and article.body[start:end] != request.POST["text"]:
            raise ValidationError("The words on screen are not the article's at that place: reload the page.")
        return start, end

    def _answer(self, request, article, *, quote=None, message="", error=""):
        if _wants_json(request):
            if error:
                return JsonResponse({"ok": False, "error": error}, status=400)
            parts = self._review_context(request, article, current=quote.pk if quote else None)
            return JsonResponse(
                {
                    "ok": True,
                    "message": message,
                    "quote": quote.pk if quote else None,
                    "text": parts["text"],
                    "panels": render_to_string("admin/archive/article/review_panels.html", parts, request=request),
                    "progress": parts["progress"],
                }
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, message)
        url = reverse("admin:archive_article_review", args=[article.pk])
        return HttpResponseRedirect(url + (f"?quote={quote.pk}#q{quote.pk}" if quote else ""))

    def _review_context(self, request, article, *, current=None) -> dict:
        quotes = list(
            Quote.all_objects.filter(article=article).select_related("speaker", "reviewed_by").order_by("start", "end")
        )
        choices = term_choices()
        ids = [quote.pk for quote in quotes]
        if current not in ids:
            unreviewed = [q.pk for q in quotes if not q.reviewed_at and not q.rejected]
            current = (unreviewed or ids or [None])[0]
        following = Quote.all_objects.needs_review().exclude(article=article).first()
        reviewed = sum(1 for quote in quotes if quote.reviewed_at)
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review: {article.title}",
            "article": article,
            "text": marked_text(article.body, quotes),
            "panels": [
                {
                    "number": number,
                    "quote": quote,
                    "codes": CodesForm(instance=quote, prefix=f"q{quote.pk}", term_choices=choices),
                    "speaker": SpeakerForm(
                        prefix=f"q{quote.pk}",
                        initial={"speaker": quote.speaker_id, "name": quote.speaker.name if quote.speaker else ""},
                    ),
                }
                for number, quote in enumerate(quotes, 1)
            ],
            "current": current,
            "next_url": queue_review_url(following) if following else "",
            "progress": f"{reviewed} of {len(quotes)} reviewed",
            "shortcuts": SHORTCUTS,
        }


class ReviewQueueView:
    """The view added to QuoteAdmin: quotes no editor has reviewed, least confident first."""

    def queue_urls(self):
        return [path("review/", self.admin_site.admin_view(self.queue_view), name="archive_quote_review_queue")]

    def queue_view(self, request):
        if not request.user.has_perm("archive.change_quote"):
            raise PermissionDenied
        queue = Quote.all_objects.needs_review().select_related("speaker", "article", "article__source")
        page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Review queue",
            "page_obj": page,
            "rows": [(quote, queue_review_url(quote)) for quote in page],
            "first_url": queue_review_url(page[0]) if len(page) else "",
        }
        return TemplateResponse(request, "admin/archive/quote/review_queue.html", context)
