"""VICIdial's password hash: the hash part of a ``$2a$`` bcrypt string.

With ``system_settings.pass_hash_enabled`` on, VICIdial stores in ``pass_hash`` the
31 characters that follow ``$2a$CC$`` and the 22-character salt, where CC is
``pass_cost`` (two digits) and the salt comes from ``pass_key``. VICIdial's default
cost is 2, below the minimum of 4 that the ``bcrypt`` package accepts. Costs 1 to 3
therefore go through the pure-Python EksBlowfish below, and costs 4 to 31 use ``bcrypt``.
"""
import base64
import functools
import hmac

import bcrypt
import mpmath

BCRYPT_ALPHABET = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
STANDARD_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
TO_BCRYPT = bytes.maketrans(STANDARD_ALPHABET, BCRYPT_ALPHABET)
FROM_BCRYPT = bytes.maketrans(BCRYPT_ALPHABET, STANDARD_ALPHABET)

SALT_LENGTH = 22
HASH_PART_LENGTH = 31
MAX_KEY_BYTES = 72
MIN_LIBRARY_COST = 4
MAX_COST = 31
MASK32 = 0xFFFFFFFF
# 18 P-array words and 4 S-boxes of 256 words: Blowfish's initial state.
BLOWFISH_WORDS = 18 + 4 * 256
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
    secret = password.encode("utf-8")[:MAX_KEY_BYTES]
    if cost >= MIN_LIBRARY_COST:
        full = bcrypt.hashpw(secret, b"$2a$%02d$%s" % (cost, salt))
    else:
        full = eks_bcrypt(secret, salt, cost)
    return full[-HASH_PART_LENGTH:].decode("ascii")


def password_matches(password, stored_hash, pass_key, cost):
    """Tell whether ``password`` hashes to ``stored_hash``. An empty stored hash never matches."""
    computed = vicidial_hash(password or "", pass_key, cost)
    if not stored_hash or computed is None:
        return False
    return hmac.compare_digest(computed.encode("ascii"), stored_hash.encode("utf-8"))


@functools.lru_cache(maxsize=1)
def blowfish_initial_state():
    """Return Blowfish's initial words: the hexadecimal digits of pi's fractional part."""
    bits = BLOWFISH_WORDS * 32
    with mpmath.workprec(bits + 64):
        scaled = int(mpmath.floor(mpmath.pi * mpmath.mpf(2) ** bits))
    fraction = scaled - (3 << bits)
    words = [(fraction >> (bits - 32 * (i + 1))) & MASK32 for i in range(BLOWFISH_WORDS)]
    return tuple(words)


class EksBlowfish:
    """The expensive key schedule of bcrypt, for the costs the bcrypt package rejects."""

    def __init__(self):
        words = blowfish_initial_state()
        self.p = list(words[:18])
        self.s = [list(words[18 + 256 * box:18 + 256 * (box + 1)]) for box in range(4)]

    def feistel(self, x):
        s0, s1, s2, s3 = self.s
        return ((((s0[x >> 24] + s1[(x >> 16) & 0xFF]) & MASK32) ^ s2[(x >> 8) & 0xFF]) + s3[x & 0xFF]) & MASK32

    def encipher(self, left, right):
        p, feistel = self.p, self.feistel
        left ^= p[0]
        for i in range(1, 17, 2):
            right ^= feistel(left) ^ p[i]
            left ^= feistel(right) ^ p[i + 1]
        return right ^ p[17], left

    def expand(self, key, salt=None):
        """Mix ``key`` into the P-array, then re-encrypt every word, folding in ``salt`` if given."""
        key_words = cycle_words(key)
        self.p = [word ^ next(key_words) for word in self.p]
        salt_words = cycle_words(salt) if salt else None
        left = right = 0
        targets = [self.p] + self.s
        for table in targets:
            for i in range(0, len(table), 2):
                if salt_words is not None:
                    left ^= next(salt_words)
                    right ^= next(salt_words)
                left, right = self.encipher(left, right)
                table[i], table[i + 1] = left, right


def cycle_words(data):
    """Yield big-endian 32-bit words read cyclically from ``data``, as bcrypt's stream2word."""
    position = 0
    while True:
        word = 0
        for _ in range(4):
            word = (word << 8) | data[position]
            position = (position + 1) % len(data)
        yield word


def eks_bcrypt(secret, salt, cost):
    """Return the full 60-byte ``$2a$`` bcrypt string for ``secret`` (bytes) and a 22-char ``salt``."""
    key = (secret + b"\0")[:MAX_KEY_BYTES]
    salt_bytes = bcrypt_b64decode(salt)
    state = EksBlowfish()
    state.expand(key, salt_bytes)
    for _ in range(1 << cost):
        state.expand(key)
        state.expand(salt_bytes)

    words = [int.from_bytes(MAGIC_TEXT[i:i + 4], "big") for i in range(0, len(MAGIC_TEXT), 4)]
    for _ in range(64):
        for i in range(0, len(words), 2):
            words[i], words[i + 1] = state.encipher(words[i], words[i + 1])
    digest = b"".join(word.to_bytes(4, "big") for word in words)[:23]
    canonical_salt = bcrypt_b64encode(salt_bytes)[:SALT_LENGTH]
    return b"$2a$%02d$%s%s" % (cost, canonical_salt, bcrypt_b64encode(digest))
