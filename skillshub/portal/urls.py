from django.urls import path

from .views import content, home, offers, search

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("search/", search.search, name="search"),
    # The catalogue of learning offers, and providers' own offers.
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/export.csv", offers.offer_list_csv, name="offer_list_csv"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/mine/", offers.offer_manage, name="offer_manage"),
    path("offers/new/", offers.offer_create, name="offer_create"),
    path("offers/<int:pk>/edit/", offers.offer_update, name="offer_update"),
    path("offers/<int:pk>/move/", offers.offer_move, name="offer_move"),
    path("offers/review/", offers.offer_review_queue, name="offer_review_queue"),
    path("offers/import/", offers.offer_import, name="offer_import"),
    path("offers/import/template.csv", offers.offer_import_template, name="offer_import_template"),
    # News, pages and campaigns.
    path("news/", content.news_list, name="news_list"),
    path("news/feed/rss/", content.NewsRssFeed(), name="news_rss"),
    path("news/feed/atom/", content.NewsAtomFeed(), name="news_atom"),
    path("news/<slug:slug>/", content.news_detail, name="news_detail"),
    path("news/<slug:slug>/image", content.news_image, name="news_image"),
    path("pages/<slug:slug>/", content.page_detail, name="page_detail"),
    path("campaigns/<slug:slug>/", content.campaign_detail, name="campaign_detail"),
    path("campaigns/<slug:slug>/image", content.campaign_image, name="campaign_image"),
    path("manage/content/", content.content_manage, name="content_manage"),
    path("manage/news/new/", content.news_create, name="news_create"),
    path("manage/news/<int:pk>/edit/", content.news_update, name="news_update"),
    path("manage/pages/new/", content.page_create, name="page_create"),
    path("manage/pages/<int:pk>/edit/", content.page_update, name="page_update"),
    path("manage/campaigns/new/", content.campaign_create, name="campaign_create"),
    path("manage/campaigns/<int:pk>/edit/", content.campaign_update, name="campaign_update"),
]
