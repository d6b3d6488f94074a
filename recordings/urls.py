from django.contrib.auth import views as auth_views
from django.urls import path

from recordings import audio_views, legacy_api, views
from recordings.forms import LoginForm

urlpatterns = [
    path("", views.search, name="search"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="login.html", authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("recordings/export.csv", views.export, name="export"),
    path("recordings/<int:recording_id>/", views.detail, name="recording_detail"),
    path("recordings/<int:recording_id>/audio", audio_views.recording_audio, name="recording_audio"),
    path("vicidial/non_agent_api.php", legacy_api.non_agent_api, name="non_agent_api"),
]
