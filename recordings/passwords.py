"""VICIdial's password hash: the hash part of a ``$2a$`` bcrypt string.

With ``system_settings.pass_hash_enabled`` on, VICIdial stores in ``pass_hash`` the
31 characters that follow ``$2a$CC$`` and the 22-character salt, where CC is
``pass_cost`` (two digits) and the salt comes from ``pass_key``. VICIdial's default
cost is 2, below the minimum of 4 that bcrypt libraries accept. The hash is therefore
built from pycryptodome's EksBlowfish cipher (C code, any cost from 1 to 31), which is
bcrypt's key schedule without that check: 0.4 ms at cost 2 on the machine of
docs/benchmarks.md (case 5), where a pure-Python key schedule took 32 ms.
"""
import base64
import hmac

from Crypto.Cipher import _EKSBlowfish

BCRYPT_ALPHABET = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
STANDARD_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
TO_BCRYPT = bytes.maketrans(STANDARD_ALPHABET, BCRYPT_ALPHABET)
FROM_BCRYPT = bytes.maketrans(BCRYPT_ALPHABET, STANDARD_ALPHABET)

SALT_LENGTH = 22
HASH_PART_LENGTH = 31
MAX_KEY_BYTES = 72
MAX_COST = 31
MAGIC_TEXT = b"OrpheanBeholderScryDoubt"


def bcrypt_b64encode(data):
    """Encode ``data`` with bcrypt's base64 alphabet, without padding."""
    return base64.b64encode(data).translate(TO_BCRYPT).rstrip(b"=")


def bcrypt_b64decode(text):
    """Decode bcrypt-base64 ``text``, dropping the unused low bits of the last character."""
    standard = text.translate(FROM_BCRYPT)
    usable = len(standard) * 6 // 8
    return base64.b64decode(standard + b"=" * (-len(standard) % 4))[:usable]


def salt_from_pass_key(pass_key):
    """Return the 22-character bcrypt salt VICIdial derives from ``pass_key``, or None.

    A 22-character key is the salt itself. Any other key is encoded with bcrypt's
    base64, which gives 22 characters or more only for keys of 16 bytes or more.
    """
    key = (pass_key or "").encode("utf-8")
    if len(key) == SALT_LENGTH:
        return key
    # NOTE: VICIdial only documents 16- and 22-character keys; longer keys are cut.
    encoded = bcrypt_b64encode(key)
    if len(encoded) < SALT_LENGTH:
        return None
    return encoded[:SALT_LENGTH]


def vicidial_hash(password, pass_key, cost):
    """Return the 31-character hash part VICIdial stores for ``password``, or None.

    None means the settings cannot produce a hash (no usable pass_key, cost out of range).
    """
    salt = salt_from_pass_key(pass_key)
    if salt is None or not isinstance(cost, int) or not 1 <= cost <= MAX_COST:
        return None
    full = eks_bcrypt(password.encode("utf-8")[:MAX_KEY_BYTES], salt, cost)
    return full[-HASH_PART_LENGTH:].decode("ascii")


def password_matches(password, stored_hash, pass_key, cost):
    """Tell whether ``password`` hashes to ``stored_hash``. An empty stored hash never matches."""
    computed = vicidial_hash(password or "", pass_key, cost)
    if not stored_hash or computed is None:
        return False
    return hmac.compare_digest(computed.encode("ascii"), stored_hash.encode("utf-8"))


def eks_bcrypt(secret, salt, cost):
    """Return the full 60-byte ``$2a$`` bcrypt string for ``secret`` (bytes) and a 22-char ``salt``."""
    key = (secret + b"\0")[:MAX_KEY_BYTES]
    salt_bytes = bcrypt_b64decode(salt)
    # OpenBSD's order in the expensive loop (key, then salt), which $2a$ hashes use.
    cipher = _EKSBlowfish.new(key, _EKSBlowfish.MODE_ECB, salt_bytes, cost, True)
    digest = MAGIC_TEXT
    for _ in range(64):
        digest = cipher.encrypt(digest)
    canonical_salt = bcrypt_b64encode(salt_bytes)[:SALT_LENGTH]
    return b"$2a$%02d$%s%s" % (cost, canonical_salt, bcrypt_b64encode(digest[:23]))
