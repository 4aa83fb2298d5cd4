from django.contrib import admin
from django.urls import path

from . import api, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.ArchiveSearchView.as_view(), name="search"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<int:pk>/raw/", views.article_raw, name="article-raw"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker-list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker-detail"),
    path("quotes/", views.QuoteListView.as_view(), name="quote-list"),
    path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="quote-detail"),
    path("api/quotes/", api.quotes, name="api-quotes"),
    path("api/speakers/", api.speakers, name="api-speakers"),
    path("api/articles/", api.articles, name="api-articles"),
    path("admin/", admin.site.urls),
]
