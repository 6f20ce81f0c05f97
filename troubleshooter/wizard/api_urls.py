from django.urls import path

from troubleshooter.wizard import api

urlpatterns = [path("wizard", api.wizard_graph, name="wizard_graph")]
