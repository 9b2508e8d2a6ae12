"""The secretary's staff area: separate from the public site and from the Django admin."""
