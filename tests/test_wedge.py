"""The keyboard-wedge recogniser as a pure state machine: timestamps in, decisions out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinglou_desk.devices.wedge import (
    ENTER,
    TAB,
    Release,
    ScanComplete,
    WedgeConfig,
    WedgeRecognizer,
)

SCANNER_GAP = 0.004  # a wedge scanner: a few ms a key
HUMAN_GAP = 0.180  # a quick typist: ~5 keys a second


def feed(rec: WedgeRecognizer, events: list[tuple[str, float]]) -> list:
    """Events are (text, at); "\\n" is Enter, "\\t" Tab, "" a non-text key."""
    actions = []
    for text, at in events:
        if text == "\n":
            actions += rec.terminator(ENTER, at, token=(text, at))
        elif text == "\t":
            actions += rec.terminator(TAB, at, token=(text, at))
        elif text == "":
            actions += rec.other_key(at, token=(text, at))
        else:
            actions += rec.key(text, at, token=(text, at))
    return actions


def typed(text: str, start: float, gap: float) -> list[tuple[str, float]]:
    return [(ch, start + i * gap) for i, ch in enumerate(text)]


def scans(actions: list) -> list[str]:
    return [a.code for a in actions if isinstance(a, ScanComplete)]


def released_text(actions: list) -> str:
    out = []
    for action in actions:
        if isinstance(action, Release):
            out += [
                k.text or {ENTER: "\n", TAB: "\t"}.get(k.terminator or "", "") for k in action.keys
            ]
    return "".join(out)


def test_a_scan_is_recognised_and_nothing_is_released():
    rec = WedgeRecognizer()
    actions = feed(rec, typed("100000000001\n", 10.0, SCANNER_GAP))
    assert scans(actions) == ["100000000001"]
    assert released_text(actions) == ""
    assert not rec.holding
    (scan,) = actions
    assert scan.raw == "100000000001"
    assert scan.keys[-1].terminator == ENTER
    assert len(scan.keys) == 13  # every keystroke accounted for, terminator last


def test_keys_are_held_until_they_cannot_be_a_scan_any_more():
    rec = WedgeRecognizer()
    assert rec.key("a", 1.0) == []  # keep buffering
    assert rec.holding
    assert rec.deadline() == pytest.approx(1.05)
    assert rec.poll(1.05) == []  # exactly at the limit it may still be a scan
    (release,) = rec.poll(1.051)
    assert [k.text for k in release.keys] == ["a"]
    assert rec.deadline() is None


def test_human_typing_is_released_unchanged_enter_included():
    rec = WedgeRecognizer()
    actions = feed(rec, typed("zhang\n", 0.0, HUMAN_GAP))
    assert scans(actions) == []
    assert released_text(actions) == "zhang\n"


def test_human_typing_with_polls_between_keys_comes_out_key_by_key():
    rec = WedgeRecognizer()
    out = []
    for text, at in typed("8000", 0.0, HUMAN_GAP):
        out += rec.key(text, at)
        out += rec.poll(at + 0.06)
    assert [[k.text for k in a.keys] for a in out] == [["8"], ["0"], ["0"], ["0"]]


def test_a_scan_interleaved_with_typing_is_caught_and_the_typing_kept():
    rec = WedgeRecognizer()
    events = typed("13", 0.0, HUMAN_GAP)
    events += typed("100000000002\n", 1.0, SCANNER_GAP)
    events += typed("88", 2.0, HUMAN_GAP)
    actions = feed(rec, events) + rec.poll(5.0)
    assert scans(actions) == ["100000000002"]
    assert released_text(actions) == "1388"
    # the typing before the scan was released before the scan was reported
    kinds = [type(a).__name__ for a in actions]
    assert kinds.index("ScanComplete") > kinds.index("Release")


def test_a_typed_key_right_before_a_scan_is_not_glued_onto_it():
    rec = WedgeRecognizer()
    events = [("x", 0.0), *typed("ABC123\n", 0.2, SCANNER_GAP)]
    actions = feed(rec, events)
    assert scans(actions) == ["ABC123"]
    assert released_text(actions) == "x"


def test_full_width_input_from_an_input_method_is_folded_to_ascii():
    rec = WedgeRecognizer()
    actions = feed(rec, typed("ａｂ１２３－９\n", 0.0, SCANNER_GAP))
    assert scans(actions) == ["AB123-9"]
    assert actions[0].raw == "ａｂ１２３－９"


def test_an_input_method_commit_string_counts_as_one_fast_keystroke():
    rec = WedgeRecognizer()
    actions = rec.key("１２３４５６", 0.0) + rec.terminator(ENTER, 0.01)
    assert scans(actions) == ["123456"]


def test_lower_case_and_surrounding_spaces_are_folded():
    rec = WedgeRecognizer()
    assert scans(feed(rec, typed(" sb-abc \n", 0.0, SCANNER_GAP))) == ["SB-ABC"]


def test_tab_terminates_a_scan():
    rec = WedgeRecognizer()
    actions = feed(rec, typed("100000000003\t", 0.0, SCANNER_GAP))
    assert scans(actions) == ["100000000003"]
    assert actions[0].keys[-1].terminator == TAB


def test_tab_is_plain_typing_when_not_configured_as_terminator():
    rec = WedgeRecognizer(WedgeConfig(terminators=frozenset({ENTER})))
    actions = feed(rec, typed("100000000003\t", 0.0, SCANNER_GAP))
    assert scans(actions) == []
    assert released_text(actions) == "100000000003\t"


def test_a_lone_enter_passes_through():
    rec = WedgeRecognizer()
    (action,) = rec.terminator(ENTER, 3.0)
    assert isinstance(action, Release)
    assert action.keys[0].terminator == ENTER


@pytest.mark.parametrize("burst", ["1\n", "12\n"])
def test_too_short_bursts_are_typing(burst):
    rec = WedgeRecognizer()
    actions = feed(rec, typed(burst, 0.0, SCANNER_GAP))
    assert scans(actions) == []
    assert released_text(actions) == burst


def test_min_length_is_configurable():
    rec = WedgeRecognizer(WedgeConfig(min_length=2))
    assert scans(feed(rec, typed("12\n", 0.0, SCANNER_GAP))) == ["12"]


def test_a_slow_key_in_the_middle_splits_the_burst_into_typing():
    rec = WedgeRecognizer()
    events = typed("10000", 0.0, SCANNER_GAP) + typed("0000001\n", 0.3, SCANNER_GAP)
    actions = feed(rec, events)
    # the part before the pause was typing; the rest is a complete burst of its own
    assert released_text(actions) == "10000"
    assert scans(actions) == ["0000001"]


def test_an_enter_after_a_pause_is_not_a_scan():
    rec = WedgeRecognizer()
    actions = feed(rec, [*typed("100000000004", 0.0, SCANNER_GAP), ("\n", 0.5)])
    assert scans(actions) == []
    assert released_text(actions) == "100000000004\n"


def test_max_gap_is_configurable():
    slow_scanner = typed("100000000005\n", 0.0, 0.08)
    assert scans(feed(WedgeRecognizer(), slow_scanner)) == []
    assert scans(feed(WedgeRecognizer(WedgeConfig(max_gap_s=0.1)), slow_scanner)) == [
        "100000000005"
    ]


def test_prefix_and_suffix_are_stripped():
    rec = WedgeRecognizer(WedgeConfig(prefix="]C1", suffix="#"))
    assert scans(feed(rec, typed("]C1100000000006#\n", 0.0, SCANNER_GAP))) == ["100000000006"]
    # without the affixes the code still comes through
    assert scans(feed(rec, typed("100000000007\n", 1.0, SCANNER_GAP))) == ["100000000007"]


def test_min_length_counts_the_code_not_the_prefix():
    rec = WedgeRecognizer(WedgeConfig(prefix="~~"))
    assert scans(feed(rec, typed("~~12\n", 0.0, SCANNER_GAP))) == []


def test_a_non_text_key_releases_what_was_held_then_itself():
    rec = WedgeRecognizer()
    actions = rec.key("a", 0.0) + rec.key("b", 0.01) + rec.other_key(0.02, token="left")
    assert [[k.text for k in a.keys] for a in actions] == [["a", "b"], [""]]
    assert actions[1].keys[0].token == "left"


def test_a_key_held_down_is_typing_not_a_scan():
    rec = WedgeRecognizer(WedgeConfig(max_length=10))
    actions = feed(rec, typed("a" * 11, 0.0, 0.03))
    assert released_text(actions) == "a" * 11


def test_flush_gives_everything_back():
    rec = WedgeRecognizer()
    rec.key("4", 0.0)
    rec.key("2", 0.001)
    (release,) = rec.flush()
    assert "".join(k.text for k in release.keys) == "42"
    assert rec.flush() == []


def test_a_burst_that_cannot_be_a_code_is_still_reported_for_the_log():
    rec = WedgeRecognizer()
    (scan,) = feed(rec, typed("张小梅\n", 0.0, SCANNER_GAP))
    assert isinstance(scan, ScanComplete)
    assert scan.code == "张小梅"  # the service refuses it, and logs it


def test_bad_config_is_refused():
    with pytest.raises(ValueError, match="未知的结束键：space") as refused:
        WedgeConfig(terminators=frozenset({"space"}))
    assert refused.value.key == "devices.wedge.ends"
    with pytest.raises(ValueError, match="按键最大间隔须大于 0 毫秒") as refused:
        WedgeConfig(max_gap_s=0)
    assert refused.value.key == "devices.wedge.gap"


_KEY = st.sampled_from(["a", "1", "Ｚ", "\n", "\t", ""])


@given(st.lists(st.tuples(_KEY, st.floats(0.0, 0.3)), max_size=60))
def test_every_keystroke_comes_out_exactly_once_and_in_order(steps):
    rec = WedgeRecognizer()
    at = 0.0
    events = []
    for text, gap in steps:
        at += gap
        events.append((text, at))
    actions = feed(rec, events) + rec.flush()
    seen = [k.token for action in actions for k in action.keys]
    assert seen == events


def test_a_pcs_scanner_settings() -> None:
    from yinglou_desk.devices.wedge import ENTER, TAB, WedgeConfig

    config = WedgeConfig.parse("gap_ms=80, min=5, end=tab, prefix=]C1, suffix=#")
    assert (config.max_gap_s, config.min_length, config.terminators) == (0.08, 5, frozenset({TAB}))
    assert (config.prefix, config.suffix) == ("]C1", "#")
    assert WedgeConfig.parse("") == WedgeConfig()
    assert WedgeConfig.parse("end=enter+tab").terminators == frozenset({ENTER, TAB})
    for bad, reason in (
        ("gap_ms=fast", "扫描枪设置无效：gap_ms=fast"),
        ("colour=red", "扫描枪设置无效：colour=red"),
        ("end=space", "未知的结束键：space"),
        ("min=0", "条码最少字符须至少为 1"),
    ):
        with pytest.raises(ValueError, match=reason):
            WedgeConfig.parse(bad)
