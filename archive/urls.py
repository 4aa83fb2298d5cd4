from django.contrib import admin
from django.urls import path

from . import api, views
from .caching import cached_page

urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("search/", cached_page(views.ArchiveSearchView.as_view()), name="search"),
    path("articles/<int:pk>/", cached_page(views.ArticleDetailView.as_view()), name="article-detail"),
    path("articles/<int:pk>/raw/", views.article_raw, name="article-raw"),
    path("speakers/", cached_page(views.SpeakerListView.as_view()), name="speaker-list"),
    path("speakers/<slug:slug>/", cached_page(views.SpeakerDetailView.as_view()), name="speaker-detail"),
    path("quotes/", cached_page(views.QuoteListView.as_view()), name="quote-list"),
    path("quotes/<int:pk>/", cached_page(views.QuoteDetailView.as_view()), name="quote-detail"),
    path("api/quotes/", cached_page(api.quotes), name="api-quotes"),
    path("api/speakers/", cached_page(api.speakers), name="api-speakers"),
    path("api/articles/", cached_page(api.articles), name="api-articles"),
    path("admin/", admin.site.urls),
]
