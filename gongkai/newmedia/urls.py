from django.urls import path

from . import views

app_name = "newmedia"

urlpatterns = [
    path("xmt/", views.matrix, name="matrix"),
    path("xmt/qr/<int:pk>.svg", views.account_qr, name="qr"),
]
