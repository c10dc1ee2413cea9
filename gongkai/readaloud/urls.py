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
    path("read-aloud/<slug:kind>/<slug:key>/", views.source_sentence_list, name="source_sentences"),
    path(
        "read-aloud/<slug:kind>/<slug:key>/<slug:version>/<int:index>.mp3",
        views.source_sentence_audio,
        name="source_audio",
    ),
]
