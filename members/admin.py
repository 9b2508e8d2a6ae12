from django.contrib import admin

from meetings.admin import OfHerBodies
from members.models import Body, Membership, Organisation, Party, Person, StaffRole, Term


class StaffRoleInline(admin.TabularInline):
    """Who keeps the body's meetings and who chairs it: the administrator grants the roles per body."""

    model = StaffRole
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
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


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "party", "organisation", "title"]
    list_filter = ["party"]
    search_fields = ["first_name", "last_name", "title", "organisation__name", "organisation__common_name"]
    autocomplete_fields = ["party", "organisation", "user"]
    inlines = [MembershipInline]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(OfHerBodies, admin.ModelAdmin):
    list_display = ["person", "body", "side", "category", "role", "organisation", "start_date", "end_date"]
    list_filter = ["body", "term", "side", "category", "role"]
    search_fields = ["person__first_name", "person__last_name", "title", "organisation__name"]
    autocomplete_fields = ["person", "organisation", "term"]
    list_select_related = ["person", "body", "organisation"]
    date_hierarchy = "start_date"
