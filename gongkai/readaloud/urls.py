from django.urls import path

from . import views

app_name = "readaloud"

urlpatterns = [
    path("read-aloud/<int:page_id>/", views.sentence_list, name="sentences"),
    path(
        "read-aloud/<int:page_id>/<int:revision_id>/<int:index>.mp3",
        views.sentence_audio,
        name="audio",
    ),
]
