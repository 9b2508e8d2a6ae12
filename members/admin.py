"""The people register and the bodies in the admin, walled as the staff pages are (``members.access``).

An administrator (superuser) keeps everything. For anyone else every list holds only the rows of the bodies she
holds a role in, and every choice a form offers (a body, a matter, a meeting, a user account) only what she may
write: the admin is no way around the staff pages' rule, neither through the rows it lists nor through the ids a
form accepts.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Model

from members import services
from members.access import bodies_held, linkable_users, may_act_on, may_change_credentials
from members.models import Body, Membership, Organisation, Party, Person, PersonLogEntry, StaffRole, Term

# The register's shared facts: any secretary may pick them (a person for a seat in her body, an organisation,
# a party, a term); they carry nothing of any one body.
SHARED_CHOICES = (Person, Organisation, Party, Term)


def choices_for(user, model: type[Model], *, person: Person | None = None):
    """What ``user`` may pick for a foreign key to ``model`` in the admin; None: everything (an administrator)."""
    if user.is_superuser or model in SHARED_CHOICES:
        return None
    if model is Body:
        return bodies_held(user)
    if model is get_user_model():
        return linkable_users(user, person)
    if any(f.name == "body" for f in model._meta.fields):  # a matter, a meeting, a position …
        return model._default_manager.filter(body__in=bodies_held(user))
    if any(f.name == "meeting" for f in model._meta.fields):  # an agenda item, an invitation …
        return model._default_manager.filter(meeting__body__in=bodies_held(user))
    return model._default_manager.none()  # a choice nobody has thought about: none, rather than another body's


class OfHerBodies:
    """Only the rows of the bodies the staff member holds a role in (``body_path`` names the body from a row), and in
    every form only the choices ``choices_for`` allows her: the admin is no way around the staff area's rule that
    nobody sees or writes another body's meetings. An administrator sees every body."""

    body_path = "body"

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if self.body_path is None:
            return rows
        return rows.filter(**{f"{self.body_path}__in": bodies_held(request.user, None)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        person = getattr(request, "_admin_person", None)
        allowed = choices_for(request.user, db_field.related_model, person=person)
        if allowed is not None:
            kwargs["queryset"] = allowed
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        allowed = choices_for(request.user, db_field.related_model)
        if allowed is not None:
            kwargs["queryset"] = allowed
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def body_filter(path: str = "body"):
    """A list filter by body that offers only the bodies of the rows she may see."""
    return (path, admin.RelatedOnlyFieldListFilter)


class StaffRoleInline(OfHerBodies, admin.TabularInline):
    """Who keeps the body's meetings and who chairs it: the administrator grants the roles per body."""

    model = StaffRole
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(OfHerBodies, admin.ModelAdmin):
    body_path = "pk"
    list_display = ["short_name", "name", "slug"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [StaffRoleInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "common_name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "common_name", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


class MembershipInline(OfHerBodies, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "term"]
    fields = ["body", "term", "side", "organisation", "category", "role", "title", "start_date", "end_date"]


class PersonLogInline(admin.TabularInline):
    """The changes of the person's credentials, for whoever may view them (an administrator): never changed here."""

    model = PersonLogEntry
    extra = 0
    fields = readonly_fields = ["created_at", "action", "old_value", "new_value", "user"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(OfHerBodies, admin.ModelAdmin):
    """The shared register: every person is listed, but a secretary changes only a person tied to one of her bodies,
    and the e-mail address and account link (the credentials of "Mina möten") only as ``members.access`` allows."""

    body_path = None
    list_display = ["last_name", "first_name", "party", "organisation", "title"]
    list_filter = ["party"]
    search_fields = ["first_name", "last_name", "title", "organisation__name", "organisation__common_name"]
    autocomplete_fields = ["party", "organisation", "user"]
    inlines = [MembershipInline, PersonLogInline]

    def get_autocomplete_fields(self, request):
        # Only an administrator may search the accounts; a secretary picks from the few she may link.
        fields = super().get_autocomplete_fields(request)
        return fields if request.user.is_superuser else [f for f in fields if f != "user"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._admin_person = obj  # the account choices leave out accounts of other people, not this one's
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not may_act_on(request.user, obj):  # another body's person: no contact details
            fields = [f for f in fields if f not in ("email", "phone")]
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not may_change_credentials(request.user, obj):
            readonly += ["email", "user"]
        return readonly

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or may_act_on(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or may_act_on(request.user, obj))

    def save_model(self, request, obj, form, change):
        services.person_save(person=obj, by=request.user)  # a change of credentials is checked, logged and told


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(OfHerBodies, admin.ModelAdmin):
    list_display = ["person", "body", "side", "category", "role", "organisation", "start_date", "end_date"]
    list_filter = [body_filter(), "term", "side", "category", "role"]
    search_fields = ["person__first_name", "person__last_name", "title", "organisation__name"]
    autocomplete_fields = ["person", "organisation", "term"]
    list_select_related = ["person", "body", "organisation"]
    date_hierarchy = "start_date"
