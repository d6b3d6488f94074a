"""VICIdial's character filters for request values.

VICIdial removes the characters it does not allow, never rejecting a value; the
checks then apply to what is left. With ``system_settings.use_non_latin = 1``,
"letters" means letters of any script (Unicode category L), and a value that was
not valid UTF-8 becomes empty. Combining accents are marks, not letters, so they go.
"""
import unicodedata

ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
DIGITS = frozenset("0123456789")
LAST_THREE_BYTE_CHARACTER = "\uffff"


def is_letter(char, non_latin):
    if non_latin:
        # VICIdial's utf8 (3-byte) columns cannot hold a character past U+FFFF, and
        # MariaDB rejects comparing one with them (error 1267, a 500), so such letters go.
        return char <= LAST_THREE_BYTE_CHARACTER and unicodedata.category(char).startswith("L")
    return char in ASCII_LETTERS


def keep_chars(value, *, letters=True, digits=True, extra="", non_latin=False):
    """Return ``value`` without the characters outside the allowed set.

    ``value`` may carry lone surrogates for bytes that were not valid UTF-8
    (``surrogateescape``); with ``non_latin`` such a value becomes empty.
    """
    if non_latin and has_invalid_utf8(value):
        return ""
    kept = []
    for char in value:
        if (letters and is_letter(char, non_latin)) or (digits and char in DIGITS) or char in extra:
            kept.append(char)
    return "".join(kept)


def has_invalid_utf8(value):
    return any("\udc80" <= char <= "\udcff" for char in value)


def clean_login(value, non_latin=False):
    """Clean a login name or password: letters, digits, ``-`` and ``_``."""
    return keep_chars(value or "", extra="-_", non_latin=non_latin)
