"""Unmanaged models over VICIdial's own tables.

Only the columns this product reads or writes are mapped; a real VICIdial database
has many more, which Django ignores. Django never creates, alters or drops these
tables (``managed = False``); the VICIdial-shaped DDL for demo and test databases is
in recordings.schema.

Tables written only through SQL in the log modules, and so not mapped here:
vicidial_api_log, vicidial_api_urls, vicidial_urls, vicidial_webservers,
vicidial_ip_list_entries and vicidial_two_factor_auth (the last two have no
primary key, which Django models require).
"""
from django.db import models, router

from recordings.compiled import first_instance


class RecordingFields(models.Model):
    recording_id = models.PositiveIntegerField(primary_key=True)
    channel = models.CharField(max_length=100, null=True)
    server_ip = models.CharField(max_length=15, null=True)
    extension = models.CharField(max_length=100, null=True)
    start_time = models.DateTimeField(null=True)
    start_epoch = models.PositiveIntegerField(null=True)
    end_time = models.DateTimeField(null=True)
    end_epoch = models.PositiveIntegerField(null=True)
    length_in_sec = models.PositiveIntegerField(null=True)
    length_in_min = models.FloatField(null=True)
    filename = models.CharField(max_length=100, null=True)
    location = models.CharField(max_length=255, null=True)
    lead_id = models.PositiveIntegerField(null=True)
    user = models.CharField(max_length=20, null=True)
    vicidial_id = models.CharField(max_length=20, null=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"recording {self.recording_id}"


class Recording(RecordingFields):
    class Meta:
        managed = False
        db_table = "recording_log"


class ArchivedRecording(RecordingFields):
    class Meta:
        managed = False
        db_table = "recording_log_archive"


class VicidialUser(models.Model):
    user_id = models.PositiveIntegerField(primary_key=True)
    user = models.CharField(max_length=20, unique=True)
    # Plain-text password when hashing is off; VICIdial empties it when hashing is on.
    password = models.CharField(max_length=100, db_column="pass")
    pass_hash = models.CharField(max_length=500)
    full_name = models.CharField(max_length=50, null=True)
    user_level = models.PositiveSmallIntegerField(null=True)
    user_group = models.CharField(max_length=20, null=True)
    active = models.CharField(max_length=1, null=True)
    view_reports = models.CharField(max_length=1, null=True)
    vdc_agent_api_access = models.CharField(max_length=1, null=True)
    api_allowed_functions = models.CharField(max_length=1000, null=True)
    api_only_user = models.CharField(max_length=1, null=True)
    access_recordings = models.CharField(max_length=1, null=True)
    ignore_ip_list = models.CharField(max_length=1, null=True)
    failed_login_count = models.PositiveSmallIntegerField(null=True)
    last_login_date = models.DateTimeField(null=True)
    last_ip = models.CharField(max_length=50, null=True)
    failed_login_attempts_today = models.PositiveIntegerField(null=True)
    failed_login_count_today = models.PositiveIntegerField(null=True)
    failed_last_ip_today = models.CharField(max_length=50, null=True)
    failed_last_type_today = models.CharField(max_length=20, null=True)
    selected_language = models.CharField(max_length=100, null=True)
    two_factor_override = models.CharField(max_length=10, null=True)

    class Meta:
        managed = False
        db_table = "vicidial_users"

    def __str__(self):
        return self.user

    def __repr__(self):
        # Never include a password field in a representation that may reach a log.
        return f"<VicidialUser {self.user_id} {self.user!r}>"


class UserGroup(models.Model):
    user_group = models.CharField(max_length=20, primary_key=True)
    group_name = models.CharField(max_length=40)
    allowed_campaigns = models.TextField(null=True)
    admin_viewable_groups = models.TextField(null=True)
    admin_ip_list = models.CharField(max_length=30, null=True)
    api_ip_list = models.CharField(max_length=30, null=True)

    class Meta:
        managed = False
        db_table = "vicidial_user_groups"


class SystemSettings(models.Model):
    # system_settings has no key column. It always contains exactly one row, which the
    # app only reads, so its version column serves as the key Django requires.
    version = models.CharField(max_length=50, primary_key=True)
    use_non_latin = models.CharField(max_length=1, null=True)
    pass_hash_enabled = models.CharField(max_length=1, null=True)
    pass_key = models.CharField(max_length=100, null=True)
    pass_cost = models.PositiveSmallIntegerField(null=True)
    allow_ip_lists = models.CharField(max_length=1, null=True)
    system_ip_blacklist = models.CharField(max_length=30, null=True)
    log_recording_access = models.CharField(max_length=1, null=True)
    allow_web_debug = models.CharField(max_length=1, null=True)
    slave_db_server = models.CharField(max_length=50, null=True)
    two_factor_auth_hours = models.SmallIntegerField(null=True)
    two_factor_container = models.CharField(max_length=40, null=True)

    class Meta:
        managed = False
        db_table = "system_settings"

    @classmethod
    def load(cls):
        """Return the single settings row, or unsaved defaults when the table is empty."""
        alias = router.db_for_read(cls)
        row = first_instance(cls, alias, "system_settings", lambda: cls.objects.order_by("pk"), ())
        return row or cls(version="", pass_cost=2)


class Server(models.Model):
    # servers has no primary key column in VICIdial; server_id is unique.
    server_id = models.CharField(max_length=10, primary_key=True)
    server_ip = models.CharField(max_length=15)
    active = models.CharField(max_length=1, null=True)
    local_gmt = models.CharField(max_length=6, null=True)
    recording_web_link = models.CharField(max_length=12, null=True)
    alt_server_ip = models.CharField(max_length=100, null=True)
    external_server_ip = models.CharField(max_length=100, null=True)

    class Meta:
        managed = False
        db_table = "servers"


class CallFields(models.Model):
    lead_id = models.PositiveIntegerField(null=True)
    campaign_id = models.CharField(max_length=20, null=True)
    call_date = models.DateTimeField(null=True)
    user = models.CharField(max_length=20, null=True)
    phone_number = models.CharField(max_length=18, null=True)
    status = models.CharField(max_length=6, null=True)
    length_in_sec = models.IntegerField(null=True)

    class Meta:
        abstract = True


class OutboundCall(CallFields):
    uniqueid = models.CharField(max_length=20, primary_key=True)

    class Meta:
        managed = False
        db_table = "vicidial_log"


class InboundCall(CallFields):
    closecallid = models.PositiveIntegerField(primary_key=True)
    uniqueid = models.CharField(max_length=20)

    class Meta:
        managed = False
        db_table = "vicidial_closer_log"


class Lead(models.Model):
    lead_id = models.PositiveIntegerField(primary_key=True)
    list_id = models.BigIntegerField(null=True)
    phone_number = models.CharField(max_length=18, null=True)
    first_name = models.CharField(max_length=30, null=True)
    last_name = models.CharField(max_length=30, null=True)

    class Meta:
        managed = False
        db_table = "vicidial_list"


class RecordingAccess(models.Model):
    recording_access_log_id = models.PositiveIntegerField(primary_key=True)
    recording_id = models.PositiveIntegerField(null=True)
    lead_id = models.PositiveIntegerField(null=True)
    user = models.CharField(max_length=20, null=True)
    access_datetime = models.DateTimeField(null=True)
    access_result = models.CharField(max_length=25, null=True)
    ip = models.CharField(max_length=15, null=True)

    class Meta:
        managed = False
        db_table = "vicidial_recording_access_log"
