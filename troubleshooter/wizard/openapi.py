"""The wizard's part of the OpenAPI document (assembled in troubleshooter/openapi.py)."""

from troubleshooter.lib.openapi import LANG_PARAMETER, error_response, json_response, method_not_allowed
from troubleshooter.wizard.models import Node

OPENAPI_PART = {
    "paths": {
        "/api/wizard": {
            "get": {
                "operationId": "getWizardFlow",
                "summary": "The wizard's flow graph, texts in the asked language",
                "parameters": [LANG_PARAMETER],
                "responses": {
                    "200": json_response("The graph: where it starts and every node.", "WizardFlow"),
                    "400": error_response("Unknown lang."),
                    "405": method_not_allowed("GET"),
                },
            }
        }
    },
    "schemas": {
        "WizardFlow": {
            "type": "object",
            "required": ["start", "nodes"],
            "properties": {
                "start": {"type": "string", "description": "The id of the first node."},
                "nodes": {"type": "array", "items": {"$ref": "#/components/schemas/WizardNode"}},
            },
        },
        "WizardNode": {
            "type": "object",
            "required": ["id", "kind", "text", "choices", "condition"],
            "properties": {
                "id": {"type": "string"},
                "kind": {"type": "string", "enum": list(Node.Kind.values)},
                "text": {"type": "string", "description": "A resolution without its own text shows its entry's title."},
                "choices": {
                    "type": "array",
                    "description": "Questions: their choices. Tools: one “Continue”. Resolutions: one “Not fixed”.",
                    "items": {
                        "type": "object",
                        "required": ["label", "next"],
                        "properties": {"label": {"type": "string"}, "next": {"type": "string"}},
                    },
                },
                "condition": {"type": ["string", "null"], "description": "Resolutions: the guide condition's slug."},
            },
        },
    },
}
