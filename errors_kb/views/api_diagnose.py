"""Placeholder: being written."""
from django.http import JsonResponse


def diagnose(request):
    return JsonResponse({})
