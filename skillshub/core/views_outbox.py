"""The e-mail outbox for staff: what is waiting, what failed and why, and "send again"."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .choices import EmailStatus
from .models import OutgoingEmail
from .tasks import email_retry

# A pending e-mail untouched for this long is probably stuck (the worker was down, or the
# delivery task itself crashed): staff may send it again. Queued retries then become stale.
STUCK_AFTER = datetime.timedelta(minutes=15)


def _require_mail_queue(request: HttpRequest) -> None:
    # The predicate lives in accounts/rules.py: core knows permissions only by name.
    if not request.user.has_perm("core.view_mail_queue"):
        raise Http404


def _can_retry(email: OutgoingEmail, stuck_before: datetime.datetime) -> bool:
    if email.status == EmailStatus.FAILED:
        return True
    if email.status != EmailStatus.PENDING:
        return False
    return (email.last_attempt_at or email.created_at) < stuck_before


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    _require_mail_queue(request)
    status = request.GET.get("status", "")
    if status not in EmailStatus.values:
        status = ""
    counts = dict(OutgoingEmail.objects.order_by().values_list("status").annotate(n=Count("id")))
    emails = OutgoingEmail.objects.defer("body", "attachments")
    if status:
        emails = emails.filter(status=status)
    else:
        # What needs attention first: failed, then pending, then the sent archive.
        emails = emails.annotate(
            rank=Case(
                When(status=EmailStatus.FAILED, then=Value(0)),
                When(status=EmailStatus.PENDING, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("rank", "-created_at", "-id")
    page = Paginator(emails, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    stuck_before = timezone.now() - STUCK_AFTER
    rows = [(email, _can_retry(email, stuck_before)) for email in page]
    tabs = [("", _("All, failed and waiting first"), sum(counts.values()))] + [
        (value, label, counts.get(value, 0)) for value, label in EmailStatus.choices
    ]
    return render(
        request,
        "core/outbox.html",
        {"page_obj": page, "rows": rows, "status": status, "tabs": tabs},
    )


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_mail_queue(request)
    email = get_object_or_404(OutgoingEmail, pk=pk)
    if email_retry(email=email, actor=request.user):
        messages.success(request, _("The e-mail is queued to be sent again."))
    else:
        messages.info(request, _("This e-mail has already been sent."))
    status = request.POST.get("status", "")
    url = reverse("core:outbox")
    if status in EmailStatus.values:
        url += "?" + urlencode({"status": status})
    return redirect(url)
