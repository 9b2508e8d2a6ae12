"""The open-data API (OParl 1.1 shapes), documented on the public page /open-data/."""

from django.urls import path, re_path

import meetings.urls  # noqa: F401  (registers the ``id`` converter)
from opendata.views.oparl import bodies, papers, people
from opendata.views.oparl import meetings as meeting_views
from opendata.views.oparl.paging import answers_errors_as_objects, not_found

app_name = "api"

urlpatterns = [
    path("", bodies.system, name="system"),
    path("body/", bodies.body_list, name="body_list"),
    path("body/<id:pk>/", bodies.body, name="body"),
    path("body/<id:body_pk>/organization/", people.organization_list, name="organization_list"),
    path("body/<id:body_pk>/person/", people.person_list, name="person_list"),
    path("body/<id:body_pk>/membership/", people.membership_list, name="membership_list"),
    path("body/<id:body_pk>/legislative-term/", bodies.legislative_term_list, name="legislative_term_list"),
    path("body/<id:body_pk>/meeting/", meeting_views.meeting_list, name="meeting_list"),
    path("body/<id:body_pk>/agenda-item/", meeting_views.agenda_item_list, name="agenda_item_list"),
    path("body/<id:body_pk>/file/", papers.file_list, name="file_list"),
    path("body/<id:body_pk>/paper/", papers.paper_list, name="paper_list"),
    path("body/<id:body_pk>/consultation/", papers.consultation_list, name="consultation_list"),
    path("body/<id:body_pk>/location/", bodies.empty_list, {"list_name": "location_list"}, name="location_list"),
    # The body as the group its members sit in ("body-1"), and the organisations they represent ("17").
    path("organization/body-<id:body_pk>/", people.body_organization, name="body_organization"),
    path("organization/<id:pk>/", people.organization, name="organization"),
    path("person/<id:pk>/", people.person, name="person"),
    path("membership/<id:pk>/", people.membership, name="membership"),
    path("legislative-term/<id:pk>/", bodies.legislative_term, name="legislative_term"),
    path("meeting/<id:pk>/", meeting_views.meeting, name="meeting"),
    path("agenda-item/<id:pk>/", meeting_views.agenda_item, name="agenda_item"),
    # A public attachment of a published notice, a published notice's PDF, the published notes' PDF.
    path("file/attachment-<id:pk>/", papers.attachment_file, name="attachment_file"),
    path("file/notice-<id:meeting_pk>/", papers.notice_file, name="notice_file"),
    path("file/notes-<id:meeting_pk>/", papers.notes_file, name="notes_file"),
    path("paper/<id:pk>/", papers.paper, name="paper"),
    path("consultation/<id:pk>/", papers.consultation, name="consultation"),
]
# Every view's 404 as OParl's error object (§2.9), and any other address under the API too.
for _pattern in urlpatterns:
    _pattern.callback = answers_errors_as_objects(_pattern.callback)
urlpatterns.append(re_path(r"", not_found, name="not_found"))
