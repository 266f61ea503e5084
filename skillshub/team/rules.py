"""Who may do what in the WZK secretariat.

The matrix is in docs/permissions.md ("WZK secretariat"); a test checks each cell. A person
belongs to a team through a current ``Membership`` of their contact-person record, whatever
their account's role; members of the WZK also see its working groups.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from skillshub.accounts.rules import is_office_staff

from .choices import MinutesStatus, ResolutionOutcome, Visibility
from .models import Document, Meeting, Membership, Minutes, Resolution, Team


def _team_of(obj: Any) -> Team | None:
    if isinstance(obj, Team):
        return obj
    if isinstance(obj, Meeting | Document | Resolution):
        return obj.team
    if isinstance(obj, Minutes):
        return obj.meeting.team
    return None


def member_team_ids(user: Any) -> set[int]:
    """The teams a person sits in today, with the working groups of those teams.

    Cached on the user object for the request, so a page asking many questions asks the
    database once.
    """
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_team_ids", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    direct = set(
        Membership.objects.filter(person__user=user, person__anonymised_at__isnull=True)
        .current_on(today)
        .values_list("team_id", flat=True)
    )
    groups = set(Team.objects.filter(parent_id__in=direct).values_list("id", flat=True))
    user._team_ids = direct | groups
    return user._team_ids


@rules.predicate
def sits_in_a_team(user: Any) -> bool:
    return bool(member_team_ids(user))


@rules.predicate
def is_member_of(user: Any, obj: Any) -> bool:
    team = _team_of(obj)
    return team is not None and team.pk in member_team_ids(user)


@rules.predicate
def is_public_document(user: Any, obj: Any) -> bool:
    return isinstance(obj, Document) and obj.visibility == Visibility.PUBLIC


@rules.predicate
def is_adopted_resolution(user: Any, obj: Any) -> bool:
    return isinstance(obj, Resolution) and obj.outcome == ResolutionOutcome.ADOPTED


@rules.predicate
def minutes_open_for_comments(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Minutes) or obj.status != MinutesStatus.CONSULTATION:
        return False
    return obj.comment_deadline is None or timezone.now() <= obj.comment_deadline


# The team, its terms and working groups
rules.add_perm("team.view_team", is_office_staff | is_member_of)
rules.add_perm("team.manage_team", is_office_staff)
rules.add_perm("team.view_my_team", is_office_staff | sits_in_a_team)
rules.add_perm("team.view_calendar", is_office_staff | sits_in_a_team)

# Sittings: agenda, convening, attendance, votes
rules.add_perm("team.view_meeting", is_office_staff | is_member_of)
rules.add_perm("team.manage_meeting", is_office_staff)

# Documents
rules.add_perm("team.view_document", is_office_staff | is_public_document | is_member_of)
rules.add_perm("team.manage_documents", is_office_staff)

# Resolutions: adopted ones are public information
rules.add_perm("team.view_resolution", is_office_staff | is_adopted_resolution | is_member_of)
rules.add_perm("team.view_resolution_register", rules.always_allow)
rules.add_perm("team.manage_resolutions", is_office_staff)

# Minutes
rules.add_perm("team.view_minutes", is_office_staff | is_member_of)
rules.add_perm("team.comment_minutes", is_office_staff | (is_member_of & minutes_open_for_comments))
rules.add_perm("team.manage_minutes", is_office_staff)
