"""The masked API key in a 401 often names the mistake.

`key_hints(masked_key)` reads what the API echoed back ("Incorrect API key provided:
sk-abc*****wxyz") and says what went wrong in the active language.
"""

import re

from django.utils.translation import gettext as _

from troubleshooter.lib.redact import mask_key

PLACEHOLDER = re.compile(
    r"^[\"'{<\[(`$%]*(?:your|<|xxx|x{3,}|sk-x{3,}|sk-\.\.\.|sk-your|sk-proj-x{3,}|sk-\*+$|\*+$|none$|null$"
    r"|undefined$|empty$|nan$|api[_-]?key|openai[_-]?api|placeholder|change[_-]?me|insert|put[_-]?your|dummy|fake"
    r"|test$|sk-1234|\$\{|%\()",
    re.I,
)
WRAPPING = re.compile(r"[\"'{}`<>\[\]]|^\(|\)$|\\[nrt]")
URL_LIKE = re.compile(r"^(?:https?|wss?)[:*]|://|^www\.|\.(?:com|cn|net|org|io|ai)\b", re.I)
AZURE_HEX = re.compile(r"^[0-9a-f*]{32}$", re.I)


def key_hints(masked_key):
    """Translated sentences about what the key shows; empty when it looks like a real OpenAI key."""
    if not masked_key:
        return []
    key = masked_key.strip()
    shown = mask_key(key)
    hints = []
    if PLACEHOLDER.search(key):
        hints.append(_("The key is a placeholder (%(key)s): the real key was never filled in.") % {"key": shown})
    elif URL_LIKE.search(key):
        hints.append(_("A URL was sent as the key (%(key)s): the base URL and the key were swapped.") % {"key": shown})
    elif WRAPPING.search(key):
        hints.append(
            _(
                "The key carries quotes, braces or brackets (%(key)s): they were copied into the variable; "
                "keep only the characters of the key."
            )
            % {"key": shown}
        )
    bare = key.strip("\"'{}`<>[]()")
    if bare.lower().startswith("bearer"):
        hints.append(_("The word “Bearer” is part of the key: the library adds it itself; set only the key."))
    if bare.startswith("sk-or-"):
        hints.append(
            _(
                "This is an OpenRouter key (%(key)s) sent to api.openai.com: set the base URL to "
                "https://openrouter.ai/api/v1."
            )
            % {"key": shown}
        )
    elif bare.startswith("sk-ant-"):
        hints.append(_("This is an Anthropic key (%(key)s): it is not valid at OpenAI.") % {"key": shown})
    elif bare.startswith("AIza"):
        hints.append(_("This is a Google API key (%(key)s): it is not valid at OpenAI.") % {"key": shown})
    elif bare.startswith("sess-"):
        hints.append(_("This is a ChatGPT session token, not an API key: create a key on the API keys page."))
    elif AZURE_HEX.match(bare) and "*" in bare and not PLACEHOLDER.search(key):
        hints.append(
            _(
                "This looks like a 32-character Azure OpenAI key (%(key)s) sent to api.openai.com: use the Azure "
                "client with your resource's endpoint and API version."
            )
            % {"key": shown}
        )
    elif bare.startswith("sk-") and "*" in bare and len(bare) < 40 and not PLACEHOLDER.search(key):
        hints.append(
            _(
                "The key is only %(length)s characters long (%(key)s): it may have been cut off when copied, or it "
                "belongs to another provider."
            )
            % {"length": len(bare), "key": shown}
        )
    return hints
