"""The health checks' part of the OpenAPI document (assembled in troubleshooter/openapi.py)."""

from troubleshooter.health.models import RunStatus, Schedule, State
from troubleshooter.lib.openapi import error_response, json_response, method_not_allowed

SIGN_IN = error_response("Neither a signed-in session nor a valid health API token (Authorization: Bearer).")
SECURITY = [{"healthToken": []}, {"session": []}]
PROFILE_ID = {"name": "profile_id", "in": "path", "required": True, "schema": {"type": "integer"}}

OPENAPI_PART = {
    "paths": {
        "/api/health/profiles": {
            "get": {
                "operationId": "listHealthProfiles",
                "summary": "Your connection profiles and their state (keys shown as fingerprints only)",
                "security": SECURITY,
                "responses": {
                    "200": json_response("Your profiles.", "HealthProfileList"),
                    "401": SIGN_IN,
                    "405": method_not_allowed("GET"),
                },
            }
        },
        "/api/health/profiles/{profile_id}/check": {
            "post": {
                "operationId": "checkHealthProfile",
                "summary": "Queue a check of one of your profiles now",
                "security": SECURITY,
                "parameters": [PROFILE_ID],
                "responses": {
                    "202": json_response("The check is queued; its page shows the progress.", "HealthCheckQueued"),
                    "401": SIGN_IN,
                    "403": error_response("A signed-in browser session sent no valid CSRF token (X-CSRFToken)."),
                    "404": error_response("You have no profile with this id."),
                    "405": method_not_allowed("POST"),
                    "429": {
                        **error_response("Too many checks from this client; try again after Retry-After seconds."),
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    },
                },
            }
        },
    },
    "schemas": {
        "HealthProfile": {
            "type": "object",
            "required": [
                "id",
                "name",
                "base_url",
                "key",
                "model",
                "schedule_minutes",
                "enabled",
                "state",
                "condition",
                "last_checked_at",
            ],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "base_url": {"type": "string"},
                "key": {"type": "string", "description": "The key's fingerprint, e.g. sk-…abcd; never the key."},
                "model": {"type": "string"},
                "schedule_minutes": {"type": "integer", "enum": list(Schedule.values)},
                "enabled": {"type": "boolean"},
                "state": {"type": "string", "enum": list(State.values)},
                "condition": {"type": ["string", "null"], "description": "Guide slug of the current condition."},
                "last_checked_at": {"type": ["string", "null"], "format": "date-time"},
            },
        },
        "HealthProfileList": {
            "type": "object",
            "required": ["profiles"],
            "properties": {"profiles": {"type": "array", "items": {"$ref": "#/components/schemas/HealthProfile"}}},
        },
        "HealthCheckQueued": {
            "type": "object",
            "required": ["run", "status", "url"],
            "properties": {
                "run": {"type": "integer"},
                "status": {"type": "string", "enum": list(RunStatus.values)},
                "url": {"type": "string", "format": "uri", "description": "The run's page (live progress)."},
            },
        },
    },
}
