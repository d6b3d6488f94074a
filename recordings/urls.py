from django.urls import path

from recordings import legacy_api, views

urlpatterns = [
    path("", views.search, name="search"),
    path("vicidial/non_agent_api.php", legacy_api.non_agent_api, name="non_agent_api"),
]
