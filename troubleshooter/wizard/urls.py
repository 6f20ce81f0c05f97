from django.urls import path

from troubleshooter.wizard import views

app_name = "wizard"
urlpatterns = [
    path("wizard/", views.step, name="step"),
    path("wizard/paste/", views.paste, name="paste"),
    path("wizard/outcome/", views.outcome, name="outcome"),
    path("wizard/live-check/", views.live_check, name="live_check"),
    path("wizard/explain/", views.explain, name="explain"),
]
