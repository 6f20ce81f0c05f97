"""What makes a flow whole: the checks the loader and the admin share, with the same messages."""

from django.utils.translation import gettext as _

START_KEY = "start"


def stored_node_keys():
    from troubleshooter.wizard.models import Node

    return set(Node.objects.values_list("key", flat=True))


def stored_condition_slugs():
    from errors_kb.models import Entry

    return set(Entry.objects.conditions().values_list("slug", flat=True))


def missing_node_message(key):
    return _("No wizard node has the id “%(key)s”.") % {"key": key}


def reference_problems(*, kind, tool, condition, next_key, node_keys, condition_slugs):
    """Problems of one node's own fields: what its kind needs, and whether its references exist."""
    from troubleshooter.wizard.models import Node

    problems = []
    if kind == Node.Kind.TOOL and not tool:
        problems.append(_("A tool node must name its tool."))
    if kind != Node.Kind.TOOL and tool:
        problems.append(_("Only tool nodes name a tool."))
    if kind == Node.Kind.RESOLUTION:
        if not condition:
            problems.append(_("A resolution must name a guide condition."))
        elif condition not in condition_slugs:
            problems.append(_("No guide condition has the slug “%(slug)s”.") % {"slug": condition})
    elif condition:
        problems.append(_("Only resolutions name a guide condition."))
    if kind in (Node.Kind.TOOL, Node.Kind.RESOLUTION) and not next_key:
        problems.append(_("A tool or a resolution must say which node comes next."))
    if next_key and next_key not in node_keys:
        problems.append(missing_node_message(next_key))
    return problems
