from django.contrib import admin
from django.urls import path

from . import api, exports, feeds, views
from .caching import cached_page
from .forms import ArchiveSearchForm, ArticleSearchForm, QuoteSearchForm, SpeakerListForm


def _takes(form_class):
    """The query parameters of a page over this form: its fields and the page number."""
    return (*form_class.base_fields, "page")


SEARCH, QUOTES, ARTICLES = _takes(ArchiveSearchForm), _takes(QuoteSearchForm), _takes(ArticleSearchForm)
SPEAKERS = _takes(SpeakerListForm)

# Each page names the query parameters it takes: the others never reach it or the cache;
# the API and the exports (strict) refuse them with a 400 naming the ones they take.
urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("search/", cached_page(views.ArchiveSearchView.as_view(), params=SEARCH), name="search"),
    path("articles/<int:pk>/", cached_page(views.ArticleDetailView.as_view()), name="article-detail"),
    path("articles/<int:pk>/raw/", views.article_raw, name="article-raw"),
    path("speakers/", cached_page(views.SpeakerListView.as_view(), params=SPEAKERS), name="speaker-list"),
    path(
        "speakers/compare/", cached_page(views.SpeakerCompareView.as_view(), params=("a", "b")), name="speaker-compare"
    ),
    path("speakers/<slug:slug>/", cached_page(views.SpeakerDetailView.as_view(), params=QUOTES), name="speaker-detail"),
    path("speakers/<slug:slug>/feed/", cached_page(feeds.speaker_feed, params=QUOTES), name="speaker-feed"),
    path("quotes/", cached_page(views.QuoteListView.as_view(), params=QUOTES), name="quote-list"),
    path("quotes/feed/", cached_page(feeds.quote_feed, params=QUOTES), name="quote-feed"),
    # Streamed: cached_page passes streaming responses through uncached.
    path(
        "quotes/export.csv",
        cached_page(exports.export, params=QUOTES, strict=True),
        {"kind": "quotes", "fmt": "csv"},
        name="quote-export-csv",
    ),
    path(
        "quotes/export.json",
        cached_page(exports.export, params=QUOTES, strict=True),
        {"kind": "quotes", "fmt": "json"},
        name="quote-export-json",
    ),
    path(
        "articles/export.csv",
        cached_page(exports.export, params=ARTICLES, strict=True),
        {"kind": "articles", "fmt": "csv"},
        name="article-export-csv",
    ),
    path(
        "articles/export.json",
        cached_page(exports.export, params=ARTICLES, strict=True),
        {"kind": "articles", "fmt": "json"},
        name="article-export-json",
    ),
    path("quotes/<int:pk>/", cached_page(views.QuoteDetailView.as_view()), name="quote-detail"),
    path("api/quotes/", cached_page(api.quotes, params=QUOTES, strict=True), name="api-quotes"),
    path("api/speakers/", cached_page(api.speakers, params=SPEAKERS, strict=True), name="api-speakers"),
    path("api/articles/", cached_page(api.articles, params=ARTICLES, strict=True), name="api-articles"),
    path("admin/", admin.site.urls),
]
