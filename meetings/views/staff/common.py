def is_htmx(request) -> bool:
    """A request made by htmx, which wants a fragment of the page back."""
    return request.headers.get("HX-Request") == "true"
