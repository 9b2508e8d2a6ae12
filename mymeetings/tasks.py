"""The members' area's background work."""

from django_tasks import task


@task()
def send_sign_in_link(*, email: str, next_url: str = "") -> bool:
    """Look the address up and mail a link if it may see a meeting: in the worker, so that the request that asked
    does the same work, and takes the same time, for an address in the register and one that is not."""
    from mymeetings.services import request_sign_in

    return request_sign_in(email=email, next_url=next_url)
