"""REST API for institutions. (Being built: see the API helper.)"""

from ninja import Router

router = Router(tags=["institutions"])
