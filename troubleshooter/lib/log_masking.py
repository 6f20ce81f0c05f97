"""Log lines never carry a key: a logging filter and a gunicorn access logger that mask them."""

import logging

from gunicorn.glogging import Logger as GunicornLogger

from troubleshooter.lib.redact import mask_secrets


class MaskSecretsFilter(logging.Filter):
    """Formats the record's message once, masks key-shaped values, and keeps the record."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class MaskingAccessLogger(GunicornLogger):
    """gunicorn's access log with the request line and query string masked (a key typed into a GET form)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "q", "{raw_uri}e"):
            if isinstance(atoms.get(name), str):
                atoms[name] = mask_secrets(atoms[name])
        return atoms
