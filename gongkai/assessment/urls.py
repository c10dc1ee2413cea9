from django.urls import include, path

urlpatterns = [
    path("", include("gongkai.assessment.indicators.urls")),
    path("", include("gongkai.assessment.annual.urls")),
    path("", include("gongkai.assessment.health.urls")),
]
