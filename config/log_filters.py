"""A logging filter that masks the password of legacy API URLs in log records.

Old scripts send ``pass=`` in the query string of /vicidial/non_agent_api.php, and
servers log request lines: runserver logs every 4xx and 5xx request line with its
query string, and gunicorn logs the URI of a request whose response failed.
"""
import logging
import re
from urllib.parse import unquote_plus

MASKED_PASSWORD = "XXXXXXXX"
# One name=value pair of a query string or form body: after ?, & or the start of a word.
QUERY_PAIR = re.compile(r"(?P<lead>^|[?&\s\"'])(?P<name>[^=&?\s\"']+)=(?P<value>[^&\s\"']*)")


def is_password_name(raw_name):
    """Tell whether a raw parameter name is ``pass`` as PHP reads it, ``pass[]`` and ``p%61ss`` included."""
    name = unquote_plus(raw_name, errors="replace").lstrip(" ")
    name = name.split("[", 1)[0]
    return name == "pass"


def mask_passwords(text):
    """Return ``text`` with the value of every ``pass`` parameter replaced by XXXXXXXX."""
    def mask(match):
        if not is_password_name(match["name"]):
            return match[0]
        return f"{match['lead']}{match['name']}={MASKED_PASSWORD}"

    return QUERY_PAIR.sub(mask, text)


class MaskPasswords(logging.Filter):
    """Rewrite a record's message and string arguments so that no ``pass=`` value survives."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = mask_passwords(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask_passwords(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: mask_passwords(arg) if isinstance(arg, str) else arg for key, arg in record.args.items()}
        return True
