from django.urls import path

from troubleshooter.tickets import views

app_name = "tickets"

urlpatterns = [
    path("tickets/", views.index, name="index"),
    path("tickets/new/", views.ticket_new, name="new"),
    path("tickets/<str:secret>/", views.ticket_detail, name="detail"),
]
