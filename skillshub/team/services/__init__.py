"""Every write of the WZK secretariat, one module per area: ``meetings`` (the team, its terms,
sittings, agenda, attendance, votes), ``documents`` and ``minutes``."""
