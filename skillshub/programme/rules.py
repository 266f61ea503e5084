"""Who may do what with the programme. Its matrix is in docs/permissions.md ("Programme")."""

from __future__ import annotations

import rules

from skillshub.accounts.rules import is_office_staff, is_team_member

# The adopted programme, its indicators and progress are public information.
rules.add_perm("programme.view_programme", rules.always_allow)
rules.add_perm("programme.view_dashboard", rules.always_allow)
# Drafts and revisions in progress: the office and the WZK, which is consulted on them.
rules.add_perm("programme.view_drafts", is_office_staff | is_team_member)
rules.add_perm("programme.change_programme", is_office_staff)
rules.add_perm("programme.adopt_version", is_office_staff)
rules.add_perm("programme.change_indicators", is_office_staff)
rules.add_perm("programme.record_measurements", is_office_staff)
rules.add_perm("programme.edit_strategy", is_office_staff)
