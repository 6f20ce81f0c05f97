"""The one OpenAPI 3.1 document of the site: the project's own paths plus each app's part.

Written by hand: the API is small, and the document is part of the contract. A test
validates real answers of every documented operation against it.
"""

from errors_kb.openapi import OPENAPI_PART as GUIDE_PART
from troubleshooter.health.openapi import OPENAPI_PART as HEALTH_PART
from troubleshooter.lib.openapi import ERROR_SCHEMA, json_response
from troubleshooter.tickets.openapi import OPENAPI_PART as TICKETS_PART
from troubleshooter.wizard.openapi import OPENAPI_PART as WIZARD_PART

PROJECT_PART = {
    "paths": {
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
                    "200": json_response("Everything answers.", "Liveness"),
                    "503": json_response("Something does not answer.", "Liveness"),
                },
            }
        },
    },
    "schemas": {
        "Error": ERROR_SCHEMA,
        "Liveness": {
            "type": "object",
            "required": ["status", "checks"],
            "properties": {
                "status": {"type": "string", "enum": ["ok", "fail"]},
                "checks": {
                    "type": "object",
                    "required": ["database", "broker", "worker"],
                    "properties": {name: {"type": "boolean"} for name in ("database", "broker", "worker")},
                },
            },
        },
    },
}

PARTS = (PROJECT_PART, GUIDE_PART, TICKETS_PART, WIZARD_PART, HEALTH_PART)


def openapi_document():
    paths, schemas = {}, {}
    for part in PARTS:
        clash = (paths.keys() & part["paths"].keys()) | (schemas.keys() & part["schemas"].keys())
        if clash:
            raise ValueError(f"Two parts of the OpenAPI document define {sorted(clash)}")
        paths.update(part["paths"])
        schemas.update(part["schemas"])
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Troubleshooter API",
            "version": "1.0.0",
            "description": "The error guide for the OpenAI API in English, Simplified Chinese and Korean, "
            "and the diagnoser that names the condition behind a pasted error. Errors are JSON objects "
            "with one `error` message in the caller's language.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "healthToken": {"type": "http", "scheme": "bearer", "description": "manage.py issue_api_token USER"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
        },
    }
