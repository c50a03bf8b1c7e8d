"""Every permission rule of the lab, in one place: one module per area, and every rule importable
from here (`from app import permissions; permissions.can_view_project(user, project)`).

- accounts: the platform's roles, the admin pages, organisations and their memberships;
- projects: seeing, editing and reviewing projects, their private side, the reviewers' figures;
- community: supports, follows, updates, milestones, comments and their moderation;
- resources: needs, pledges and offers;
- ideas: calls for ideas, ideas, their supports, merging, archiving and adoption.
- voice: consultations with children and the answer back.
- results: indicators and their measurements.

Each rule is a plain function of (user, obj) that answers True or False and
denies by default: anonymous visitors (None or Flask-Login's anonymous user)
and deactivated accounts never pass a rule that needs an account. Views check
a rule at the top; services check the same rule again where a refusal matters
to the domain; templates are handed the answers (`can_*` flags) and never work
them out from a role. The rules import models and reference names only,
never domain, web or API code. What they are made of is in `base`.

The modules stand in layers (base, accounts, projects, then community and resources) and
never import this package, so there is no circle. A rule that builds on a rule of another
module calls it through that module (`project_rules.can_view_project(...)`), so a rule
replaced in its module (as a test does to show that the checks catch a broken rule) is
replaced for every rule built on it too.
"""

from app.permissions.accounts import (
    can_create_organisation,
    can_make_member,
    can_make_owner,
    can_manage_organisation,
    can_manage_users,
    can_remove_member,
    can_request_to_join,
    can_verify_organisation,
    can_view_members,
    can_view_organisation,
    is_admin,
    is_member_of,
    is_only_owner,
    is_partner_of,
    is_reviewer,
    must_confirm_address_to_join,
)
from app.permissions.community import (
    can_comment,
    can_delete_comment,
    can_edit_comment,
    can_flag_comment,
    can_manage_milestones,
    can_moderate_comments,
    can_moderate_update,
    can_post_update,
    can_read_comment,
    can_see_held_updates,
    can_support,
    can_use_moderation_queue,
    can_view_update,
)
from app.permissions.ideas import (
    call_regions,
    can_adopt_idea,
    can_archive_idea,
    can_edit_call,
    can_edit_idea,
    can_merge_idea,
    can_moderate_ideas,
    can_offer_help,
    can_open_call,
    can_open_calls,
    can_post_idea,
    can_support_idea,
    can_view_idea,
)
from app.permissions.projects import (
    can_change_gate_settings,
    can_edit_project,
    can_export,
    can_review_project,
    can_see_private_side,
    can_see_review_stats,
    can_see_reviewer_notes,
    can_use_review_queue,
    can_view_project,
    conflict_of_interest,
    has_conflict_of_interest,
    partner_organisation_ids,
    partner_projects,
    projects_with_exportable_assessments,
    reviewable_projects,
    reviewers_who_may_review,
    reviews_every_region,
    viewable_projects,
)
from app.permissions.resources import (
    can_decide_pledges,
    can_manage_needs,
    can_manage_offer,
    can_offer,
    can_pledge,
    can_see_pledge,
    can_view_pledges,
    can_withdraw_pledge,
)
from app.permissions.results import can_manage_indicators, is_results_partner
from app.permissions.voice import (
    CONSULTATION_STAGES,
    can_answer_back,
    can_edit_consultation,
    can_record_consultation,
)

__all__ = [
    # accounts
    "can_create_organisation",
    "can_make_member",
    "can_make_owner",
    "can_manage_organisation",
    "can_manage_users",
    "can_remove_member",
    "can_request_to_join",
    "can_verify_organisation",
    "can_view_members",
    "can_view_organisation",
    "is_admin",
    "is_member_of",
    "is_only_owner",
    "is_partner_of",
    "is_reviewer",
    "must_confirm_address_to_join",
    # community
    "can_comment",
    "can_delete_comment",
    "can_edit_comment",
    "can_flag_comment",
    "can_manage_milestones",
    "can_moderate_comments",
    "can_moderate_update",
    "can_post_update",
    "can_read_comment",
    "can_see_held_updates",
    "can_support",
    "can_use_moderation_queue",
    "can_view_update",
    # ideas
    "call_regions",
    "can_adopt_idea",
    "can_archive_idea",
    "can_edit_call",
    "can_edit_idea",
    "can_merge_idea",
    "can_moderate_ideas",
    "can_offer_help",
    "can_open_call",
    "can_open_calls",
    "can_post_idea",
    "can_support_idea",
    "can_view_idea",
    # projects
    "can_change_gate_settings",
    "can_edit_project",
    "can_export",
    "can_review_project",
    "can_see_private_side",
    "can_see_review_stats",
    "can_see_reviewer_notes",
    "can_use_review_queue",
    "can_view_project",
    "conflict_of_interest",
    "has_conflict_of_interest",
    "partner_organisation_ids",
    "partner_projects",
    "projects_with_exportable_assessments",
    "reviewable_projects",
    "reviewers_who_may_review",
    "reviews_every_region",
    "viewable_projects",
    # resources
    "can_decide_pledges",
    "can_manage_needs",
    "can_manage_offer",
    "can_offer",
    "can_pledge",
    "can_see_pledge",
    "can_view_pledges",
    "can_withdraw_pledge",
    # voice (consultations with children)
    "CONSULTATION_STAGES",
    "can_answer_back",
    "can_edit_consultation",
    "can_record_consultation",
    # results
    "can_manage_indicators",
    "is_results_partner",
]
