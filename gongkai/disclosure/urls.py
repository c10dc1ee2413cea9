from django.urls import path

from . import views

urlpatterns = [path("xxgk/biaozhun/", views.standard_catalog, name="standard_catalog")]
