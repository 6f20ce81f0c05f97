"""The tickets' part of the OpenAPI document."""

from troubleshooter.lib.openapi import JSON_BODY_ERRORS, error_response, json_request_body, json_response

_TEXT = {"type": ["string", "null"]}

OPENAPI_PART = {
    "paths": {
        "/api/tickets": {
            "post": {
                "operationId": "fileTicket",
                "summary": "File a ticket for a persistent error; secrets are removed before it is stored",
                "requestBody": json_request_body("TicketRequest"),
                "responses": {
                    "201": json_response("Filed. `url` is the ticket's unguessable page.", "TicketFiled"),
                    **JSON_BODY_ERRORS,
                    "400": error_response(
                        "Not valid JSON, not an object, a field of the wrong type or too long, no error message, "
                        "an unknown time zone, an invalid time or email."
                    ),
                    "405": error_response("Only POST is allowed; the Allow header names it."),
                    "429": {
                        **error_response("Too many tickets from this client; try again after Retry-After seconds."),
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    },
                },
            }
        }
    },
    "schemas": {
        "TicketRequest": {
            "type": "object",
            "required": ["error_message"],
            "properties": {
                "model": {**_TEXT, "maxLength": 100},
                "error_message": {"type": "string", "minLength": 1, "maxLength": 8000},
                "error_code": {**_TEXT, "maxLength": 100},
                "request_body": {**_TEXT, "maxLength": 16000, "description": "Secrets are removed."},
                "request_headers": {**_TEXT, "maxLength": 4000, "description": "Secrets are removed."},
                "occurred_at": {**_TEXT, "description": "ISO 8601; without an offset, read in `timezone`."},
                "timezone": {**_TEXT, "description": "IANA name such as Asia/Seoul; default UTC."},
                "details": {**_TEXT, "maxLength": 8000},
                "contact_email": {**_TEXT, "format": "email", "description": "Never part of the exports."},
                "request_id": _TEXT,
                "openai_version": _TEXT,
                "python_version": _TEXT,
                "os_name": _TEXT,
                "wizard_path": _TEXT,
                "health_run_id": _TEXT,
                "lang": {"type": "string", "enum": ["en", "zh-hans", "ko"]},
            },
        },
        "TicketFiled": {
            "type": "object",
            "required": ["reference", "url"],
            "properties": {
                "reference": {"type": "string", "pattern": "^TS-[0-9]{4}-[0-9]{6,}$"},
                "url": {"type": "string", "description": "The ticket's page; add ?format=json or ?format=md."},
            },
        },
    },
}
