"""The demo call center's staff: user groups, agents, the manager and the one server."""
from recordings.models import Server, UserGroup, VicidialUser

# The manager login that VICIdial's own examples use, with their usual permissions.
MANAGER_LOGIN = "6666"
MANAGER_PASSWORD = "1234"
# Marks a database as the demo's: the demo rebuilds only a database that has it.
DEMO_SERVER_ID = "DEMO"
DEMO_SERVER_IP = "127.0.0.1"

AGENT_NAMES = [
    "Maria Alvarez",
    "James Okafor",
    "Sofia Lindqvist",
    "Daniel Brooks",
    "Aisha Rahman",
    "Tomasz Nowak",
    "Grace Chen",
    "Lucas Moreau",
    "Priya Nair",
    "Ethan Walsh",
    "Hannah Schmidt",
    "Kenji Watanabe",
    "Olivia Mensah",
    "Mateo Rossi",
    "Zoe Papadopoulos",
    "Samuel Adeyemi",
]
FIRST_AGENT_LOGIN = 1001


def user_groups():
    return [
        UserGroup(
            user_group="ADMIN",
            group_name="Administrators",
            allowed_campaigns=" -ALL-CAMPAIGNS- - -",
            admin_viewable_groups=" ---ALL--- ",
        ),
        UserGroup(
            user_group="AGENTS",
            group_name="Call center agents",
            allowed_campaigns=" -ALL-CAMPAIGNS- - -",
            admin_viewable_groups=" AGENTS ",
        ),
    ]


def manager():
    return VicidialUser(
        user_id=1,
        user=MANAGER_LOGIN,
        password=MANAGER_PASSWORD,
        full_name="Demo Manager",
        user_level=9,
        user_group="ADMIN",
        active="Y",
        view_reports="1",
        vdc_agent_api_access="1",
        api_allowed_functions=" ALL_FUNCTIONS ",
        access_recordings="1",
    )


def agents(count):
    """Return ``count`` agents (at most len(AGENT_NAMES)) with logins from 1001 up."""
    return [
        VicidialUser(
            user_id=index + 2,
            user=str(FIRST_AGENT_LOGIN + index),
            # Agents cannot log in to the search page; a password keeps the row realistic.
            password=f"agent{FIRST_AGENT_LOGIN + index}",
            full_name=name,
            user_level=1,
            user_group="AGENTS",
            active="Y",
            view_reports="0",
            vdc_agent_api_access="0",
            access_recordings="0",
        )
        for index, name in enumerate(AGENT_NAMES[:count])
    ]


def servers():
    return [
        Server(
            server_id=DEMO_SERVER_ID,
            server_ip=DEMO_SERVER_IP,
            active="Y",
            local_gmt="0.00",
            recording_web_link="SERVER_IP",
        )
    ]
