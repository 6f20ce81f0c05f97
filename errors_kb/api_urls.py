from django.urls import path

from errors_kb.views import api_diagnose, api_guide

app_name = "api"

urlpatterns = [
    path("errors", api_guide.entry_list, name="entry_list"),
    path("errors/<slug:slug>", api_guide.entry_detail, name="entry_detail"),
    path("diagnose", api_diagnose.diagnose, name="diagnose"),
]
