"""The error a change of state raises when the current state does not allow it, below every module that raises it:
the services, and the PDF renderer they call (which would otherwise import the services back)."""


class ServiceError(Exception):
    """A change that the current state does not allow; its message is for the user, in Swedish."""
