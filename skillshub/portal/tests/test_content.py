"""News, pages and campaigns: the services, the sanitiser, the public pages and staff forms."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from skillshub.core.models import AuditEntry
from skillshub.core.pagecache import current_version
from skillshub.portal import services_content as services
from skillshub.portal.choices import PublicationStatus
from skillshub.portal.models import Campaign, NewsItem, Page
from skillshub.portal.sanitise import clean_html, plain_text
from skillshub.portal.tests.factories import CampaignFactory, NewsItemFactory, PageFactory
from skillshub.stakeholders.exceptions import EditConflict

pytestmark = pytest.mark.django_db

# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def news_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Targi pracy w Żarach",
        "slug": "targi-pracy-zary",
        "lead": "Zapraszamy na targi.",
        "body": "<p>Treść</p>",
        "image_alt": "",
    }
    data.update(overrides)
    return data


# --- Sanitiser ----------------------------------------------------------------------------------


def test_sanitiser_strips_scripts_handlers_and_javascript_links():
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">x</a><a href="https://praca.gov.pl" target="_blank">y</a>'
        '<img src="x" onerror="alert(1)"><style>p{}</style><h2>Head</h2>'
    )
    clean = clean_html(dirty)
    assert "script" not in clean and "alert" not in clean
    assert "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean
    assert "<img" not in clean and "<style" not in clean
    assert '<a href="https://praca.gov.pl" rel="noopener noreferrer">y</a>' in clean
    assert "<h2>Head</h2>" in clean


def test_sanitiser_keeps_tables_and_lists():
    html = (
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        "<ul><li>x</li></ul>"
    )
    assert clean_html(html) == html


def test_plain_text_unescapes_and_joins():
    assert plain_text("<p>a &amp; b</p><h2>c</h2>") == "a & b c"


# --- Services -----------------------------------------------------------------------------------


def test_news_create_sanitises_audits_and_bumps_the_cache(region, coordinator):
    before = current_version("portal")
    news = services.news_create(
        actor=coordinator, data=news_data(body='<p>ok</p><script>alert("x")</script>')
    )
    assert news.status == PublicationStatus.DRAFT
    assert news.body == "<p>ok</p>"
    assert news.author == coordinator
    assert AuditEntry.objects.for_object(news).filter(action="create").exists()
    assert current_version("portal") > before


def test_news_publish_sets_date_and_archive_hides_it(region, coordinator, anonymous_client):
    news = services.news_create(actor=coordinator, data=news_data())
    assert anonymous_client.get(news.get_absolute_url()).status_code == 404
    news = services.news_publish(news=news, actor=coordinator)
    assert news.status == PublicationStatus.PUBLISHED and news.published_at is not None
    assert anonymous_client.get(news.get_absolute_url()).status_code == 200
    services.news_archive(news=news, actor=coordinator)
    assert anonymous_client.get(news.get_absolute_url()).status_code == 404
    verbs = set(AuditEntry.objects.for_object(news).values_list("verb", flat=True))
    assert {"news_create", "news_publish", "news_archive"} <= verbs


def test_news_create_published_directly(region, coordinator):
    news = services.news_create(actor=coordinator, data=news_data(status="published"))
    assert news.status == PublicationStatus.PUBLISHED and news.published_at


def test_news_update_refuses_a_stale_version_and_writes_nothing(region, coordinator):
    news = services.news_create(actor=coordinator, data=news_data())
    services.news_update(news=news, actor=coordinator, data={"title": "Nowy"}, expected_version=1)
    with pytest.raises(EditConflict) as exc:
        services.news_update(
            news=news, actor=coordinator, data={"title": "Stary"}, expected_version=1
        )
    assert exc.value.changes["title"] == ("Nowy", "Stary")
    news.refresh_from_db()
    assert news.title == "Nowy" and news.version == 2


def test_image_needs_alt_text_and_an_image_type(region, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.news_create(actor=coordinator, data=news_data(), image=png())
    assert "image_alt" in exc.value.message_dict
    pdf = SimpleUploadedFile("x.png", b"%PDF-1.4 fake", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.news_create(actor=coordinator, data=news_data(image_alt="Sala"), image=pdf)
    assert "image" in exc.value.message_dict
    big = SimpleUploadedFile("big.png", PNG + b"\0" * (2 * 1024 * 1024), content_type="image/png")
    with pytest.raises(ValidationError):
        services.news_create(actor=coordinator, data=news_data(image_alt="Sala"), image=big)
    assert not NewsItem.objects.exists()


def test_image_is_stored_under_a_random_name_and_served_only_when_published(
    region, coordinator, anonymous_client
):
    news = services.news_create(
        actor=coordinator, data=news_data(image_alt="Sala targowa"), image=png("../../evil.png")
    )
    assert "evil" not in news.image.name and news.image.name.endswith(".png")
    url = reverse("portal:news_image", args=[news.slug])
    assert anonymous_client.get(url).status_code == 404
    services.news_publish(news=news, actor=coordinator)
    response = anonymous_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PNG


def test_page_and_campaign_services(region, coordinator):
    page = services.page_create(
        actor=coordinator,
        data={
            "title": "Deklaracja dostępności",
            "slug": "dostepnosc",
            "body": "<p onmouseover='x'>a</p>",
            "status": "published",
            "in_footer": True,
            "order": 1,
        },
    )
    assert page.body == "<p>a</p>"
    page = services.page_update(
        page=page, actor=coordinator, data={"title": "Dostępność"}, expected_version=1
    )
    assert page.version == 2
    campaign = services.campaign_create(
        actor=coordinator,
        data={
            "title": "Zawodowcy",
            "slug": "zawodowcy",
            "lead": "L",
            "body": "",
            "image_alt": "Uczniowie w warsztacie",
            "link_url": "",
            "status": "published",
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
        },
        image=png(),
    )
    assert campaign.image
    with pytest.raises(ValidationError):
        services.campaign_update(
            campaign=campaign, actor=coordinator, data={"ends_on": "2024-01-01"}
        )
    campaign.refresh_from_db()
    assert str(campaign.ends_on) == "2025-12-31"


# --- Public pages -------------------------------------------------------------------------------


def test_news_list_shows_only_published_and_has_feed_link(region, anonymous_client):
    NewsItemFactory(title="Opublikowana")
    NewsItemFactory(title="Szkic", status=PublicationStatus.DRAFT)
    response = anonymous_client.get(reverse("portal:news_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Opublikowana" in html and "Szkic" not in html
    assert 'type="application/rss+xml"' in html and reverse("portal:news_rss") in html


def test_news_list_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    NewsItemFactory.create_batch(15)
    with django_assert_max_num_queries(5):
        assert anonymous_client.get(reverse("portal:news_list")).status_code == 200


def test_news_detail_has_opengraph_and_sanitised_body(region, anonymous_client, coordinator):
    news = services.news_create(
        actor=coordinator,
        data=news_data(
            body="<p>Tekst</p><script>x()</script>", status="published", image_alt="Sala"
        ),
        image=png(),
    )
    html = anonymous_client.get(news.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Targi pracy w Żarach">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:url" content="http://testserver/news/targi-pracy-zary/"' in html
    assert f'content="http://testserver{reverse("portal:news_image", args=[news.slug])}"' in html
    assert "<script>x()" not in html


def test_news_detail_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    news = NewsItemFactory()
    PageFactory.create_batch(3, in_footer=True)
    with django_assert_max_num_queries(4):
        assert anonymous_client.get(news.get_absolute_url()).status_code == 200


def test_page_detail_and_footer_link(region, anonymous_client, coordinator):
    page = PageFactory(title="Polityka prywatności", slug="prywatnosc", in_footer=True)
    PageFactory(title="Ukryta", in_footer=True, status=PublicationStatus.DRAFT)
    response = anonymous_client.get(page.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Polityka prywatności") >= 2  # heading and footer
    assert "Ukryta" not in html
    assert '<meta property="og:title" content="Polityka prywatności">' in html
    # A page change shows in the footer at once (the service bumps the portal's version).
    services.page_update(page=page, actor=coordinator, data={"in_footer": False})
    html = anonymous_client.get(reverse("portal:news_list")).content.decode()
    assert "Polityka prywatności" not in html


def test_draft_page_is_404_for_public_but_visible_to_staff(
    region, anonymous_client, coordinator_client
):
    page = PageFactory(status=PublicationStatus.DRAFT)
    assert anonymous_client.get(page.get_absolute_url()).status_code == 404
    assert coordinator_client.get(page.get_absolute_url()).status_code == 200


def test_campaign_detail_and_image(region, anonymous_client, coordinator):
    campaign = services.campaign_create(
        actor=coordinator,
        data={
            "title": "Zawodowcy",
            "slug": "zawodowcy",
            "lead": "Lead",
            "body": "<p>b</p>",
            "image_alt": "Uczniowie",
            "link_url": "https://example.invalid/",
            "status": "published",
            "starts_on": "2025-01-01",
            "ends_on": "2099-12-31",
        },
        image=png(),
    )
    html = anonymous_client.get(campaign.get_absolute_url()).content.decode()
    assert 'alt="Uczniowie"' in html and 'property="og:image"' in html
    assert (
        anonymous_client.get(reverse("portal:campaign_image", args=[campaign.slug])).status_code
        == 200
    )
    draft = CampaignFactory(status=PublicationStatus.DRAFT)
    assert anonymous_client.get(draft.get_absolute_url()).status_code == 404


def test_campaign_detail_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    campaign = CampaignFactory()
    with django_assert_max_num_queries(4):
        assert anonymous_client.get(campaign.get_absolute_url()).status_code == 200


def test_news_without_image_has_no_image_url(region, anonymous_client):
    news = NewsItemFactory()
    assert anonymous_client.get(reverse("portal:news_image", args=[news.slug])).status_code == 404
    assert 'og:image"' not in anonymous_client.get(news.get_absolute_url()).content.decode()


# --- Staff ----------------------------------------------------------------------------------------


STAFF_URLS = [
    ("portal:content_manage", False),
    ("portal:news_create", False),
    ("portal:page_create", False),
    ("portal:campaign_create", False),
]


@pytest.mark.parametrize("name", [n for n, _ in STAFF_URLS])
def test_outsider_cannot_manage_content(region, outsider_client, anonymous_client, name):
    url = reverse(name)
    assert outsider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302


def test_outsider_cannot_edit_news_page_or_campaign(region, outsider_client):
    news, page, campaign = NewsItemFactory(), PageFactory(), CampaignFactory()
    assert outsider_client.get(reverse("portal:news_update", args=[news.pk])).status_code == 404
    assert (
        outsider_client.post(
            reverse("portal:news_update", args=[news.pk]), {"action": "archive"}
        ).status_code
        == 404
    )
    assert outsider_client.get(reverse("portal:page_update", args=[page.pk])).status_code == 404
    assert (
        outsider_client.get(reverse("portal:campaign_update", args=[campaign.pk])).status_code
        == 404
    )
    news.refresh_from_db()
    assert news.status == PublicationStatus.PUBLISHED


def test_content_manage_lists_everything_with_status(
    region, coordinator_client, django_assert_max_num_queries
):
    NewsItemFactory.create_batch(5)
    NewsItemFactory(title="Szkic wiadomości", status=PublicationStatus.DRAFT)
    PageFactory.create_batch(3)
    CampaignFactory.create_batch(3)
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(reverse("portal:content_manage"))
    assert response.status_code == 200
    assert "Szkic wiadomości" in response.content.decode()


def test_staff_creates_news_through_the_form(region, coordinator_client):
    response = coordinator_client.post(
        reverse("portal:news_create"),
        {**news_data(image_alt="Sala"), "status": "draft", "image": png()},
    )
    assert response.status_code == 302
    news = NewsItem.objects.get()
    assert news.image and news.image_alt == "Sala"


def test_news_form_without_alt_for_image_is_refilled(region, coordinator_client):
    response = coordinator_client.post(
        reverse("portal:news_create"), {**news_data(), "status": "draft", "image": png()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["image_alt"]
    assert response.context["form"]["title"].value() == "Targi pracy w Żarach"
    assert not NewsItem.objects.exists()


def test_staff_publishes_and_archives_from_the_list(region, coordinator_client):
    news = NewsItemFactory(status=PublicationStatus.DRAFT, published_at=None)
    url = reverse("portal:news_update", args=[news.pk])
    assert coordinator_client.post(url, {"action": "publish"}).status_code == 302
    news.refresh_from_db()
    assert news.status == PublicationStatus.PUBLISHED
    coordinator_client.post(url, {"action": "archive"})
    news.refresh_from_db()
    assert news.status == PublicationStatus.ARCHIVED


def test_edit_conflict_answers_409_and_keeps_the_record(region, coordinator_client, coordinator):
    page = PageFactory(title="Pierwotny")
    services.page_update(page=page, actor=coordinator, data={"title": "Cudzy"})
    response = coordinator_client.post(
        reverse("portal:page_update", args=[page.pk]),
        {
            "title": "Mój",
            "slug": page.slug,
            "body": "<p>x</p>",
            "status": "published",
            "order": 0,
            "version": 1,
        },
    )
    assert response.status_code == 409
    page.refresh_from_db()
    assert page.title == "Cudzy"


def test_staff_edits_campaign_and_removes_image(region, coordinator_client, coordinator):
    campaign = services.campaign_create(
        actor=coordinator,
        data={
            "title": "K",
            "slug": "k",
            "lead": "L",
            "body": "",
            "image_alt": "Opis",
            "link_url": "",
            "status": "published",
            "starts_on": "2025-01-01",
            "ends_on": "2025-02-01",
        },
        image=png(),
    )
    response = coordinator_client.post(
        reverse("portal:campaign_update", args=[campaign.pk]),
        {
            "title": "K2",
            "slug": "k",
            "lead": "L",
            "body": "",
            "image_alt": "",
            "link_url": "",
            "status": "published",
            "starts_on": "2025-01-01",
            "ends_on": "2025-02-01",
            "remove_image": "on",
            "version": campaign.version,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert campaign.title == "K2" and not campaign.image
    assert Page.objects.count() == 0
