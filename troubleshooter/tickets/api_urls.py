from django.urls import path

from troubleshooter.tickets import api

app_name = "tickets_api"

urlpatterns = [path("tickets", api.ticket_file, name="file")]
