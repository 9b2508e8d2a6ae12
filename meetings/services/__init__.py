"""Every change of state goes through a service here: locked, checked, logged, side effects after commit."""


class ServiceError(Exception):
    """A change that the current state does not allow; its message is for the user, in Swedish."""
