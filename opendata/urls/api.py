"""The open-data API (OParl 1.1 shapes), documented on the public page /open-data/."""

from django.urls import path, re_path

import meetings.urls  # noqa: F401  (registers the ``id`` converter)
from opendata.views import oparl

app_name = "api"

urlpatterns = [
    path("", oparl.system, name="system"),
    path("body/", oparl.body_list, name="body_list"),
    path("body/<id:pk>/", oparl.body, name="body"),
    path("body/<id:body_pk>/organization/", oparl.organization_list, name="organization_list"),
    path("body/<id:body_pk>/person/", oparl.person_list, name="person_list"),
    path("body/<id:body_pk>/membership/", oparl.membership_list, name="membership_list"),
    path("body/<id:body_pk>/legislative-term/", oparl.legislative_term_list, name="legislative_term_list"),
    path("body/<id:body_pk>/meeting/", oparl.meeting_list, name="meeting_list"),
    path("body/<id:body_pk>/agenda-item/", oparl.agenda_item_list, name="agenda_item_list"),
    path("body/<id:body_pk>/file/", oparl.file_list, name="file_list"),
    path("body/<id:body_pk>/paper/", oparl.paper_list, name="paper_list"),
    path("body/<id:body_pk>/consultation/", oparl.consultation_list, name="consultation_list"),
    path("body/<id:body_pk>/location/", oparl.empty_list, {"list_name": "location_list"}, name="location_list"),
    # The body as the group its members sit in ("body-1"), and the organisations they represent ("17").
    path("organization/body-<id:body_pk>/", oparl.body_organization, name="body_organization"),
    path("organization/<id:pk>/", oparl.organization, name="organization"),
    path("person/<id:pk>/", oparl.person, name="person"),
    path("membership/<id:pk>/", oparl.membership, name="membership"),
    path("legislative-term/<id:pk>/", oparl.legislative_term, name="legislative_term"),
    path("meeting/<id:pk>/", oparl.meeting, name="meeting"),
    path("agenda-item/<id:pk>/", oparl.agenda_item, name="agenda_item"),
    # A public attachment of a published notice, a published notice's PDF, the published notes' PDF.
    path("file/attachment-<id:pk>/", oparl.attachment_file, name="attachment_file"),
    path("file/notice-<id:meeting_pk>/", oparl.notice_file, name="notice_file"),
    path("file/notes-<id:meeting_pk>/", oparl.notes_file, name="notes_file"),
    path("paper/<id:pk>/", oparl.paper, name="paper"),
    path("consultation/<id:pk>/", oparl.consultation, name="consultation"),
]
# Every view's 404 as OParl's error object (§2.9), and any other address under the API too.
for _pattern in urlpatterns:
    _pattern.callback = oparl.answers_errors_as_objects(_pattern.callback)
urlpatterns.append(re_path(r"", oparl.not_found))
