from django.urls import path

from . import views

app_name = "foi"
urlpatterns = [
    path("ysqgk/shenqing/", views.apply, name="apply"),
    path("ysqgk/huizhi/", views.receipt, name="receipt"),
    path("ysqgk/chaxun/", views.track, name="track"),
]
