"""The result panel (words, colours, flash) and the per-outcome sounds."""

from __future__ import annotations

import wave
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, QUrl

from yinglou_desk.domain.palette import OUTCOME_COLOURS, STATE_COLOURS
from yinglou_desk.ui.scanning.feedback import (
    HEADLINE_POINT_SIZE,
    OUTCOMES,
    ScanResultPanel,
    ScanSounds,
    sounds_directory,
)


@pytest.fixture
def panel(qtbot):
    panel = ScanResultPanel(flash_ms=100)
    qtbot.addWidget(panel)
    panel.show()
    return panel


@pytest.mark.parametrize(
    ("outcome", "words"), [("accepted", "成功"), ("duplicate", "重复"), ("refused", "拒绝")]
)
def test_each_outcome_is_shown_in_words_and_its_colour(qtbot, panel, outcome, words):
    with qtbot.waitSignal(panel.shown, timeout=5000):
        panel.show_result(outcome, "100000000001", "已发往 金彩相册厂")
    assert words in panel.headline()
    assert "100000000001" in panel.headline()
    assert panel.message() == "已发往 金彩相册厂"
    steady = STATE_COLOURS[OUTCOME_COLOURS[outcome]][0]
    assert panel.flashing
    assert panel.background() != steady  # the flash is brighter
    assert panel.background().upper() in panel.styleSheet().upper()
    qtbot.waitUntil(lambda: not panel.flashing, timeout=5000)
    assert panel.background() == steady
    assert steady in panel.styleSheet()


def test_the_three_outcomes_have_three_colours(qtbot, panel):
    colours = set()
    for outcome in OUTCOMES:
        panel.show_result(outcome, "X", "")
        qtbot.waitUntil(lambda: not panel.flashing, timeout=5000)
        colours.add(panel.background())
    assert len(colours) == 3


def test_the_result_is_big_enough_to_read_from_two_metres(panel):
    headline = panel.findChild(object, "scanHeadline")
    assert headline.font().pointSize() == HEADLINE_POINT_SIZE >= 36
    assert headline.font().bold()


def test_an_unknown_outcome_is_a_bug(panel):
    with pytest.raises(ValueError, match="unknown outcome 'maybe'"):
        panel.show_result("maybe", "X", "")


def test_the_sound_files_exist_are_valid_and_differ():
    directory = sounds_directory()
    assert directory is not None
    contents = set()
    for outcome in OUTCOMES:
        path = directory / f"{outcome}.wav"
        with wave.open(str(path)) as wav:
            assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44100)
            assert 0.05 < wav.getnframes() / wav.getframerate() < 1.0  # short
            contents.add(wav.readframes(wav.getnframes()))
    assert len(contents) == 3


class FakeEffect:
    played: ClassVar[list[str]] = []

    def __init__(self, _parent: QObject) -> None:
        self.source = ""

    def setSource(self, url: QUrl) -> None:
        self.source = url.toLocalFile()

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def play(self) -> None:
        FakeEffect.played.append(self.source)


@pytest.fixture
def fake_effects():
    FakeEffect.played = []
    return FakeEffect


@pytest.mark.usefixtures("qapp")
def test_each_outcome_plays_its_own_sound(qtbot, fake_effects):
    sounds = ScanSounds(effect_factory=fake_effects, audio_available=lambda: True)
    for outcome in OUTCOMES:
        with qtbot.waitSignal(sounds.played, timeout=5000) as signal:
            assert sounds.play(outcome)
        assert signal.args == [outcome]
    assert [path.rsplit("/", 1)[-1] for path in fake_effects.played] == [
        "accepted.wav",
        "duplicate.wav",
        "refused.wav",
    ]


@pytest.mark.usefixtures("qapp")
def test_silence_is_a_setting(fake_effects):
    sounds = ScanSounds(silent=True, effect_factory=fake_effects, audio_available=lambda: True)
    assert not sounds.play("refused")
    sounds.silent = False
    assert sounds.play("refused")
    assert len(fake_effects.played) == 1


@pytest.mark.usefixtures("qapp")
def test_no_audio_device_means_no_sound_and_no_failure(fake_effects):
    sounds = ScanSounds(effect_factory=fake_effects, audio_available=lambda: False)
    assert not sounds.available
    assert not sounds.play("accepted")
    assert fake_effects.played == []


@pytest.mark.usefixtures("qapp")
# Forced to play where there is no device, Qt says it cannot: that is this test's machine.
@pytest.mark.qt_log_ignore(
    "^QSoundEffect: playback of this format is not supported on the selected audio device$"
)
def test_real_sound_effects_do_not_crash_on_a_machine_without_audio(qtbot):
    sounds = ScanSounds()  # the real QSoundEffect path, whatever this machine has
    for outcome in OUTCOMES:
        sounds.play(outcome)
    forced = ScanSounds(audio_available=lambda: True)  # even if Qt thinks there is a device
    assert forced.available
    for outcome in OUTCOMES:
        assert forced.play(outcome)
    qtbot.wait(300)
