"""Reading and cleaning legacy API parameters as VICIdial's PHP does."""
import pytest
from django.test import RequestFactory

from recordings.api_params import ARRAY, clean_params, merged_params, parse_pairs, php_name
from recordings.cleaning import clean_login, keep_chars


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("agent_user", ("agent_user", False)),
        ("agent.user", ("agent_user", False)),
        ("agent user", ("agent_user", False)),
        (" user", ("user", False)),
        ("agent_user[]", ("agent_user", True)),
        ("agent_user[x]", ("agent_user", True)),
        ("agent[user", ("agent_user", False)),
        ("AGENT_USER", ("AGENT_USER", False)),
    ],
)
def test_php_name(raw, expected):
    assert php_name(raw) == expected


def test_last_repeated_value_wins():
    assert parse_pairs("user=a&user=b") == {"user": "b"}


def test_array_value_marked():
    assert parse_pairs("lead_id[]=1")["lead_id"] is ARRAY


def test_plus_decodes_to_space():
    assert parse_pairs("pass=12+34") == {"pass": "12 34"}


def test_invalid_utf8_kept_as_surrogates():
    assert parse_pairs("user=%FF66") == {"user": "\udcff66"}


def test_get_wins_over_post():
    request = RequestFactory().post("/?pass=get", "pass=post&user=u", content_type="application/x-www-form-urlencoded")
    assert merged_params(request) == {"pass": "get", "user": "u"}


def test_multipart_post_read():
    request = RequestFactory().post("/", {"user": "u", "pass": "p"})
    assert merged_params(request) == {"user": "u", "pass": "p"}


def test_json_post_ignored():
    request = RequestFactory().post("/", '{"user": "u"}', content_type="application/json")
    assert merged_params(request) == {}


def cleaned(query, non_latin=False):
    return clean_params(parse_pairs(query), non_latin=non_latin)


@pytest.mark.parametrize(
    ("field", "query", "expected"),
    [
        ("user", "user=66%2766", "6666"),
        ("password", "pass=1%202%3B3", "123"),
        ("password", "pass=p%40ss", "pss"),
        ("source", "source=t%24e_s-t", "test"),
        ("agent_user", "agent_user=10%0000", "1000"),
        ("agent_user", "agent_user=jos%C3%A9", "jos"),
        ("lead_id", "lead_id=0x10", "010"),
        ("lead_id", "lead_id=-5", "5"),
        ("date", "date=2024-03-01T00", "2024-03-0100"),
        ("uniqueid", "uniqueid=1709805600%27.1%25_0 0", "1709805600.1_0 0"),
        ("extension", "extension=SIP%2F1000", "SIP1000"),
        ("stage", "stage=csv%3B", "csv"),
        ("header", "header=YES%20", "YES"),
        ("duration", "duration=N-Y", "N-Y"),
        ("function", "function=recording%20lookup", "recording lookup"),
    ],
)
def test_latin_filters(field, query, expected):
    assert getattr(cleaned(query), field) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agent_user=jos%C3%A9", "josé"),
        ("agent_user=%E9%8C%B2%E9%9F%B3", "録音"),
        ("agent_user=jose%CC%81", "jose"),
        ("agent_user=%FF1000", ""),
        ("agent_user=%D9%A31", "1"),
    ],
)
def test_non_latin_filter(query, expected):
    assert cleaned(query, non_latin=True).agent_user == expected


def test_array_counts_as_empty():
    assert cleaned("agent_user[]=1000").agent_user == ""


def test_missing_counts_as_empty():
    assert cleaned("").source == ""


def test_search_echo():
    assert cleaned("user=u1&agent_user=a&lead_id=1&date=d&uniqueid=x").search_echo() == "u1|a|1||x"


def test_keep_chars_digits_only():
    assert keep_chars("a1-2", letters=False) == "12"


def test_clean_login_drops_quotes_and_spaces():
    assert clean_login("a'b c;d|e`f&g\"h\\i") == "abcdefghi"
