"""How the record reaches what sits above it without importing it: imports only go down (docs/architecture.md).

``meetings`` sits below ``seal``, ``alerts``, ``mymeetings`` and ``archive``. Where one of its services or pages
needs something done that belongs to an app above (seal the approved notes, tell the subscribers, show what the
members' area saw), that app hands its function over in its ``AppConfig.ready()`` and ``meetings`` calls it by
name. The same holds inside the app: the PDF renderer asks for a background render without importing the tasks,
which import the renderer (``MeetingsConfig.ready()`` hands the task over).

Every hook is named in ``HOOKS`` with what it must do. Calling one that no app registered is a mistake in
``INSTALLED_APPS`` and says so, rather than leaving notes unsealed or subscribers untold without a word.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

HOOKS = {
    "seal_approved_notes": "seal: (pdf, *, name, chair, when) → the approved notes' PDF sealed, and the signature "
    "(None where no seal is configured)",
    "demo_seal_settings": "seal: (folder) → the settings that seal with a demo chain kept in folder",
    "published": "alerts: (*, minutes_version=None, position=None) → the alerts of something just made public",
    "members_area_activity": "mymeetings: (meeting) → what the called did with its notice in the members' area",
    "render_stored_pdf": "meetings.tasks: the background task that makes a stored PDF from its stored HTML",
    "recommendation_answered": "alerts: (*, answer_id) → the alerts of a party's recorded decision",
    "recommendations_of_year": "recommendations: (*, body, year) → what became of the year's sent recommendations, "
    "for the yearly review and the compilation (printed by recommendations/public/_year.html)",
    "matter_timeline_extra": "recommendations: (*, matter_ids, public) → the matter's recommendations as timeline "
    "events (meetings.selectors.registers.TimelineEvent)",
    "demo_recommendations": "recommendations: (*, body) → the demo's recommendation (seed 004), marked and reported",
    "history_recommendations": "recommendations: (*, body, first_year, years) → generated recommendations and "
    "answers for the benchmarks, and their counts",
}

_registered: dict[str, Callable] = {}


def register(name: str, function: Callable) -> None:
    """Called from an ``AppConfig.ready()``: ``function`` answers the hook ``name``."""
    if name not in HOOKS:
        raise ImproperlyConfigured(f"No hook is called {name!r}; the hooks are {', '.join(HOOKS)}.")
    _registered[name] = function


def hook(name: str) -> Callable:
    """The function registered for ``name``."""
    try:
        return _registered[name]
    except KeyError:
        raise ImproperlyConfigured(f"No installed app registered the hook {name!r} ({HOOKS[name]}).") from None


def call(name: str, /, *args, **kwargs):
    return hook(name)(*args, **kwargs)
