"""Placeholder: being written."""
from django.http import JsonResponse


def entry_list(request):
    return JsonResponse({})


def entry_detail(request, slug):
    return JsonResponse({})


def openapi_schema(request):
    return JsonResponse({})
