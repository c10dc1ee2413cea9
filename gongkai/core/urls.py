from django.urls import path

from . import health, views

urlpatterns = [
    path("captcha/<str:key>.png", views.captcha_image, name="captcha_image"),
    path("healthz", health.healthz, name="healthz"),
]
