from django.urls import path

from recordings import audio_views, legacy_api, views

urlpatterns = [
    path("", views.search, name="search"),
    path("recordings/<int:recording_id>/audio", audio_views.recording_audio, name="recording_audio"),
    path("vicidial/non_agent_api.php", legacy_api.non_agent_api, name="non_agent_api"),
]
