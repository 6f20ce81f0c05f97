"""The wizard's state lives in the URL: the path taken and the answers gathered.

``?p=start,q-status,q-429`` is the path (the last id is the current step; each step's
choice is implied by the next id); ``text`` is the pasted error and ``req`` the checked
request body, both with secrets masked before they are put here; ``lib`` is the library
version the user picked; ``run`` is the id of an attached health-check run (the pages show
it, and put it in a ticket, only for its owner). Reload, Back and a shared link therefore show the same step.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from troubleshooter.lib.redact import mask_secrets
from troubleshooter.wizard.flow_rules import START_KEY
from troubleshooter.wizard.retry_code import LIBRARY_VERSIONS

MAX_PATH_STEPS = 60
MAX_TEXT_IN_URL = 2000
MAX_REQUEST_IN_URL = 3000
MAX_RUN_ID_DIGITS = 12


@dataclass(frozen=True)
class WizardState:
    path: tuple = (START_KEY,)
    text: str = ""
    req: str = ""
    lib: str = ""
    run: str = ""

    @classmethod
    def from_query(cls, query):
        """The state a query string holds; unknown ids are the caller's to refuse (``unknown_steps``)."""
        path = tuple(key for key in (query.get("p") or START_KEY).split(",") if key)[:MAX_PATH_STEPS]
        lib, run = query.get("lib", ""), query.get("run", "")
        return cls(
            path=path or (START_KEY,),
            text=mask_secrets(query.get("text", ""))[:MAX_TEXT_IN_URL],
            req=mask_secrets(query.get("req", ""))[:MAX_REQUEST_IN_URL],
            lib=lib if lib in LIBRARY_VERSIONS else "",
            run=run if run.isascii() and run.isdigit() and len(run) <= MAX_RUN_ID_DIGITS else "",
        )

    @property
    def current(self):
        return self.path[-1]

    def unknown_steps(self, flow):
        return [key for key in self.path if key not in flow.nodes]

    def query(self, **changes):
        state = replace(self, **changes)
        params = {"p": ",".join(state.path), "text": state.text, "req": state.req, "lib": state.lib, "run": state.run}
        return "?" + urlencode({name: value for name, value in params.items() if value}, safe=",")

    def forward(self, key):
        return self.query(path=(*self.path, key))

    def back(self):
        return self.query(path=self.path[:-1]) if len(self.path) > 1 else None

    def last_condition(self, flow):
        """The condition of the last resolution on the path, if any."""
        for key in reversed(self.path):
            node = flow.nodes.get(key)
            if node is not None and node.condition:
                return node.condition
        return ""
