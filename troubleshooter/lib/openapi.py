"""Building blocks of the OpenAPI document that every app's part uses.

Each app describes its own paths and schemas (``OPENAPI_PART``); ``troubleshooter/openapi.py``
assembles them into the one document served at /api/openapi.json.
"""

from troubleshooter.lib.languages import LANGUAGE_CODES

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "string",
            "description": "What was wrong, in the caller's language: a valid `lang`, else Accept-Language.",
        }
    },
}

LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Language of the translated texts and of error messages. Any other value answers 400.",
    "schema": {"type": "string", "enum": list(LANGUAGE_CODES), "default": "en"},
}

LANG_PROPERTY = {"type": "string", "enum": list(LANGUAGE_CODES)}


def string_list(description):
    return {"type": "array", "items": {"type": "string"}, "description": description}


def error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def json_response(description, schema_name):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def json_request_body(schema_name):
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def method_not_allowed(allowed):
    return error_response(f"Only {allowed} is allowed; the Allow header names it.")


JSON_BODY_ERRORS = {
    "400": error_response("The body is not valid UTF-8 or JSON, not an object, or a field is wrong."),
    "413": error_response("The body is too large."),
    "415": error_response("The body is not sent as application/json."),
}
