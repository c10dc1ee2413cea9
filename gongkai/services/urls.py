from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("fuwu/", views.theme_index, name="index"),
    path("fuwu/zhuti/<slug:slug>/", views.theme_detail, name="theme"),
    path("fuwu/shixiang/", views.catalog_view, name="catalog"),
    path("fuwu/shixiang/<str:code>/", views.item_detail, name="item"),
    path(
        "fuwu/qingdan/", views.catalog_view, name="lists"
    ),  # the home page's entry: the catalog with the four lists
    path("fuwu/qingdan/<slug:list_slug>/", views.catalog_view, name="list"),
    path("fuwu/qingdan/<slug:list_slug>/xlsx/", views.list_export, name="list_export"),
    path("fuwu/wenda/<int:pk>/", views.question_detail, name="question"),
    path("fuwu/shuju/<int:pk>/", views.table_detail, name="table"),
    path("fuwu/zhinan/<int:pk>/", views.guide_detail, name="guide"),
    path("fuwu/<slug:entry_slug>/", views.entry, name="entry"),
]
