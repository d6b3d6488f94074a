"""VICIdial-shaped table definitions, rendered as DDL for MariaDB/MySQL or SQLite.

Used only to build demo, test and benchmark databases. The column types follow the
VICIdial 2.14 schema for the columns this product reads or writes, plus the call-log
columns the compatibility fixture fills. A real VICIdial database has many more.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    name: str
    columns: list  # (name, MySQL type and default, e.g. "VARCHAR(20) NOT NULL DEFAULT ''")
    primary_key: tuple = ()
    auto_increment: str = ""
    indexes: list = field(default_factory=list)  # (index name, columns tuple, unique)
    rows: list = field(default_factory=list)  # rows inserted right after creation


YES_NO = "ENUM('Y','N')"
ZERO_ONE = "ENUM('0','1')"

RECORDING_COLUMNS = [
    ("recording_id", "INT(10) UNSIGNED NOT NULL"),
    ("channel", "VARCHAR(100)"),
    ("server_ip", "VARCHAR(15)"),
    ("extension", "VARCHAR(100)"),
    ("start_time", "DATETIME"),
    ("start_epoch", "INT(10) UNSIGNED"),
    ("end_time", "DATETIME"),
    ("end_epoch", "INT(10) UNSIGNED"),
    ("length_in_sec", "MEDIUMINT(8) UNSIGNED"),
    ("length_in_min", "DOUBLE(8,2)"),
    ("filename", "VARCHAR(100)"),
    ("location", "VARCHAR(255)"),
    ("lead_id", "INT(9) UNSIGNED"),
    ("user", "VARCHAR(20)"),
    ("vicidial_id", "VARCHAR(20)"),
]
RECORDING_INDEXES = [
    ("filename", ("filename",), False),
    ("lead_id", ("lead_id",), False),
    ("user", ("user",), False),
    ("vicidial_id", ("vicidial_id",), False),
]

CALL_COLUMNS = [
    ("lead_id", "INT(9) UNSIGNED"),
    ("list_id", "BIGINT(14) UNSIGNED"),
    ("campaign_id", "VARCHAR(20)"),
    ("call_date", "DATETIME"),
    ("start_epoch", "INT(10) UNSIGNED"),
    ("end_epoch", "INT(10) UNSIGNED"),
    ("length_in_sec", "INT(10)"),
    ("status", "VARCHAR(6)"),
    ("phone_code", "VARCHAR(10)"),
    ("phone_number", "VARCHAR(18)"),
    ("user", "VARCHAR(20)"),
    ("comments", "VARCHAR(255)"),
    ("processed", YES_NO),
    ("user_group", "VARCHAR(20)"),
    ("term_reason", "VARCHAR(30) DEFAULT 'NONE'"),
    ("alt_dial", "VARCHAR(6) DEFAULT 'NONE'"),
    ("called_count", "SMALLINT(5) UNSIGNED DEFAULT 0"),
]

SYSTEM_SETTINGS_DEFAULTS = {
    "version": "2.14b0.5",
    "install_date": "",
    "use_non_latin": "0",
    "pass_hash_enabled": "0",
    "pass_key": "",
    "pass_cost": 2,
    "allow_ip_lists": "0",
    "system_ip_blacklist": "",
    "log_recording_access": "0",
    "allow_web_debug": "0",
    "slave_db_server": "",
    "reports_use_slave_db": "",
    "webroot_writable": "1",
    "two_factor_auth_hours": 0,
    "two_factor_container": "---DISABLED---",
    "enable_auto_reports": "0",
    "enable_languages": "0",
    "custom_fields_enabled": "0",
}

TABLES = [
    Table(
        "recording_log",
        RECORDING_COLUMNS,
        primary_key=("recording_id",),
        auto_increment="recording_id",
        indexes=RECORDING_INDEXES,
    ),
    Table("recording_log_archive", RECORDING_COLUMNS, primary_key=("recording_id",), indexes=RECORDING_INDEXES),
    Table(
        "vicidial_users",
        [
            ("user_id", "INT(9) UNSIGNED NOT NULL"),
            ("user", "VARCHAR(20) NOT NULL"),
            ("pass", "VARCHAR(100) NOT NULL DEFAULT ''"),
            ("pass_hash", "VARCHAR(500) NOT NULL DEFAULT ''"),
            ("full_name", "VARCHAR(50)"),
            ("user_level", "TINYINT(3) UNSIGNED DEFAULT 1"),
            ("user_group", "VARCHAR(20)"),
            ("active", YES_NO + " DEFAULT 'Y'"),
            ("view_reports", ZERO_ONE + " DEFAULT '0'"),
            ("vdc_agent_api_access", ZERO_ONE + " DEFAULT '0'"),
            ("api_allowed_functions", "VARCHAR(1000) DEFAULT ' ALL_FUNCTIONS '"),
            ("api_only_user", ZERO_ONE + " DEFAULT '0'"),
            ("access_recordings", ZERO_ONE + " DEFAULT '0'"),
            ("ignore_ip_list", ZERO_ONE + " DEFAULT '0'"),
            ("failed_login_count", "TINYINT(3) UNSIGNED DEFAULT 0"),
            ("last_login_date", "DATETIME DEFAULT '2001-01-01 00:00:01'"),
            ("last_ip", "VARCHAR(50) DEFAULT ''"),
            ("failed_login_attempts_today", "SMALLINT(5) UNSIGNED DEFAULT 0"),
            ("failed_login_count_today", "SMALLINT(5) UNSIGNED DEFAULT 0"),
            ("failed_last_ip_today", "VARCHAR(50) DEFAULT ''"),
            ("failed_last_type_today", "VARCHAR(20) DEFAULT ''"),
            ("selected_language", "VARCHAR(100) DEFAULT 'default English'"),
            ("two_factor_override", "ENUM('NOT_ACTIVE','ENABLED','DISABLED') DEFAULT 'NOT_ACTIVE'"),
        ],
        primary_key=("user_id",),
        auto_increment="user_id",
        indexes=[("user", ("user",), True)],
    ),
    Table(
        "vicidial_user_groups",
        [
            ("user_group", "VARCHAR(20) NOT NULL"),
            ("group_name", "VARCHAR(40) NOT NULL DEFAULT ''"),
            ("allowed_campaigns", "TEXT"),
            ("admin_viewable_groups", "TEXT"),
            ("admin_ip_list", "VARCHAR(30) DEFAULT ''"),
            ("api_ip_list", "VARCHAR(30) DEFAULT ''"),
        ],
        primary_key=("user_group",),
    ),
    Table(
        "system_settings",
        [
            ("version", "VARCHAR(50)"),
            ("install_date", "VARCHAR(50)"),
            ("use_non_latin", ZERO_ONE + " DEFAULT '0'"),
            ("pass_hash_enabled", ZERO_ONE + " DEFAULT '0'"),
            ("pass_key", "VARCHAR(100) DEFAULT ''"),
            ("pass_cost", "TINYINT(2) UNSIGNED DEFAULT 2"),
            ("allow_ip_lists", "ENUM('0','1','2') DEFAULT '0'"),
            ("system_ip_blacklist", "VARCHAR(30) DEFAULT ''"),
            ("log_recording_access", ZERO_ONE + " DEFAULT '0'"),
            ("allow_web_debug", ZERO_ONE + " DEFAULT '0'"),
            ("slave_db_server", "VARCHAR(50) DEFAULT ''"),
            ("reports_use_slave_db", "VARCHAR(4000) DEFAULT ''"),
            ("webroot_writable", ZERO_ONE + " DEFAULT '1'"),
            ("two_factor_auth_hours", "SMALLINT(5) DEFAULT 0"),
            ("two_factor_container", "VARCHAR(40) DEFAULT '---DISABLED---'"),
            ("enable_auto_reports", ZERO_ONE + " DEFAULT '0'"),
            ("enable_languages", ZERO_ONE + " DEFAULT '0'"),
            ("custom_fields_enabled", ZERO_ONE + " DEFAULT '0'"),
        ],
        rows=[SYSTEM_SETTINGS_DEFAULTS],
    ),
    Table(
        "servers",
        [
            ("server_id", "VARCHAR(10) NOT NULL"),
            ("server_description", "VARCHAR(255)"),
            ("server_ip", "VARCHAR(15) NOT NULL"),
            ("active", YES_NO + " DEFAULT 'Y'"),
            ("local_gmt", "VARCHAR(6) DEFAULT '-5.00'"),
            ("recording_web_link", "ENUM('SERVER_IP','ALT_IP','EXTERNAL_IP') DEFAULT 'SERVER_IP'"),
            ("alt_server_ip", "VARCHAR(100) DEFAULT ''"),
            ("external_server_ip", "VARCHAR(100) DEFAULT ''"),
        ],
        indexes=[("server_id", ("server_id",), True)],
    ),
    Table(
        "vicidial_log",
        [("uniqueid", "VARCHAR(20) NOT NULL")] + CALL_COLUMNS,
        primary_key=("uniqueid",),
        indexes=[("lead_id", ("lead_id",), False), ("call_date", ("call_date",), False)],
    ),
    Table(
        "vicidial_closer_log",
        [("closecallid", "INT(9) UNSIGNED NOT NULL")]
        + CALL_COLUMNS
        + [
            ("queue_seconds", "DECIMAL(7,2) DEFAULT 0"),
            ("uniqueid", "VARCHAR(20) NOT NULL DEFAULT ''"),
            ("agent_only", "VARCHAR(20) DEFAULT ''"),
            ("queue_position", "SMALLINT(4) UNSIGNED DEFAULT 1"),
        ],
        primary_key=("closecallid",),
        auto_increment="closecallid",
        indexes=[
            ("lead_id", ("lead_id",), False),
            ("call_date", ("call_date",), False),
            ("uniqueid", ("uniqueid",), False),
        ],
    ),
    Table(
        "vicidial_list",
        [
            ("lead_id", "INT(9) UNSIGNED NOT NULL"),
            ("list_id", "BIGINT(14) UNSIGNED DEFAULT 0"),
            ("phone_number", "VARCHAR(18) DEFAULT ''"),
            ("first_name", "VARCHAR(30) DEFAULT ''"),
            ("last_name", "VARCHAR(30) DEFAULT ''"),
        ],
        primary_key=("lead_id",),
        auto_increment="lead_id",
        indexes=[("phone_number", ("phone_number",), False), ("list_id", ("list_id",), False)],
    ),
    Table(
        "vicidial_ip_lists",
        [
            ("ip_list_id", "VARCHAR(30) NOT NULL"),
            ("ip_list_name", "VARCHAR(100)"),
            ("active", "ENUM('N','Y') DEFAULT 'N'"),
            ("user_group", "VARCHAR(20) DEFAULT '---ALL---'"),
        ],
        indexes=[("ip_list_id", ("ip_list_id",), True)],
    ),
    Table(
        "vicidial_ip_list_entries",
        [("ip_list_id", "VARCHAR(30) NOT NULL"), ("ip_address", "VARCHAR(45) NOT NULL")],
        indexes=[("ip_list_id", ("ip_list_id",), False), ("ip_address", ("ip_address",), False)],
    ),
    Table(
        "vicidial_two_factor_auth",
        [
            ("auth_date", "DATETIME"),
            ("auth_exp_date", "DATETIME"),
            ("user", "VARCHAR(20)"),
            ("auth_stage", "ENUM('0','1','2','3','4','5','6') DEFAULT '0'"),
            ("auth_code", "VARCHAR(20)"),
            ("auth_code_exp_date", "DATETIME"),
            ("auth_method", "VARCHAR(20) DEFAULT 'EMAIL'"),
            ("auth_attempts", "SMALLINT(5) UNSIGNED DEFAULT 0"),
        ],
        indexes=[("user", ("user",), False), ("auth_date", ("auth_date",), False)],
    ),
    Table(
        "vicidial_api_log",
        [
            ("api_id", "INT(9) UNSIGNED NOT NULL"),
            ("user", "VARCHAR(20) NOT NULL"),
            ("api_date", "DATETIME"),
            ("api_script", "VARCHAR(10)"),
            ("function", "VARCHAR(20) NOT NULL"),
            ("agent_user", "VARCHAR(20)"),
            ("value", "VARCHAR(255)"),
            ("result", "VARCHAR(10)"),
            ("result_reason", "VARCHAR(255)"),
            ("source", "VARCHAR(20) NOT NULL"),
            ("data", "TEXT"),
            ("run_time", "VARCHAR(20) DEFAULT '0'"),
            ("webserver", "SMALLINT(5) UNSIGNED DEFAULT 0"),
            ("api_url", "INT(9) UNSIGNED DEFAULT 0"),
        ],
        primary_key=("api_id",),
        auto_increment="api_id",
        indexes=[("api_date", ("api_date",), False)],
    ),
    Table(
        "vicidial_api_urls",
        [
            ("api_id", "INT(9) UNSIGNED NOT NULL"),
            ("api_date", "DATETIME"),
            ("remote_ip", "VARCHAR(50)"),
            ("url", "MEDIUMTEXT"),
        ],
        primary_key=("api_id",),
        indexes=[("api_date", ("api_date",), False)],
    ),
    Table(
        "vicidial_urls",
        [("url_id", "INT(9) UNSIGNED NOT NULL"), ("url", "VARCHAR(333) DEFAULT ''")],
        primary_key=("url_id",),
        auto_increment="url_id",
        indexes=[("url", ("url",), True)],
    ),
    Table(
        "vicidial_webservers",
        [
            ("webserver_id", "SMALLINT(5) UNSIGNED NOT NULL"),
            ("webserver", "VARCHAR(125) DEFAULT ''"),
            ("hostname", "VARCHAR(125) DEFAULT ''"),
        ],
        primary_key=("webserver_id",),
        auto_increment="webserver_id",
        indexes=[("webserver_hostname", ("webserver", "hostname"), True)],
    ),
    Table(
        "vicidial_recording_access_log",
        [
            ("recording_access_log_id", "INT(9) UNSIGNED NOT NULL"),
            ("recording_id", "INT(10) UNSIGNED"),
            ("lead_id", "INT(10) UNSIGNED"),
            ("user", "VARCHAR(20)"),
            ("access_datetime", "DATETIME"),
            (
                "access_result",
                "ENUM('ACCESSED','INVALID USER','INVALID PERMISSIONS','NO RECORDING','RECORDING UNAVAILABLE')",
            ),
            ("ip", "VARCHAR(15)"),
        ],
        primary_key=("recording_access_log_id",),
        auto_increment="recording_access_log_id",
        indexes=[("recording_id", ("recording_id",), False), ("lead_id", ("lead_id",), False)],
    ),
]

TABLES_BY_NAME = {table.name: table for table in TABLES}
