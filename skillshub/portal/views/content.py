"""News, static pages and campaigns: the public pages, their images and the staff's forms."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.access import require_perm
from skillshub.core.forms import add_service_errors
from skillshub.core.pagecache import public_page
from skillshub.stakeholders.exceptions import EditConflict

from .. import services_content as services
from ..choices import PublicationStatus
from ..feeds import NewsAtomFeed, NewsRssFeed
from ..forms_content import CampaignForm, NewsForm, PageForm
from ..models import Campaign, NewsItem, Page
from ..sanitise import plain_text

__all__ = [
    "NewsAtomFeed",
    "NewsRssFeed",
    "campaign_create",
    "campaign_detail",
    "campaign_image",
    "campaign_update",
    "content_manage",
    "news_create",
    "news_detail",
    "news_image",
    "news_list",
    "news_update",
    "page_create",
    "page_detail",
    "page_update",
]

IMAGE_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
# Images change name when replaced, so a day's caching never shows a stale one.
IMAGE_MAX_AGE = 24 * 3600


def _manages(request: HttpRequest) -> bool:
    return bool(request.user.has_perm("portal.manage_content"))


def _get_public(request: HttpRequest, model: type[Model], slug: str) -> Any:
    """A published item; staff who manage content also see drafts and archived ones."""
    queryset = model._default_manager.all()
    if not _manages(request):
        queryset = queryset.filter(status=PublicationStatus.PUBLISHED)
    return get_object_or_404(queryset, slug=slug)


def _image_path(item: Any, route: str) -> str:
    return reverse(f"portal:{route}", args=[item.slug]) if item.image else ""


def _serve_image(item: Any) -> FileResponse:
    if not item.image:
        raise Http404
    extension = item.image.name.rsplit(".", 1)[-1].lower()
    content_type = IMAGE_CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404
    try:
        handle = item.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if item.status == PublicationStatus.PUBLISHED:
        response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


# --- Public pages -----------------------------------------------------------------------------


@public_page("portal")
def news_list(request: HttpRequest) -> HttpResponse:
    news = NewsItem.objects.published().only(
        "title", "slug", "lead", "published_at", "image", "image_alt", "status"
    )
    page = Paginator(news, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(request, "portal/news_list.html", {"page_obj": page})


@public_page("portal")
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    news = _get_public(request, NewsItem, slug)
    return render(
        request,
        "portal/news_detail.html",
        {"news": news, "og_image": _image_path(news, "news_image"), "manages": _manages(request)},
    )


def news_image(request: HttpRequest, slug: str) -> FileResponse:
    return _serve_image(_get_public(request, NewsItem, slug))


@public_page("portal")
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = _get_public(request, Page, slug)
    return render(
        request,
        "portal/page_detail.html",
        {"page": page, "description": plain_text(page.body)[:200], "manages": _manages(request)},
    )


@public_page("portal")
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _get_public(request, Campaign, slug)
    return render(
        request,
        "portal/campaign_detail.html",
        {
            "campaign": campaign,
            "og_image": _image_path(campaign, "campaign_image"),
            "manages": _manages(request),
        },
    )


def campaign_image(request: HttpRequest, slug: str) -> FileResponse:
    return _serve_image(_get_public(request, Campaign, slug))


# --- Staff --------------------------------------------------------------------------------------


@login_required
def content_manage(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    news = NewsItem.objects.order_by("-created_at", "-pk").only(
        "title", "slug", "status", "published_at", "created_at"
    )
    page = Paginator(news, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/content_manage.html",
        {
            "page_obj": page,
            "pages": Page.objects.only("title", "slug", "status", "in_footer", "order"),
            "campaigns": Campaign.objects.only("title", "slug", "status", "starts_on", "ends_on"),
            "today": timezone.localdate(),
        },
    )


def _edit(
    request: HttpRequest,
    *,
    form_class: type[NewsForm] | type[PageForm] | type[CampaignForm],
    instance: Any,
    create: Any,
    update: Any,
    item_arg: str,
    template_context: dict[str, Any],
    saved_message: str,
) -> HttpResponse:
    """The shared create/update flow: validate, call the service, show conflicts and errors."""
    has_image = form_class is not PageForm
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        extra: dict[str, Any] = {}
        if has_image:
            extra["image"] = form.cleaned_data.get("image") or None
            if instance is not None:
                extra["remove_image"] = bool(form.cleaned_data.get("remove_image"))
        try:
            if instance is None:
                create(actor=request.user, data=data, **extra)
            else:
                update(
                    **{item_arg: instance},
                    actor=request.user,
                    data=data,
                    expected_version=form.cleaned_data.get("version"),
                    **extra,
                )
        except EditConflict as exc:
            conflict = exc
            form = form_class(
                request.POST | {"version": str(exc.current.version)},
                instance=exc.current,
            )
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, saved_message)
            return redirect("portal:content_manage")
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "portal/content_form.html",
        {"form": form, "item": instance, "conflict": conflict, **template_context},
        status=status,
    )


@login_required
def news_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    return _edit(
        request,
        form_class=NewsForm,
        instance=None,
        create=services.news_create,
        update=services.news_update,
        item_arg="news",
        template_context={"heading": _("Write a news item")},
        saved_message=_("The news item has been saved."),
    )


@login_required
def news_update(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    news = get_object_or_404(NewsItem, pk=pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in ("publish", "archive"):
        if action == "publish":
            services.news_publish(news=news, actor=request.user)
            messages.success(request, _("The news item has been published."))
        else:
            services.news_archive(news=news, actor=request.user)
            messages.success(request, _("The news item has been archived."))
        return redirect("portal:content_manage")
    return _edit(
        request,
        form_class=NewsForm,
        instance=news,
        create=services.news_create,
        update=services.news_update,
        item_arg="news",
        template_context={"heading": _("Edit the news item"), "news": news},
        saved_message=_("The news item has been saved."),
    )


@login_required
def page_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    return _edit(
        request,
        form_class=PageForm,
        instance=None,
        create=services.page_create,
        update=services.page_update,
        item_arg="page",
        template_context={"heading": _("Add a page")},
        saved_message=_("The page has been saved."),
    )


@login_required
def page_update(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    page = get_object_or_404(Page, pk=pk)
    return _edit(
        request,
        form_class=PageForm,
        instance=page,
        create=services.page_create,
        update=services.page_update,
        item_arg="page",
        template_context={"heading": _("Edit the page")},
        saved_message=_("The page has been saved."),
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    return _edit(
        request,
        form_class=CampaignForm,
        instance=None,
        create=services.campaign_create,
        update=services.campaign_update,
        item_arg="campaign",
        template_context={"heading": _("Add a campaign")},
        saved_message=_("The campaign has been saved."),
    )


@login_required
def campaign_update(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "portal.manage_content")
    campaign = get_object_or_404(Campaign, pk=pk)
    return _edit(
        request,
        form_class=CampaignForm,
        instance=campaign,
        create=services.campaign_create,
        update=services.campaign_update,
        item_arg="campaign",
        template_context={"heading": _("Edit the campaign")},
        saved_message=_("The campaign has been saved."),
    )
