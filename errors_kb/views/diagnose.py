"""Placeholder: being written."""
from django.http import HttpResponse


def diagnose_page(request):
    return HttpResponse("diagnose")
