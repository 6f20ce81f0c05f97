"""The admin keeps inline styles: Django's own admin templates carry a <style> block.

Everywhere else the Content-Security-Policy allows styles only from our static files.
"""

from csp.constants import SELF, UNSAFE_INLINE

ADMIN_PREFIX = "/admin/"


class AdminInlineStylesMiddleware:
    """Placed after csp's middleware, so its answer is marked before the policy is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_update = {"style-src": [SELF, UNSAFE_INLINE]}
        return response
