from django.urls import path

from . import views

urlpatterns = [path("captcha/<str:key>.png", views.captcha_image, name="captcha_image")]
