"""Placeholder: being written."""
from django.http import HttpResponse


def home(request):
    return HttpResponse("home")


def entry_index(request):
    return HttpResponse("index")


def entry_detail(request, slug):
    return HttpResponse(slug)
