"""The scope of a manager on the search page: the agents whose recordings they may see.

VICIdial lets a user see the users of the groups listed, space-separated, in their
own group's vicidial_user_groups.admin_viewable_groups; the entry ``---ALL---``
means every group.
"""
from django.db.models import Q

from recordings.models import UserGroup, VicidialUser

ALL_GROUPS = "---ALL---"


def visible_agents(vicidial_user):
    """Return the logins whose recordings ``vicidial_user`` may see, or None when every agent's are visible.

    A user whose group is missing, or lists no viewable groups, may see none. Recordings
    of logins without a vicidial_users row are visible only to ``---ALL---`` groups.
    """
    viewable = (
        UserGroup.objects.filter(user_group=vicidial_user.user_group)
        .values_list("admin_viewable_groups", flat=True)
        .first()
    )
    groups = (viewable or "").split()
    if ALL_GROUPS in groups:
        return None
    return frozenset(VicidialUser.objects.filter(user_group__in=groups).values_list("user", flat=True))


def visible_to(vicidial_user):
    """Return the Q that keeps the recordings ``vicidial_user`` may see."""
    agents = visible_agents(vicidial_user)
    return Q() if agents is None else Q(user__in=sorted(agents))
