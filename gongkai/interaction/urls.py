from django.urls import path

from . import views

app_name = "interaction"
urlpatterns = [
    path("liuyan/", views.board, name="board"),
    path("liuyan/xie/", views.write, name="write"),
    path("liuyan/chaxun/", views.query, name="query"),
    path("liuyan/huizhi/", views.receipt, name="receipt"),
    path("liuyan/<str:code>/", views.board_detail, name="detail"),
    path("jiucuo/", views.site_error, name="site_error"),
    path("jiucuo/chaxun/", views.site_error_query, name="site_error_query"),
]
