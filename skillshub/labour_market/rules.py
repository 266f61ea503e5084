"""Who may do what with labour-market evidence. The matrix is in docs/permissions.md
("Labour-market evidence"); a test checks each cell."""

from __future__ import annotations

from typing import Any

import rules

from skillshub.accounts.rules import is_office_staff, is_team_member

from .choices import RoundStatus
from .models import BarometrPanel, BarometrRound


@rules.predicate
def sits_on_panel(user: Any, panel: BarometrPanel | None) -> bool:
    if panel is None or not getattr(user, "is_authenticated", False):
        return False
    return panel.members.filter(pk=user.pk).exists()


@rules.predicate
def is_panel_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        BarometrPanel.objects.filter(members=user).exists()
    )


@rules.predicate
def round_is_open(user: Any, obj: Any) -> bool:
    barometr_round = obj if isinstance(obj, BarometrRound) else getattr(obj, "round", None)
    return barometr_round is not None and barometr_round.status == RoundStatus.OPEN


# Statistics and forecasts are public information: the occupation pages, MZDiN indicators,
# the Barometr's closed rounds and the MEN list are open data.
rules.add_perm("labour_market.view_evidence", rules.always_allow)
rules.add_perm("labour_market.view_gaps", is_office_staff | is_team_member)
rules.add_perm("labour_market.import_data", is_office_staff)
# Importing job ads, reviewing their codes and retraining the coder.
rules.add_perm("labour_market.code_job_ads", is_office_staff)
rules.add_perm("labour_market.manage_thresholds", is_office_staff)
rules.add_perm("labour_market.manage_rounds", is_office_staff)
rules.add_perm("labour_market.view_open_round", is_office_staff | is_panel_member)
# The object is the panel; open rounds only is checked by the service.
rules.add_perm("labour_market.rate_for_panel", is_office_staff | sits_on_panel)
