from django.urls import path

from . import views

app_name = "foi"
urlpatterns = [
    path("ysqgk/shenqing/", views.apply, name="apply"),
    path("ysqgk/huizhi/", views.receipt, name="receipt"),
    path("ysqgk/chaxun/", views.track, name="track"),
    path("ysqgk/chaxun/wenshu/<int:notice_id>/", views.applicant_notice, name="notice"),
    path("ysqgk/chaxun/fujian/<int:file_id>/", views.applicant_file, name="released_file"),
]
