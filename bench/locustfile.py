"""The load test's users: 200 public readers and 5 secretaries editing their own agenda items.

Run by bench/load_test.py (`make load-test`); EDITORS names the secretaries' accounts and
READ_MEETINGS the meetings that readers open.
"""

import html
import itertools
import os
import random
import re

from locust import HttpUser, between, task

MEETINGS = [int(pk) for pk in os.environ.get("READ_MEETINGS", "1").split(",")]
EDITORS = [pair.split(":") for pair in os.environ.get("EDITORS", "").split(",") if pair]
ITEMS = [int(pk) for pk in os.environ.get("EDIT_ITEMS", "").split(",") if pk]
SEARCHES = ["nära vård", "psykisk hälsa", "läkemedel", "hjälpmedel", "statsbidrag", "färdplan"]


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', page
    )
    return html.unescape(found.group(1)) if found else ""


class Reader(HttpUser):
    fixed_count = 200
    wait_time = between(1, 4)

    @task(4)
    def home(self):
        self.client.get("/")

    @task(3)
    def archive(self):
        self.client.get(f"/meetings/?year={random.choice([2012, 2015, 2018, 2025])}", name="/meetings/?year=")

    @task(4)
    def meeting(self):
        self.client.get(f"/meetings/{random.choice(MEETINGS)}/", name="/meetings/[id]/")

    @task(2)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(SEARCHES)}, name="/search/?q=")

    @task(1)
    def positions(self):
        self.client.get("/positions/")

    @task(1)
    def api(self):
        self.client.get("/api/oparl/v1/body/1/meeting/", name="/api/…/meeting/")


class Editor(HttpUser):
    """A secretary on her own item: open it, change its duration, save; look at the agenda."""

    fixed_count = 5
    wait_time = between(2, 6)
    numbers = itertools.count()

    def on_start(self):
        self.index = next(Editor.numbers) % len(EDITORS)  # each editor her own account and item: no conflicts
        username, password = EDITORS[self.index]
        self.item = ITEMS[self.index]
        page = self.client.get("/staff/login/").text
        self.client.post("/staff/login/", {"username": username, "password": password,
                                           "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken")},
                         name="/staff/login/")  # fmt: skip

    @task(3)
    def edit_item(self):
        url = f"/staff/items/{self.item}/"
        page = self.client.get(url, name="/staff/items/[id]/").text
        data = {
            name: _field(page, name)
            for name in ("csrfmiddlewaretoken", "lock_version", "title", "kind_note", "body", "matter_title")
        }
        data.update(kind="information", duration_minutes=str(random.choice([5, 10, 15, 20])), show_time="on")
        with self.client.post(url, data, name="/staff/items/[id]/ (save)", catch_response=True,
                              allow_redirects=False) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"save answered {response.status_code}")

    @task(1)
    def overview(self):
        self.client.get("/staff/", name="/staff/")
