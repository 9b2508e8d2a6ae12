"""The public addresses of recommendations, in the ``public`` namespace (``sro_portal.public_urls``): the register
and a party's decisions in each body's section; one recommendation at its permanent address."""

from django.urls import path

import meetings.urls  # noqa: F401  (registers the ``id`` and ``year`` converters)
from recommendations.views import public

section = [
    path("recommendations/", public.register, name="recommendations"),
    path("recommendations/party/<id:pk>/", public.party, name="recommendation_party"),
]

urlpatterns = [
    path("recommendations/<id:pk>/", public.recommendation, name="recommendation"),
    path("recommendations/<id:pk>/decisions/<id:answer_pk>/", public.decision_file, name="recommendation_decision"),
]
