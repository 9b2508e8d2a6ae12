"""Querysets built once per process.

Building a queryset with its joins, subqueries and annotations costs Django about a millisecond each time (every
``annotate`` and ``filter`` clones the query and resolves its expressions again); the public positions query is
built on the home page, the register, the feeds and every matter. A builder decorated with ``built_once`` builds
its queryset the first time it is asked with those arguments, and hands every caller a clone of it (``.all()``,
about 60 µs), which the caller narrows as it likes. The kept queryset itself is never evaluated, so it holds no
rows: each clone reads the database afresh. (Django's generic views do the same with their ``queryset``
attribute: built once with the class, ``.all()`` for each request.)

Only for builders whose queryset depends on their arguments alone: nothing read from the database, the clock,
the language or the request goes into it.
"""

import functools


def built_once(builder):
    built = {}

    @functools.wraps(builder)
    def clone(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        queryset = built.get(key)
        if queryset is None:
            queryset = built[key] = builder(*args, **kwargs)
        return queryset.all()

    return clone
