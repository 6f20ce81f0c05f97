from django.urls import path

from errors_kb.views import diagnose, guide

app_name = "errors_kb"

urlpatterns = [
    path("errors/", guide.entry_index, name="entry_index"),
    path("errors/<slug:slug>/", guide.entry_detail, name="entry_detail"),
    path("diagnose/", diagnose.diagnose_page, name="diagnose"),
]
