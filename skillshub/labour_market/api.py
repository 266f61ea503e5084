"""The labour-market API: open data. (Filled in by its owner.)"""

from ninja import Router

router = Router(tags=["labour-market"])
