"""Real concurrent transactions (two threads, two database connections): two staff members
moving the same matter at once, and a submission racing its own retry.

On PostgreSQL the services' ``select_for_update`` makes the second mover wait for the first
one's commit and then see the new state; on SQLite the IMMEDIATE transactions serialise the
writers the same way. Either way exactly one move wins and the loser learns what happened.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from skillshub.matters import services as svc
from skillshub.matters.choices import MatterState as S
from skillshub.matters.exceptions import IllegalTransition, StaleMove
from skillshub.matters.models import Matter, MatterTransition


def _race(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls at the same moment, each in its own thread (its own connection); return
    each one's result or exception, in order."""
    results: list[Any] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # the test inspects it below
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_staff_moving_one_matter_at_once_exactly_one_wins(member, coordinator, office_admin):
    matter = svc.matter_create(
        actor=member,
        data={"title": "Brak doradców zawodowych", "description": "Opis."},
        submit=True,
    )

    def accept() -> Matter:
        return svc.matter_move(
            matter=Matter.objects.get(pk=matter.pk),
            actor=coordinator,
            target=S.ACCEPTED,
            expected_state=S.SUBMITTED,
        )

    def reject() -> Matter:
        return svc.matter_move(
            matter=Matter.objects.get(pk=matter.pk),
            actor=office_admin,
            target=S.REJECTED,
            expected_state=S.SUBMITTED,
            note="Poza zakresem działania Zespołu.",
        )

    results = _race(accept, reject)

    winners = [r for r in results if isinstance(r, Matter)]
    losers = [r for r in results if isinstance(r, StaleMove | IllegalTransition)]
    assert len(winners) == 1 and len(losers) == 1, results
    winner, loser = winners[0], losers[0]
    matter.refresh_from_db()
    assert matter.state == winner.state
    assert matter.version == winner.version
    if isinstance(loser, StaleMove):  # the loser sees what happened
        assert loser.seen == S.SUBMITTED
        assert loser.matter.state == winner.state
    moves = MatterTransition.objects.filter(matter=matter, from_state=S.SUBMITTED)
    assert moves.count() == 1
    assert moves.get().to_state == matter.state
    assert (matter.state == S.REJECTED) == bool(matter.rejection_reason)


@pytest.mark.django_db(transaction=True)
def test_a_submission_racing_its_own_retry_makes_one_matter(member):
    key = uuid.uuid4()

    def submit() -> Matter:
        return svc.matter_create(
            actor=member,
            data={"title": "Kursy KKZ dla dorosłych", "description": "Opis."},
            submission_key=key,
            submit=True,
        )

    results = _race(submit, submit)

    assert all(isinstance(r, Matter) for r in results), results
    assert results[0].pk == results[1].pk
    assert Matter.objects.filter(submission_key=key).count() == 1
    matter = Matter.objects.get(submission_key=key)
    assert matter.state == S.SUBMITTED
    assert MatterTransition.objects.filter(matter=matter, to_state=S.SUBMITTED).count() == 1
