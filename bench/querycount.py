"""Print the SQL query count of pages against the benchmark database (target: <= 12 each)."""

from __future__ import annotations

import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from skillshub.accounts.models import User  # noqa: E402

staff, _ = User.objects.get_or_create(username="bench-staff", defaults={"role": "office_staff"})
for who, client in (("anonymous", Client()), ("office staff", Client())):
    if who == "office staff":
        client.force_login(staff)
    for url in sys.argv[1:]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        print(f"- {who} `{url}`: HTTP {response.status_code}, {len(ctx.captured_queries)} queries")
