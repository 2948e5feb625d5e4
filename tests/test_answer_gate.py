"""The gate that keeps desk input in order while answers are on their way (no Qt needed)."""

from __future__ import annotations

from yinglou_desk.ui.scanning.answer_gate import AnswerGate


def test_actions_wait_for_every_answer_and_keep_their_order() -> None:
    gate, done = AnswerGate(), []
    gate.after(lambda: done.append("now"))  # nothing in flight: at once
    gate.expect()
    gate.expect()
    gate.after(lambda: done.append("first"))
    gate.after(lambda: done.append("second"))
    gate.answered()
    assert done == ["now"]
    gate.answered()
    assert done == ["now", "first", "second"]
    gate.answered()  # an answer nobody counted (a password login) changes nothing
    gate.after(lambda: done.append("later"))
    assert done[-1] == "later"


def test_an_action_that_asks_again_holds_the_ones_behind_it() -> None:
    gate, done = AnswerGate(), []
    gate.expect()  # a badge is being checked
    gate.after(lambda: (done.append("second badge"), gate.expect()))
    gate.after(lambda: done.append("label"))
    gate.answered()
    assert done == ["second badge"]  # the label waits for the second badge too
    gate.answered()
    assert done == ["second badge", "label"]
