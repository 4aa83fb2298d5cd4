from django.contrib import admin
from django.urls import path

from . import api, exports, feeds, views
from .caching import cached_page

urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("search/", cached_page(views.ArchiveSearchView.as_view()), name="search"),
    path("articles/<int:pk>/", cached_page(views.ArticleDetailView.as_view()), name="article-detail"),
    path("articles/<int:pk>/raw/", views.article_raw, name="article-raw"),
    path("speakers/", cached_page(views.SpeakerListView.as_view()), name="speaker-list"),
    path("speakers/compare/", cached_page(views.SpeakerCompareView.as_view()), name="speaker-compare"),
    path("speakers/<slug:slug>/", cached_page(views.SpeakerDetailView.as_view()), name="speaker-detail"),
    path("speakers/<slug:slug>/feed/", cached_page(feeds.speaker_feed), name="speaker-feed"),
    path("quotes/", cached_page(views.QuoteListView.as_view()), name="quote-list"),
    path("quotes/feed/", cached_page(feeds.quote_feed), name="quote-feed"),
    # Streamed: cached_page passes streaming responses through uncached.
    path("quotes/export.csv", cached_page(exports.export), {"kind": "quotes", "fmt": "csv"}, name="quote-export-csv"),
    path(
        "quotes/export.json", cached_page(exports.export), {"kind": "quotes", "fmt": "json"}, name="quote-export-json"
    ),
    path(
        "articles/export.csv",
        cached_page(exports.export),
        {"kind": "articles", "fmt": "csv"},
        name="article-export-csv",
    ),
    path(
        "articles/export.json",
        cached_page(exports.export),
        {"kind": "articles", "fmt": "json"},
        name="article-export-json",
    ),
    path("quotes/<int:pk>/", cached_page(views.QuoteDetailView.as_view()), name="quote-detail"),
    path("api/quotes/", cached_page(api.quotes), name="api-quotes"),
    path("api/speakers/", cached_page(api.speakers), name="api-speakers"),
    path("api/articles/", cached_page(api.articles), name="api-articles"),
    path("admin/", admin.site.urls),
]
