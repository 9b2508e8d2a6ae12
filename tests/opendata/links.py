"""What an OParl client follows: plain Python, so that the benchmark's crawler (``bench/api_crawl.py``) uses it as
the tests' crawlers do (``tests/opendata/test_crawler.py``, ``tests/test_record.py``,
``tests/meetings/test_withdrawal.py``)."""

import json

PREFIX = "http://testserver/api/oparl/"


def api_urls(value, prefix: str = PREFIX):
    """Every URL of the API that an answer names, anywhere in it (embedded objects too)."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from api_urls(inner, prefix)
    elif isinstance(value, list):
        for inner in value:
            yield from api_urls(inner, prefix)
    elif isinstance(value, str) and value.startswith(prefix):
        yield value


def api_answers(client, start: str) -> dict[str, str]:
    """Every answer a test client reaches from ``start`` by following the API's links, by URL without the host: its
    text. Each must answer (a link that leads nowhere fails)."""
    seen, queue, answers = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen or "/api/oparl/" not in url:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, f"dangling: {url}"
        answers[url] = text = response.content.decode()
        queue += [u.removeprefix("http://testserver") for u in api_urls(json.loads(text))]
    return answers
