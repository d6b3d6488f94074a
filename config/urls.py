from django.urls import include, path

urlpatterns = [
    path("", include("recordings.urls")),
]
