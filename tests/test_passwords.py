"""VICIdial's bcrypt hash part, checked against hashes VICIdial made and against the bcrypt package."""
import bcrypt
import pytest

from recordings import passwords

PASS_KEY = "K3yForOracle0001"
# (password, stored pass_hash) pairs VICIdial computed with pass_key K3yForOracle0001, cost 2.
KNOWN_HASHES = [
    ("1234", "0wFw3zLzSUtSUXbNW.WnTIsACAqC1fW"),
    ("Pass7x", "jhQrTtWajgKs8f2Hb7z4qKlhSopInc6"),
    ("pass6x", ".bvydClvEn9cT2EtdybXpSKnkhYaOLW"),
    ("passnr", "w11YWv9bWw43NafpYGyEfll8eScE4L."),
    ("passna", "bAKSeuEn.mKW0VEfUgcz8B5KT15CfSS"),
    ("passin", "dCi2f39Sraz58yE19avfER1w/oJcQ52"),
    ("passnf", "epQr1tX9crrFAs8rattDWtlPcAD6Cm6"),
    ("passao", "vcdDTFJ/bEdffp4sYTlOC/baEjD60.q"),
    ("lockpw", "eSZwJRgLN.k/fykkjXR2grHVLfFUfre"),
]


@pytest.mark.parametrize(("password", "stored"), KNOWN_HASHES)
def test_hash_matches_vicidial_at_cost_2(password, stored):
    assert passwords.vicidial_hash(password, PASS_KEY, 2) == stored


@pytest.mark.parametrize("cost", [4, 5])
@pytest.mark.parametrize("secret", [b"", b"a", b"1234", "contraseña".encode(), b"x" * 71, b"y" * 72, b"z" * 90])
def test_hash_matches_bcrypt_package(secret, cost):
    salt = passwords.salt_from_pass_key(PASS_KEY)
    expected = bcrypt.hashpw(secret[:72], b"$2a$%02d$%s" % (cost, salt))
    assert passwords.eks_bcrypt(secret[:72], salt, cost) == expected


@pytest.mark.parametrize("cost", [1, 3])
def test_low_costs_differ_from_cost_2(cost):
    assert passwords.vicidial_hash("1234", PASS_KEY, cost) not in (None, KNOWN_HASHES[0][1])


def test_sixteen_char_key_becomes_bcrypt_salt():
    assert passwords.salt_from_pass_key(PASS_KEY) == b"QxL3Pk7wR1HfW0vjKB.uKO"


def test_22_char_key_is_salt_as_is():
    assert passwords.salt_from_pass_key("abcdefghijklmnopqrstuu") == b"abcdefghijklmnopqrstuu"


def test_short_key_gives_no_hash():
    assert passwords.vicidial_hash("1234", "short", 2) is None


def test_cost_out_of_range_gives_no_hash():
    assert passwords.vicidial_hash("1234", PASS_KEY, 0) is None


def test_only_first_72_bytes_count():
    assert passwords.vicidial_hash("a" * 72 + "b", PASS_KEY, 4) == passwords.vicidial_hash("a" * 72 + "c", PASS_KEY, 4)


def test_empty_stored_hash_never_matches():
    assert passwords.password_matches("--help", "", PASS_KEY, 2) is False


def test_right_password_matches():
    assert passwords.password_matches("1234", "0wFw3zLzSUtSUXbNW.WnTIsACAqC1fW", PASS_KEY, 2) is True


def test_password_match_is_case_sensitive():
    assert passwords.password_matches("PASS7X", "jhQrTtWajgKs8f2Hb7z4qKlhSopInc6", PASS_KEY, 2) is False
