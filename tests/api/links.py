"""What an OParl client follows: plain Python, so that the benchmark's crawler (``bench/api_crawl.py``) uses it as the
tests' crawlers do (``tests/api/test_crawler.py``, ``tests/test_record.py``)."""

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
