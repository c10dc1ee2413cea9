from django.urls import path

from . import health, views

urlpatterns = [
    path("captcha/<str:key>.png", views.captcha_image, name="captcha_image"),
    path("captcha/<str:key>.mp3", views.captcha_audio, name="captcha_audio"),
    path("healthz", health.healthz, name="healthz"),
]
