from django.contrib.auth import views as auth_views
from django.http import HttpResponseNotFound
from django.urls import path

from recordings import legacy_api, views
from recordings.forms import LoginForm


def audio_placeholder(request, recording_id):
    # TEMPORARY: the audio branch provides this view; drop this stub when it merges.
    return HttpResponseNotFound("audio endpoint not merged yet")


urlpatterns = [
    path("", views.search, name="search"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="login.html", authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # TEMPORARY: replaced by the audio branch's route of the same name.
    path("recordings/<int:recording_id>/audio", audio_placeholder, name="recording_audio"),
    path("vicidial/non_agent_api.php", legacy_api.non_agent_api, name="non_agent_api"),
]
