"""Shareable links: the encoding of settings in the URL (the behaviour is in tests/browser/test_classroom.py,
as AppTest runs a switched-to page without the router that reads links)."""

from pages.widgets.links import as_setting, decode, encode


def test_values_round_trip_through_the_url():
    settings = {"a": 1, "b": 0.25, "c": "same", "d": True, "e": ["x1", "x2"], "f": (0.1, 0.9)}
    assert decode(encode(settings)) == settings


def test_anything_but_plain_values_is_ignored():
    assert decode({"g": "not json", "h": '{"a": 1}', "i": "[1, [2]]", "j": '"' + "x" * 400 + '"'}) == {}


def test_a_pair_of_numbers_is_a_range_and_other_lists_stay_lists():
    assert as_setting([1, 2]) == (1, 2)
    assert as_setting(["x1", "x2"]) == ["x1", "x2"]
    assert as_setting([True, False]) == [True, False]
