"""The open-data API: read-only JSON in OParl 1.1 shapes, published data only, paginated. One module a kind of
object: ``bodies`` (the system, bodies, terms), ``people`` (organisations, people, memberships), ``meetings``
(meetings, agenda items), ``papers`` (files, papers, consultations); ``paging`` holds what they share.
"""
