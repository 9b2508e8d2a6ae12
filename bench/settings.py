"""The portal's production settings plus one URL: a minimal view to compare the public pages with."""

from sro_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
