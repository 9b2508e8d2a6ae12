"""The recommendations' staff pages, in the ``staff`` namespace (``sro_portal.staff_urls``)."""

from django.urls import path

from recommendations.views import staff as views

urlpatterns = [
    path("recommendations/", views.overview, name="recommendations"),
    path("recommendations/mark/<int:pk>/", views.mark, name="recommendation_mark"),
    path("recommendations/<int:pk>/", views.detail, name="recommendation"),
    path("recommendations/<int:pk>/edit/", views.edit, name="recommendation_edit"),
    path("recommendations/<int:pk>/send/", views.send, name="recommendation_send"),
    path("recommendations/<int:pk>/status/", views.status_note, name="recommendation_status_note"),
    path("recommendations/<int:pk>/parties/<int:principal_pk>/answer/", views.answer, name="recommendation_answer"),
    path("recommendations/answers/<int:pk>/file/", views.answer_file, name="recommendation_answer_file"),
    path("recommendations/parties/", views.parties, name="recommendation_parties"),
    path("recommendations/parties/<int:pk>/address/", views.party_address, name="recommendation_party_address"),
    path("recommendations/channels/<int:pk>/address/", views.channel_address, name="recommendation_channel_address"),
]
