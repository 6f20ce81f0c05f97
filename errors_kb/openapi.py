"""The guide's and the diagnoser's part of the OpenAPI document (assembled in troubleshooter/openapi.py)."""

from django.db.models import TextChoices

from errors_kb.models import Entry
from troubleshooter.lib.openapi import (
    JSON_BODY_ERRORS,
    LANG_PARAMETER,
    LANG_PROPERTY,
    error_response,
    json_request_body,
    json_response,
    method_not_allowed,
    string_list,
)


def _values(choices: type[TextChoices], *, blank=False):
    return list(choices.values) + ([""] if blank else [])


ENTRY_SUMMARY_PROPERTIES = {
    "slug": {"type": "string", "description": "Stable identifier, e.g. 429-quota-exceeded."},
    "kind": {"type": "string", "enum": _values(Entry.Kind)},
    "title": {"type": "string"},
    "summary": {"type": "string", "description": "One plain sentence."},
    "http_status": {"type": ["integer", "null"]},
    "error_codes": string_list("Values of the error body's `code`, verbatim."),
    "error_types": string_list("Values of the error body's `type`, verbatim."),
    "sdk_exceptions": string_list("Python library exceptions, e.g. openai.RateLimitError, openai.error.Timeout."),
    "url": {"type": "string", "format": "uri", "description": "The entry's page in the requested language."},
}

SCHEMAS = {
    "EntrySummary": {
        "type": "object",
        "required": list(ENTRY_SUMMARY_PROPERTIES),
        "properties": ENTRY_SUMMARY_PROPERTIES,
    },
    "EntryList": {
        "type": "object",
        "required": ["lang", "entries"],
        "properties": {
            "lang": LANG_PROPERTY,
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
                    "provider_messages",
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
                    "lang": LANG_PROPERTY,
                    "api_messages": string_list("Messages the API sends for this entry, verbatim (English)."),
                    "provider_messages": {
                        "type": "array",
                        "description": "How other LLM APIs and relays word this error, verbatim.",
                        "items": {
                            "type": "object",
                            "required": ["provider", "status", "code", "message", "message_lang"],
                            "properties": {
                                "provider": {"type": "string"},
                                "status": {"type": ["integer", "null"], "minimum": 100, "maximum": 599},
                                "code": {"type": "string", "description": "Empty when the provider sends none."},
                                "message": {"type": "string"},
                                "message_lang": {"type": "string", "description": "The language the message is in."},
                            },
                        },
                    },
                    "cause": {"type": "string", "description": "Markdown."},
                    "solution": {"type": "string", "description": "Markdown."},
                    "body": {"type": "string", "description": "Markdown."},
                    "sources_note": {"type": "string", "description": "Markdown: where the sources disagree."},
                    "reasons": string_list("Why it happens, in order; each Markdown."),
                    "steps": string_list("Resolution steps, in order; each Markdown."),
                    "who_acts": {"type": "string", "enum": _values(Entry.Actor, blank=True)},
                    "who_acts_text": {"type": "string", "description": "who_acts as a sentence."},
                    "retry": {"type": "string", "enum": _values(Entry.Retry, blank=True)},
                    "retry_text": {"type": "string", "description": "retry as a sentence."},
                    "examples": string_list("Example error texts, verbatim."),
                    "related": {"type": "array", "items": {"$ref": "#/components/schemas/RelatedEntry"}},
                },
            },
        ]
    },
    "DiagnoseRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {
                "type": "string",
                "description": "Anything pasted: a traceback, a JSON body, a log line. At most 64 KB of UTF-8.",
            },
            "lang": {**LANG_PROPERTY, "description": "Language of titles, evidence, notes and errors."},
        },
    },
    "DiagnoseMatch": {
        "type": "object",
        "required": ["condition", "confidence", "evidence", "title"],
        "properties": {
            "condition": {"type": "string", "description": "A guide entry's slug."},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "evidence": string_list("What in the text points to this condition, in the asked language."),
            "title": {"type": "string", "description": "The entry's title in the asked language."},
        },
    },
    "RateLimitFigures": {
        "type": ["object", "null"],
        "description": "Figures of a rate-limit message, when the text carries one.",
        "properties": {
            "limit": {"type": "number"},
            "used": {"type": "number"},
            "requested": {"type": "number"},
            "per": {"type": "string", "description": "The unit, e.g. TPM or requests per min."},
            "retry_after": {"type": "string"},
            "request_too_large": {"type": "boolean", "description": "One request is larger than the limit."},
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
        "required": ["matches", "extracted", "rate_limit", "key_hints", "notes", "ambiguous", "settle_with"],
        "properties": {
            "matches": {
                "type": "array",
                "description": "Best match first; empty when the text is not an API error.",
                "items": {"$ref": "#/components/schemas/DiagnoseMatch"},
            },
            "extracted": {"$ref": "#/components/schemas/DiagnoseExtracted"},
            "rate_limit": {"$ref": "#/components/schemas/RateLimitFigures"},
            "key_hints": string_list("What the masked key in the text says went wrong."),
            "notes": string_list("Advice the figures in the text call for."),
            "ambiguous": {"type": "boolean", "description": "The text cannot tell the first matches apart."},
            "settle_with": string_list("What to look for or paste to settle it."),
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
                "200": json_response("The entries, in guide order.", "EntryList"),
                "400": error_response("Unknown lang or kind; the message lists the valid values."),
                "405": method_not_allowed("GET"),
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
                "200": json_response("The entry.", "Entry"),
                "400": error_response("Unknown lang; the message lists the valid values."),
                "404": error_response("No entry has this slug."),
                "405": method_not_allowed("GET"),
            },
        }
    },
    "/api/diagnose": {
        "post": {
            "operationId": "diagnose",
            "summary": "Name the conditions behind a pasted error text",
            "requestBody": json_request_body("DiagnoseRequest"),
            "responses": {
                "200": json_response("Matches, best first, and what was read from the text.", "DiagnoseResponse"),
                **JSON_BODY_ERRORS,
                "400": error_response("The body is not JSON, has no text, or the text is empty or binary."),
                "405": method_not_allowed("POST"),
                "413": error_response("The text is longer than 64 KB."),
            },
        }
    },
}

OPENAPI_PART = {"paths": PATHS, "schemas": SCHEMAS}
