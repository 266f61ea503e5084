"""The one API object, composed from each app's router."""

from ninja import NinjaAPI

from skillshub.guidance.api import router as guidance_router
from skillshub.labour_market.api import router as labour_market_router
from skillshub.labour_market.coding.api import router as occupation_coder_router
from skillshub.matters.api import router as matters_router
from skillshub.portal.api import router as portal_router
from skillshub.programme.api import router as programme_router
from skillshub.stakeholders.api import router as stakeholders_router
from skillshub.team.api import router as team_router

api = NinjaAPI(
    title="Skills Hub API",
    version="1",
    description=(
        "Open data and staff operations of the Lubuska Platforma Uczenia się przez Całe Życie. "
        "Anonymous callers see public fields; staff authenticate with `Authorization: Bearer "
        "<token>`."
    ),
    urls_namespace="api-v1",
)
api.add_router("/institutions", stakeholders_router)
api.add_router("/team", team_router)
api.add_router("/matters", matters_router)
api.add_router("/programme", programme_router)
api.add_router("/portal", portal_router)
api.add_router("/guidance", guidance_router)
api.add_router("/labour-market", labour_market_router)
api.add_router("/occupation-coder", occupation_coder_router)
