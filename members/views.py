"""The people register in the staff area: people, their addresses, their seats in the body over time."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.permissions import in_secretary_bodies, secretary_required, working_body
from members import services
from members.access import bodies_held, people_for
from members.forms import (
    MembershipEndForm,
    MembershipForm,
    PersonForm,
    SeatForm,
    SeatFormSet,
    TermForm,
    newcomer_formset,
)
from members.models import Membership, Person


def _day(raw: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@secretary_required
def people(request):
    """Everyone in the register; ``?q=`` a name, ``?on=`` a date: who sits in the body that day."""
    body = working_body(request)
    # No NUL: PostgreSQL refuses one in a query ("q=%00" would be a 500).
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
    raw_day = request.GET.get("on", "")
    day = _day(raw_day)
    found = Person.objects.select_related("organisation", "party").order_by("last_name", "first_name")
    for word in query.split():
        found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    seats = {}
    if day:
        sitting = Membership.objects.on(day).filter(body=body).select_related("organisation")
        seats = {m.person_id: m for m in sitting}
        found = found.filter(pk__in=seats)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    # Contact details only of the people she may act on (members.access): the register is shared, addresses are not.
    hers = set(people_for(request.user).filter(pk__in=[p.pk for p in page]).values_list("pk", flat=True))
    rows = [(person, seats.get(person.pk), person.pk in hers) for person in page]
    context = {"page": page, "rows": rows, "query": query, "day": day, "bad_day": raw_day if raw_day and not day
               else "", "body": body}  # fmt: skip
    return render(request, "staff/people.html", context, status=400 if raw_day and not day else 200)


@secretary_required
def person_edit(request, pk=None):
    """A person of the shared register: anyone's page opens (to give them a seat in her body), but she changes
    only a person tied to one of her bodies, and their address only as ``members.access`` allows."""
    person = get_object_or_404(Person, pk=pk) if pk else Person()
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and not form.may_act:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_save(person=form.save(commit=False), by=request.user)
        except services.RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": person.name})
            return redirect("staff:person", pk=person.pk)
    membership_form = MembershipForm(prefix="m", initial={"start_date": timezone.localdate()})
    return _person_page(request, person, form, membership_form, status=400 if form.errors else 200)


def _person_page(request, person, form, membership_form, status=200):
    memberships, log = [], []
    if person.pk:
        memberships = person.memberships.select_related("body", "organisation", "term").order_by("-start_date")
        if form.may_act:  # the changes of credentials, for those who may change the person
            log = person.log.select_related("user")[:20]
    context = {"person": person, "form": form, "memberships": memberships, "membership_form": membership_form,
               "kept": set(bodies_held(request.user).values_list("pk", flat=True)), "log": log}  # fmt: skip
    return render(request, "staff/person.html", context, status=status)


@secretary_required
@require_POST
def membership_add(request, pk):
    person = get_object_or_404(Person, pk=pk)
    form = MembershipForm(request.POST, prefix="m")
    if form.is_valid():
        membership = form.save(commit=False)
        membership.person, membership.body = person, working_body(request)
        try:
            services.membership_add(membership=membership)
        except services.RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The membership was added."))
            return redirect("staff:person", pk=person.pk)
    return _person_page(request, person, PersonForm(instance=person, user=request.user), form, status=400)


@secretary_required
@require_POST
def membership_end(request, pk):
    membership = get_object_or_404(in_secretary_bodies(request.user, Membership.objects), pk=pk)
    form = MembershipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("staff:person", pk=membership.person_id)
    try:
        services.membership_end(membership=membership, end_date=form.cleaned_data["end_date"])
    except services.RegisterError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The membership ends on %(date)s.") % {"date": f"{membership.end_date:%Y-%m-%d}"})
    return redirect("staff:person", pk=membership.person_id)


@secretary_required
def term_change(request):
    """The next term in one sitting: every seat of the outgoing term continues (perhaps with another role,
    title or organisation) or ends, and the newcomers are added on the same page. ``?rows=`` more blank rows."""
    body = working_body(request)
    name, start, end = services.term_next_proposal(body=body, today=timezone.localdate())
    term_form = TermForm(request.POST or None, initial={"name": name, "start_date": start, "end_date": end})
    if request.method == "POST" and term_form.is_valid():
        start = term_form.cleaned_data["start_date"]
    outgoing = services.term_outgoing_seats(body=body, start_date=start)
    rows = min(max(_int(request.POST.get("rows") or request.GET.get("rows"), 5), 1), 40)
    seat_forms = SeatFormSet(request.POST or None, prefix="seat", initial=[
        {"membership": m.pk, "role": m.role, "title": m.title, "organisation": m.organisation_id} for m in outgoing
    ])  # fmt: skip
    newcomer_forms = newcomer_formset(rows)(request.POST or None, prefix="new")
    if request.method == "POST" and term_form.is_valid() and seat_forms.is_valid() and newcomer_forms.is_valid():
        by_pk = {m.pk: m for m in outgoing}
        try:
            decisions = [
                services.SeatDecision(
                    membership=by_pk[form.cleaned_data["membership"]],
                    continues=form.cleaned_data["action"] == SeatForm.CONTINUES,
                    role=form.cleaned_data["role"],
                    title=form.cleaned_data["title"].strip(),
                    organisation=form.cleaned_data["organisation"],
                )
                for form in seat_forms
            ]
            newcomers = [
                services.Newcomer(
                    person=data["person"],
                    first_name=data["first_name"].strip(),
                    last_name=data["last_name"].strip(),
                    party=data["party"],
                    email=data["email"],
                    side=data["side"],
                    category=data["category"],
                    organisation=data["organisation"],
                    role=data["role"],
                    title=data["title"].strip(),
                )
                for data in (form.cleaned_data for form in newcomer_forms if form.has_changed())
            ]
            term = services.term_start(body=body, name=term_form.cleaned_data["name"], start_date=start,
                                       end_date=term_form.cleaned_data["end_date"], seats=decisions,
                                       newcomers=newcomers, by=request.user)  # fmt: skip
        except KeyError:
            term_form.add_error(None, _("The seats have changed since the page was opened: open it again."))
        except services.RegisterError as error:
            term_form.add_error(None, str(error))
        else:
            seated = Membership.objects.filter(body=body, term=term).count()
            messages.success(request, _("The term %(name)s begins on %(date)s with %(count)s seats.")
                             % {"name": term.name, "date": f"{term.start_date:%Y-%m-%d}", "count": seated})  # fmt: skip
            return redirect(f"{reverse('staff:people')}?on={term.start_date:%Y-%m-%d}")
    context = {"body": body, "term_form": term_form, "rows": rows,
               "seats": list(zip(outgoing, seat_forms, strict=False)), "seat_forms": seat_forms,
               "newcomer_forms": newcomer_forms, "last_day": start - datetime.timedelta(days=1)}  # fmt: skip
    return render(request, "staff/term_change.html", context, status=400 if request.method == "POST" else 200)


def _int(raw, default: int) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default
