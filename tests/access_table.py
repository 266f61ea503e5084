"""Who may open what: the access-control sweep's table (tests/test_access_sweep.py).

One row per URL name: what a GET answers to each persona, in the order of ``PERSONAS``.
A new URL name that is not here fails the sweep: decide who may open it and add its row.

The classes: ``OK`` is 2xx; ``LOGIN`` a redirect to the log-in page; ``DENY`` 403 or 404 (a
forbidden object answers 404, never a leak); ``REDIRECT`` a redirect elsewhere; ``POST_ONLY``
405 (the view only takes a POST; the CSRF test covers its POST). Objects come from the demo data
(``seed_demo``); where the demo has no such object, the row says 404 for all and why.
The admin (``admin:*``) is one rule and the token API (``api-v1:*``) another: its endpoints are
checked by each app's API tests and its schema by tests/test_openapi.py.
"""

from __future__ import annotations

PERSONAS = ("anonymous", "outsider", "member", "contact", "staff")
OK = "ok"
LOGIN = "login"
DENY = "deny"
REDIRECT = "redirect"
POST_ONLY = "post-only"
ADMIN = "admin"
API = "api"
NOT_SWEPT = "not swept"

PUBLIC = (OK, OK, OK, OK, OK)
STAFF = (LOGIN, DENY, DENY, DENY, OK)
# A POST-only view behind the log-in: the anonymous are sent to log in first.
POST_ONLY_SIGNED_IN = (LOGIN, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY)
NOT_FOUND_FOR_ALL = (DENY, DENY, DENY, DENY, DENY)

ACCESS: dict[str, tuple[str, ...] | str] = {
    "accounts:login": PUBLIC,
    "accounts:logout": (POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:token_list": (LOGIN, DENY, OK, DENY, OK),
    "accounts:token_revoke": POST_ONLY_SIGNED_IN,
    "core:about": PUBLIC,
    "core:audit_list": STAFF,
    "core:audit_object": STAFF,
    "core:healthz": PUBLIC,
    "core:outbox": STAFF,
    "core:outbox_retry": POST_ONLY_SIGNED_IN,
    "core:ping": PUBLIC,
    # the language switch redirects back
    "core:switch_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "guidance:coverage": STAFF,
    "guidance:coverage_xlsx": STAFF,
    "guidance:event_create": (LOGIN, DENY, OK, OK, OK),
    "guidance:event_detail": PUBLIC,
    "guidance:event_feed_ics": PUBLIC,
    "guidance:event_ics": PUBLIC,
    "guidance:event_list": PUBLIC,
    "guidance:event_manage": (LOGIN, DENY, OK, OK, OK),
    # GET redirects to the event page; registering is a POST
    "guidance:event_register": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "guidance:event_registrations": STAFF,
    "guidance:event_status": POST_ONLY_SIGNED_IN,
    "guidance:event_update": STAFF,
    # the cancel token in the address is the secret
    "guidance:registration_cancel": PUBLIC,
    "guidance:service_create": (LOGIN, DENY, OK, OK, OK),
    "guidance:service_detail": PUBLIC,
    "guidance:service_list": PUBLIC,
    "guidance:service_manage": (LOGIN, DENY, OK, OK, OK),
    "guidance:service_status": POST_ONLY_SIGNED_IN,
    "guidance:service_update": STAFF,
    "labour_market:forecast_import": STAFF,
    "labour_market:forecast_list": PUBLIC,
    "labour_market:gap_analysis": (LOGIN, DENY, OK, DENY, OK),
    "labour_market:gap_pdf": (LOGIN, DENY, OK, DENY, OK),
    "labour_market:gap_xlsx": (LOGIN, DENY, OK, DENY, OK),
    # a closed round's groups only to staff here: the demo's newest round is open
    "labour_market:group_detail": (DENY, DENY, DENY, DENY, OK),
    "labour_market:import_detail": STAFF,
    "labour_market:import_list": STAFF,
    "labour_market:import_template": STAFF,
    "labour_market:job_ads": (LOGIN, DENY, OK, DENY, OK),
    "labour_market:job_ads_csv": (LOGIN, DENY, OK, DENY, OK),
    "labour_market:job_ad_import": STAFF,
    "labour_market:job_ad_template": STAFF,
    "labour_market:job_ad_batch": STAFF,
    "labour_market:job_ad_queue": STAFF,
    "labour_market:job_ad_review": STAFF,
    "labour_market:job_ad_codes": STAFF,
    "labour_market:coder_retrain": POST_ONLY_SIGNED_IN,
    "labour_market:mzdin": PUBLIC,
    "labour_market:mzdin_compute": POST_ONLY_SIGNED_IN,
    "labour_market:mzdin_heatmap": PUBLIC,
    "labour_market:mzdin_import": STAFF,
    "labour_market:occupation_detail": PUBLIC,
    "labour_market:occupation_list": PUBLIC,
    "labour_market:overview": PUBLIC,
    "labour_market:round_close": POST_ONLY_SIGNED_IN,
    "labour_market:round_create": STAFF,
    # the demo's newest round is still open: staff only until it closes
    "labour_market:round_detail": (DENY, DENY, DENY, DENY, OK),
    "labour_market:round_import": STAFF,
    "labour_market:round_list": PUBLIC,
    "labour_market:round_rate": STAFF,
    "labour_market:supply_import": STAFF,
    "labour_market:supply_list": PUBLIC,
    "labour_market:threshold_list": PUBLIC,
    "labour_market:threshold_update": STAFF,
    # the demo matter has no answer file: 404 for all
    "matters:answer_file_download": NOT_FOUND_FOR_ALL,
    "matters:attachment_create": POST_ONLY_SIGNED_IN,
    # the demo has no attachment: 404 for all
    "matters:attachment_download": NOT_FOUND_FOR_ALL,
    "matters:comment_create": POST_ONLY_SIGNED_IN,
    "matters:consultation_open": STAFF,
    # the demo matter has no letter: 404 for all
    "matters:letter_download": NOT_FOUND_FOR_ALL,
    "matters:matter_answer": STAFF,
    "matters:matter_board": (LOGIN, DENY, OK, DENY, OK),
    "matters:matter_create": (LOGIN, DENY, OK, DENY, OK),
    "matters:matter_detail": (DENY, DENY, OK, DENY, OK),
    "matters:matter_edit": (LOGIN, DENY, OK, DENY, OK),
    "matters:matter_export_csv": (DENY, DENY, DENY, DENY, OK),
    "matters:matter_export_xlsx": (DENY, DENY, DENY, DENY, OK),
    "matters:matter_forward": STAFF,
    "matters:matter_list": (LOGIN, DENY, OK, DENY, OK),
    "matters:matter_move": POST_ONLY_SIGNED_IN,
    "matters:matter_register_pdf": (DENY, DENY, DENY, DENY, OK),
    "matters:matter_submit": POST_ONLY_SIGNED_IN,
    "matters:proposal_create": STAFF,
    "matters:public_list": PUBLIC,
    "portal:campaign_create": STAFF,
    "portal:campaign_detail": PUBLIC,
    # the demo campaign has no image: 404 for all
    "portal:campaign_image": NOT_FOUND_FOR_ALL,
    "portal:campaign_update": STAFF,
    "portal:content_manage": STAFF,
    "portal:home": PUBLIC,
    "portal:news_atom": PUBLIC,
    "portal:news_create": STAFF,
    "portal:news_detail": PUBLIC,
    # the demo news item has no image: 404 for all
    "portal:news_image": NOT_FOUND_FOR_ALL,
    "portal:news_list": PUBLIC,
    "portal:news_rss": PUBLIC,
    "portal:news_update": STAFF,
    "portal:offer_create": (LOGIN, DENY, OK, OK, OK),
    "portal:offer_detail": PUBLIC,
    "portal:offer_import": (LOGIN, DENY, OK, OK, OK),
    "portal:offer_import_template": PUBLIC,
    "portal:offer_list": PUBLIC,
    "portal:offer_list_csv": PUBLIC,
    "portal:offer_manage": (LOGIN, DENY, OK, OK, OK),
    "portal:offer_move": POST_ONLY_SIGNED_IN,
    "portal:offer_review_queue": STAFF,
    "portal:offer_update": STAFF,
    "portal:page_create": STAFF,
    "portal:page_detail": PUBLIC,
    "portal:page_update": STAFF,
    "portal:search": PUBLIC,
    "programme:dashboard": PUBLIC,
    "programme:direction_create": STAFF,
    "programme:direction_edit": STAFF,
    "programme:indicator_create": STAFF,
    "programme:indicator_detail": PUBLIC,
    "programme:indicator_edit": STAFF,
    "programme:indicator_link": POST_ONLY_SIGNED_IN,
    "programme:indicator_list": PUBLIC,
    "programme:indicator_map_data": PUBLIC,
    "programme:measurement_add": POST_ONLY_SIGNED_IN,
    "programme:measurements_csv": PUBLIC,
    "programme:my_reports": (LOGIN, OK, OK, OK, OK),
    # staff are redirected: the sampled version is adopted, so it is not edited
    "programme:node_create": (LOGIN, DENY, DENY, DENY, REDIRECT),
    # staff are redirected: the sampled version is adopted, so it is not edited
    "programme:node_delete": (LOGIN, DENY, DENY, DENY, REDIRECT),
    "programme:node_detail": PUBLIC,
    # staff are redirected: the sampled version is adopted, so it is not edited
    "programme:node_edit": (LOGIN, DENY, DENY, DENY, REDIRECT),
    "programme:programme_create": STAFF,
    "programme:programme_dashboard": PUBLIC,
    "programme:programme_detail": PUBLIC,
    "programme:programme_edit": STAFF,
    "programme:programme_list": PUBLIC,
    # the demo has no monitoring round: 404 for all
    "programme:report_detail": (LOGIN, DENY, DENY, DENY, DENY),
    "programme:report_review": POST_ONLY_SIGNED_IN,
    "programme:round_close": POST_ONLY_SIGNED_IN,
    "programme:round_create": STAFF,
    # the demo has no monitoring round: 404 for all
    "programme:round_data_xlsx": (LOGIN, DENY, DENY, DENY, DENY),
    # the demo has no monitoring round: 404 for all
    "programme:round_detail": (LOGIN, DENY, DENY, DENY, DENY),
    # the demo has no monitoring round: 404 for all
    "programme:round_report_docx": (LOGIN, DENY, DENY, DENY, DENY),
    # the demo has no monitoring round: 404 for all
    "programme:round_report_pdf": (LOGIN, DENY, DENY, DENY, DENY),
    "programme:strategy_detail": PUBLIC,
    "programme:target_set": POST_ONLY_SIGNED_IN,
    "programme:theme_create": STAFF,
    "programme:theme_edit": STAFF,
    "programme:version_detail": PUBLIC,
    # the first version has no predecessor to compare with: 404 for all
    "programme:version_diff": NOT_FOUND_FOR_ALL,
    "programme:version_revise": POST_ONLY_SIGNED_IN,
    "programme:version_status": POST_ONLY_SIGNED_IN,
    "robots_txt": PUBLIC,
    # Django's language switch redirects back
    "set_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "sitemap": PUBLIC,
    "stakeholders:application_detail": STAFF,
    "stakeholders:application_list": STAFF,
    "stakeholders:commune_options": PUBLIC,
    "stakeholders:consent_create": STAFF,
    "stakeholders:consent_withdraw": POST_ONLY_SIGNED_IN,
    "stakeholders:contact_anonymise": STAFF,
    "stakeholders:contact_create": STAFF,
    "stakeholders:contact_detail": STAFF,
    "stakeholders:contact_edit": STAFF,
    # the public directory; staff get the private columns as well
    "stakeholders:export_csv": PUBLIC,
    # the public directory; staff get the private columns as well
    "stakeholders:export_xlsx": PUBLIC,
    "stakeholders:follow_up_list": STAFF,
    "stakeholders:import": STAFF,
    # a made-up import token: 404 even for staff
    "stakeholders:import_preview": (LOGIN, DENY, DENY, DENY, DENY),
    "stakeholders:import_template": PUBLIC,
    "stakeholders:institution_create": STAFF,
    # listed institutions are public
    "stakeholders:institution_detail": PUBLIC,
    # the contact edits their own institution
    "stakeholders:institution_edit": (LOGIN, DENY, DENY, OK, OK),
    # the public directory
    "stakeholders:institution_list": PUBLIC,
    "stakeholders:institution_status": POST_ONLY_SIGNED_IN,
    "stakeholders:interaction_create": STAFF,
    "stakeholders:interaction_follow_up_done": POST_ONLY_SIGNED_IN,
    "stakeholders:join": PUBLIC,
    "stakeholders:join_thanks": PUBLIC,
    "stakeholders:person_export_json": STAFF,
    "stakeholders:person_export_pdf": STAFF,
    "team:agenda_document_create": STAFF,
    "team:agenda_item_create": STAFF,
    "team:agenda_item_delete": POST_ONLY_SIGNED_IN,
    "team:agenda_item_edit": STAFF,
    "team:agenda_item_move": POST_ONLY_SIGNED_IN,
    "team:attendance": (LOGIN, DENY, OK, DENY, OK),
    "team:attendance_delete": POST_ONLY_SIGNED_IN,
    "team:calendar": (LOGIN, DENY, OK, DENY, OK),
    # no private feed in the demo, so a made-up key: 404 (the key is the secret)
    "team:calendar_feed": NOT_FOUND_FOR_ALL,
    "team:calendar_feed_reset": POST_ONLY_SIGNED_IN,
    "team:document_create": STAFF,
    # the sampled document's page is public; its file is not
    "team:document_detail": PUBLIC,
    # the sampled document is members-only and has no file: 404
    "team:document_download": NOT_FOUND_FOR_ALL,
    # everyone sees the public documents; members and staff all of them
    "team:document_list": PUBLIC,
    # staff are redirected to the document: it needs a POST with a file
    "team:document_version_create": (LOGIN, DENY, DENY, DENY, REDIRECT),
    # the sampled document has no version 1 file: 404
    "team:document_version_download": NOT_FOUND_FOR_ALL,
    "team:meeting_create": STAFF,
    "team:meeting_detail": (LOGIN, DENY, OK, DENY, OK),
    "team:meeting_edit": STAFF,
    "team:meeting_ics": (LOGIN, DENY, OK, DENY, OK),
    "team:meeting_list": (LOGIN, DENY, OK, DENY, OK),
    "team:meeting_status": POST_ONLY_SIGNED_IN,
    "team:membership_create": STAFF,
    "team:membership_edit": STAFF,
    "team:minutes_approve": POST_ONLY_SIGNED_IN,
    "team:minutes_comment": POST_ONLY_SIGNED_IN,
    "team:minutes_consultation": POST_ONLY_SIGNED_IN,
    "team:minutes_detail": (DENY, DENY, OK, DENY, OK),
    "team:minutes_docx": (DENY, DENY, OK, DENY, OK),
    "team:minutes_edit": STAFF,
    "team:minutes_pdf": (DENY, DENY, OK, DENY, OK),
    "team:my_team": (LOGIN, DENY, OK, DENY, OK),
    "team:pillar_list": STAFF,
    "team:resolution_answer": POST_ONLY_SIGNED_IN,
    # the demo resolution has no answer file: 404 for all
    "team:resolution_answer_file": NOT_FOUND_FOR_ALL,
    "team:resolution_create": POST_ONLY_SIGNED_IN,
    "team:resolution_detail": PUBLIC,
    "team:resolution_list": PUBLIC,
    "team:resolution_sent": POST_ONLY_SIGNED_IN,
    "team:resolution_vote": STAFF,
    "team:team_create": STAFF,
    "team:team_detail": (LOGIN, DENY, OK, DENY, OK),
    "team:team_edit": STAFF,
    "team:team_list": (LOGIN, OK, OK, OK, OK),
    "team:working_group_create": STAFF,
}
