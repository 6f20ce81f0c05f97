"""Reading tickets: the similar-ticket groups of triage."""

from dataclasses import dataclass, field

from troubleshooter.tickets.models import SIMILAR_WITHIN


@dataclass
class TicketGroup:
    condition: str
    model: str
    tickets: list = field(default_factory=list)

    @property
    def first_at(self):
        return self.tickets[0].created_at

    @property
    def ids(self):
        return [ticket.pk for ticket in self.tickets]


def ticket_groups(tickets):
    """Tickets with the same condition and model, each within an hour of the group's first: one problem.

    Tickets without a condition stand alone. Largest groups first.
    """
    groups, open_groups = [], {}
    for ticket in tickets.order_by("created_at", "pk"):
        key = (ticket.condition, ticket.model)
        group = open_groups.get(key) if ticket.condition else None
        if group is None or ticket.created_at - group.first_at > SIMILAR_WITHIN:
            group = TicketGroup(condition=ticket.condition, model=ticket.model)
            groups.append(group)
            open_groups[key] = group
        group.tickets.append(ticket)
    return sorted(groups, key=lambda g: (-len(g.tickets), -g.first_at.timestamp()))
