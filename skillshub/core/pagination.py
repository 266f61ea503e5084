"""The API's one pagination: limit and offset with bounds the database can hold.

django-ninja's `LimitOffsetPagination` takes any integer, and a limit or offset past 2**63
overflows SQLite and PostgreSQL alike (a 500 that schemathesis found). Bounded, the schema
says so and an out-of-range value answers 422.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
