"""What the home page gathers from the apps: this week's most common conditions, a signed-in user's health checks."""

from collections import Counter
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from errors_kb.models import Entry
from troubleshooter.health.models import Profile, State
from troubleshooter.tickets.models import Ticket
from troubleshooter.wizard.models import Outcome


def common_conditions_this_week(*, limit=5):
    """[{"title", "count", "url"}] of the conditions users met most in seven days: wizard answers and tickets."""
    since = timezone.now() - timedelta(days=7)
    counts = Counter(Outcome.objects.condition_counts_since(since))
    counts.update(Ticket.objects.condition_counts_since(since))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    titles = dict(Entry.objects.filter(slug__in=[slug for slug, _count in top]).values_list("slug", "title"))
    return [
        {
            "title": titles.get(slug, slug),
            "count": count,
            "url": reverse("errors_kb:entry_detail", kwargs={"slug": slug}),
        }
        for slug, count in top
    ]


def health_summary(*, user):
    """{"profiles", "failing"} of a signed-in user's connection profiles; None for visitors."""
    if not user.is_authenticated:
        return None
    profiles = list(Profile.objects.owned_by(user).only("name", "state").order_by("name"))
    return {"profiles": profiles, "failing": sum(profile.state == State.FAILING for profile in profiles)}
