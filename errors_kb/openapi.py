"""The OpenAPI 3.1 document of the public JSON API (DESIGN.md, "Public contract").

Written by hand: the API is small, and the document is part of the contract.
"""

from django.conf import settings
from django.db.models import TextChoices

from errors_kb.models import Entry

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _values(choices: type[TextChoices], *, blank=False):
    return list(choices.values) + ([""] if blank else [])


def _string_list(description):
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json_response(description, schema_name):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Language of the translated texts. Any other value answers 400.",
    "schema": {"type": "string", "enum": LANGUAGE_CODES, "default": "en"},
}

ENTRY_SUMMARY_PROPERTIES = {
    "slug": {"type": "string", "description": "Stable identifier, e.g. 429-quota-exceeded."},
    "kind": {"type": "string", "enum": _values(Entry.Kind)},
    "title": {"type": "string"},
    "summary": {"type": "string", "description": "One plain sentence."},
    "http_status": {"type": ["integer", "null"]},
    "error_codes": _string_list("Values of the error body's `code`, verbatim."),
    "error_types": _string_list("Values of the error body's `type`, verbatim."),
    "sdk_exceptions": _string_list("Python library exceptions, e.g. openai.RateLimitError, openai.error.Timeout."),
    "url": {"type": "string", "format": "uri", "description": "The entry's page in the requested language."},
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "What was wrong, in English."}},
    },
    "EntrySummary": {
        "type": "object",
        "required": list(ENTRY_SUMMARY_PROPERTIES),
        "properties": ENTRY_SUMMARY_PROPERTIES,
    },
    "EntryList": {
        "type": "object",
        "required": ["lang", "entries"],
        "properties": {
            "lang": {"type": "string", "enum": LANGUAGE_CODES},
            "entries": {"type": "array", "items": {"$ref": "#/components/schemas/EntrySummary"}},
        },
    },
    "RelatedEntry": {
        "type": "object",
        "required": ["slug", "title", "url"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
        },
    },
    "Entry": {
        "allOf": [
            {"$ref": "#/components/schemas/EntrySummary"},
            {
                "type": "object",
                "required": [
                    "lang",
                    "api_messages",
                    "cause",
                    "solution",
                    "body",
                    "sources_note",
                    "reasons",
                    "steps",
                    "who_acts",
                    "retry",
                    "examples",
                    "related",
                ],
                "properties": {
                    "lang": {"type": "string", "enum": LANGUAGE_CODES},
                    "api_messages": _string_list("Messages the API sends for this entry, verbatim (English)."),
                    "cause": {"type": "string", "description": "Markdown."},
                    "solution": {"type": "string", "description": "Markdown."},
                    "body": {"type": "string", "description": "Markdown."},
                    "sources_note": {"type": "string", "description": "Markdown: where the sources disagree."},
                    "reasons": _string_list("Why it happens, in order; each Markdown."),
                    "steps": _string_list("Resolution steps, in order; each Markdown."),
                    "who_acts": {"type": "string", "enum": _values(Entry.Actor, blank=True)},
                    "who_acts_text": {"type": "string", "description": "who_acts as a sentence."},
                    "retry": {"type": "string", "enum": _values(Entry.Retry, blank=True)},
                    "retry_text": {"type": "string", "description": "retry as a sentence."},
                    "examples": _string_list("Example error texts, verbatim."),
                    "related": {"type": "array", "items": {"$ref": "#/components/schemas/RelatedEntry"}},
                },
            },
        ]
    },
    "DiagnoseRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "description": "Anything pasted: a traceback, a JSON body, a log line."}
        },
    },
    "DiagnoseMatch": {
        "type": "object",
        "required": ["condition", "confidence", "evidence"],
        "properties": {
            "condition": {"type": "string", "description": "A guide entry's slug."},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "evidence": _string_list("What in the text points to this condition."),
        },
    },
    "DiagnoseExtracted": {
        "type": "object",
        "required": ["status", "type", "code", "param", "message", "exception", "sdk", "request_id"],
        "properties": {
            "status": {"type": ["integer", "null"]},
            "type": {"type": ["string", "null"]},
            "code": {"type": ["string", "null"]},
            "param": {"type": ["string", "null"]},
            "message": {"type": ["string", "null"]},
            "exception": {"type": ["string", "null"]},
            "sdk": {"enum": ["v0", "v1", None]},
            "request_id": {"type": ["string", "null"]},
        },
    },
    "DiagnoseResponse": {
        "type": "object",
        "required": ["matches", "extracted"],
        "properties": {
            "matches": {
                "type": "array",
                "description": "Best match first.",
                "items": {"$ref": "#/components/schemas/DiagnoseMatch"},
            },
            "extracted": {"$ref": "#/components/schemas/DiagnoseExtracted"},
        },
    },
    "TicketRequest": {
        "type": "object",
        "required": ["error_message"],
        "properties": {
            "model": {"type": "string"},
            "error_message": {"type": "string"},
            "error_code": {"type": "string"},
            "request_body": {"type": "string"},
            "request_headers": {"type": "string"},
            "occurred_at": {"type": "string", "format": "date-time"},
            "timezone": {"type": "string"},
            "details": {"type": "string"},
            "contact_email": {"type": "string", "format": "email"},
        },
    },
    "TicketCreated": {
        "type": "object",
        "required": ["reference", "url"],
        "properties": {
            "reference": {"type": "string"},
            "url": {"type": "string", "description": "The ticket's page; ?format=json and ?format=md export it."},
        },
    },
    "Liveness": {
        "type": "object",
        "required": ["status", "checks"],
        "properties": {
            "status": {"type": "string", "enum": ["ok", "fail"]},
            "checks": {"type": "object", "additionalProperties": {"type": "boolean"}},
        },
    },
}

PATHS = {
    "/api/errors": {
        "get": {
            "operationId": "listEntries",
            "summary": "List guide entries, optionally searched and filtered by kind",
            "parameters": [
                LANG_PARAMETER,
                {
                    "name": "q",
                    "in": "query",
                    "required": False,
                    "description": "Words that must all occur: message text, code, type, exception, status, "
                    "slug, or text in any of the three languages.",
                    "schema": {"type": "string", "maxLength": 200},
                },
                {
                    "name": "kind",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": _values(Entry.Kind)},
                },
            ],
            "responses": {
                "200": _json_response("The entries, in guide order.", "EntryList"),
                "400": _error_response("Unknown lang or kind; the message lists the valid values."),
                "405": _error_response("Only GET is allowed."),
            },
        }
    },
    "/api/errors/{slug}": {
        "get": {
            "operationId": "getEntry",
            "summary": "One guide entry with all its fields",
            "parameters": [
                {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                LANG_PARAMETER,
            ],
            "responses": {
                "200": _json_response("The entry.", "Entry"),
                "400": _error_response("Unknown lang; the message lists the valid values."),
                "404": _error_response("No entry has this slug."),
                "405": _error_response("Only GET is allowed."),
            },
        }
    },
    "/api/diagnose": {
        "post": {
            "operationId": "diagnose",
            "summary": "Name the conditions behind a pasted error text",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DiagnoseRequest"}}},
            },
            "responses": {
                "200": _json_response("Matches, best first, and what was read from the text.", "DiagnoseResponse"),
                "400": _error_response("The body is not JSON or has no text."),
                "405": _error_response("Only POST is allowed."),
            },
        }
    },
    "/api/tickets": {
        "post": {
            "operationId": "createTicket",
            "summary": "Save a support ticket for a persistent error (secrets are removed)",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TicketRequest"}}},
            },
            "responses": {
                "201": _json_response("The ticket was saved.", "TicketCreated"),
                "400": _error_response("The body is not valid."),
            },
        }
    },
    "/api/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document",
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
        }
    },
    "/healthz": {
        "get": {
            "operationId": "liveness",
            "summary": "Database, broker and a worker's heartbeat",
            "responses": {
                "200": _json_response("Everything answers.", "Liveness"),
                "503": _json_response("Something does not answer.", "Liveness"),
            },
        }
    },
}


def openapi_document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Troubleshooter API",
            "version": "1.0.0",
            "description": "The error guide for the OpenAI API in English, Simplified Chinese and Korean, "
            "and the diagnoser that names the condition behind a pasted error.",
        },
        "servers": [{"url": "/"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
