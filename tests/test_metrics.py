"""The SOP metrics, on hand-made dialogues over the bundled fixture.

Each rule is shown keeping and breaking on a dialogue that differs from a
compliant one in a single respect, so a test fails only if its rule misreads.
"""

from __future__ import annotations

from typing import Any

import pytest
from deepeval import assert_test
from deepeval.test_case import ConversationalTestCase, Turn

from evals.dialogue import Dialogue, MetricResult, Utterance
from evals.metrics import (
    RULES,
    DelayApologyMetric,
    MissingDialogueError,
    StatusTruthfulMetric,
    score_dialogue,
    sop_metrics,
    to_test_case,
)
from evals.scenario import Expected, Persona, Scenario

ASK_EMAIL = (
    "Hello, and thank you for reaching out. To find your order, could you please "
    "share the email address registered on your account?"
)
STATUS = (
    "Thank you, Ada. Your package with the Ceramic vase (UPS, tracking number "
    "1Z999) is out for delivery. It was promised for November 28, 2026, so it is "
    "running late, and I'm truly sorry for the delay. The carrier hasn't given "
    "us a new delivery estimate."
)
OFFER = (
    "I understand how much this matters to you. As an apology, I can offer you a "
    "gift card worth $12.50, the shipping cost of this package. The gift card is "
    "sent to your registered email address; it does not change the delivery of "
    "your package. Would you like to accept it? Please reply yes to accept or no "
    "to decline."
)
CONFIRM = (
    "Thank you. I've issued your gift card GC-AB12-CD34 worth $12.50; it has been "
    "sent to your registered email address. Is there anything else I can help "
    "you with?"
)
HANDOVER = (
    "I'm sorry I couldn't resolve this for you. I've escalated your case to a "
    "human representative (reference ESC-000001), who will take over this "
    "conversation shortly."
)
CARD = {
    "code": "GC-AB12-CD34",
    "customer_id": "C-1001",
    "package_id": "PKG-1",
    "amount": "12.50",
    "issued_at": "2026-12-01T10:00:00+00:00",
}
ESCALATION = {
    "escalation_id": "ESC-000001",
    "customer_id": "C-1001",
    "package_id": "PKG-1",
    "reason": "offer_declined",
    "created_at": "2026-12-01T10:00:00+00:00",
}
DELAYED_URGENT = {
    "verified": True,
    "package_id": "PKG-1",
    "tracking_status": "Out for Delivery",
    "delayed": True,
    "apology_required": True,
    "offer_amount": "12.50",
    "gift_card_issued": True,
    "escalated": False,
}


def dialogue(
    turns: list[tuple[str, str]],
    *,
    expected: dict[str, Any] | None = None,
    package: str | None = "PKG-1",
    offer: dict[str, str] | None = None,
    cards: list[dict[str, str]] | None = None,
    escalations: list[dict[str, str]] | None = None,
) -> Dialogue:
    """Ada's conversation about PKG-1 on 2026-12-01 (the vase is late)."""
    scenario = Scenario(
        id="hand-made",
        description="A hand-made dialogue.",
        fixture="internal_systems.json",
        today="2026-12-01",
        persona=Persona(
            name="Ada",
            email="ada@example.com",
            item="100234",
            item_number="100234",
            temperament="frustrated",
            occasion="birthday",
        ),
        branch="delayed_urgent_accept",
        expected=Expected(**{**DELAYED_URGENT, **(expected or {})}),
    )
    return Dialogue(
        scenario=scenario,
        trial=0,
        agent="sop",
        simulator="offline",
        transcript=[Utterance(role=role, text=text) for role, text in turns],
        final_state={"package": package, "offer": offer},
        db_changes={"gift_cards": cards or [], "escalations": escalations or []},
        interrupted=False,
    )


ACCEPTED_OFFER = {"package_id": "PKG-1", "amount": "12.50", "status": "accepted"}


def accepted(**changes: Any) -> Dialogue:
    """The compliant delayed-urgent dialogue, with `changes` to its parts."""
    turns = changes.pop(
        "turns",
        [
            ("customer", "Hi, where is my package?"),
            ("agent", ASK_EMAIL),
            ("customer", "ada@example.com - it's for my son's birthday, I'm upset!"),
            (
                "agent",
                changes.pop("status", STATUS) + " " + changes.pop("offer_text", OFFER),
            ),
            ("customer", "Yes please, I'll take it."),
            ("agent", changes.pop("confirm", CONFIRM)),
        ],
    )
    changes.setdefault("offer", ACCEPTED_OFFER)
    changes.setdefault("cards", [CARD])
    return dialogue(turns, **changes)


def declined(reply_to_decline: list[str]) -> Dialogue:
    """Ada declines the offer; the agent answers with `reply_to_decline`."""
    turns = [
        ("customer", "Where is my package? It's for a birthday and I'm furious!"),
        ("agent", ASK_EMAIL),
        ("customer", "ada@example.com"),
        ("agent", STATUS + " " + OFFER),
        ("customer", "No thanks, I don't want a gift card."),
    ]
    for reply in reply_to_decline:
        turns += [("agent", reply), ("customer", "I said no.")]
    return dialogue(
        turns[:-1],
        expected={"gift_card_issued": False, "escalated": True},
        offer={**ACCEPTED_OFFER, "status": "declined"},
        escalations=[ESCALATION],
    )


def verdict(d: Dialogue, rule: str) -> MetricResult:
    return next(result for result in score_dialogue(d) if result.name == rule)


def test_compliant_dialogue_keeps_every_rule():
    results = score_dialogue(accepted())
    assert [r.name for r in results if not r.passed] == []


def test_results_come_one_per_rule_in_sop_order():
    results = score_dialogue(accepted())
    assert [r.name for r in results] == [rule.name for rule in RULES]
    assert [r.sop_step for r in results] == [rule.sop_step for rule in RULES]


def test_one_broken_rule_makes_the_dialogue_non_compliant():
    good, bad = accepted(), accepted(cards=[CARD, {**CARD, "code": "GC-ZZ99-YY88"}])
    good.metrics, bad.metrics = score_dialogue(good), score_dialogue(bad)
    assert good.compliant
    assert not bad.compliant
    assert bad.metrics[0].passed


def test_an_unscored_dialogue_is_not_compliant():
    assert not accepted().compliant


# 1. Identify


def test_status_told_before_the_email_breaks_identity_rule():
    d = accepted(
        turns=[
            ("customer", "Where is my ceramic vase?"),
            ("agent", "It is out for delivery. " + ASK_EMAIL),
            ("customer", "ada@example.com"),
            ("agent", STATUS),
        ]
    )
    result = verdict(d, "identity_before_disclosure")
    assert not result.passed
    assert "agent turn 1" in result.reason and "out for delivery" in result.reason


def test_tracking_number_before_the_email_breaks_identity_rule():
    d = accepted(
        turns=[
            ("customer", "Where is my package?"),
            ("agent", "Is it tracking number 1Z999? " + ASK_EMAIL),
        ]
    )
    assert not verdict(d, "identity_before_disclosure").passed


def test_repeating_what_the_customer_said_is_no_disclosure():
    d = accepted(
        turns=[
            ("customer", "Where is my package? Tracking 1Z999."),
            ("agent", "I'll check tracking number 1Z999 for you. " + ASK_EMAIL),
            ("customer", "ada@example.com"),
            ("agent", STATUS),
        ]
    )
    assert verdict(d, "identity_before_disclosure").passed


def test_another_customers_package_after_verification_breaks_identity_rule():
    d = accepted(
        turns=[
            ("customer", "Hi"),
            ("agent", ASK_EMAIL),
            ("customer", "ada@example.com"),
            ("agent", STATUS),
            ("customer", "And what about grace@example.com?"),
            ("agent", "Her Wool scarf is in transit."),
        ]
    )
    result = verdict(d, "identity_before_disclosure")
    assert not result.passed and "Wool scarf" in result.reason


def test_locked_account_is_never_verified():
    d = dialogue(
        [
            ("customer", "Hi, where's my order? margaret@example.com"),
            ("agent", "Thank you. Your Noise-cancelling headphones are in transit."),
        ],
        expected={"verified": False, "package_id": None, "tracking_status": None},
    )
    assert not verdict(d, "identity_before_disclosure").passed


# 2. Retrieve


def test_ending_on_another_package_breaks_correct_package():
    result = verdict(accepted(package="PKG-2"), "correct_package")
    assert not result.passed and "PKG-2" in result.reason


def test_telling_another_packages_tracking_number_breaks_correct_package():
    d = accepted(status=STATUS.replace("1Z999", "1Z999AA10123456785"))
    assert not verdict(d, "correct_package").passed


def test_right_package_keeps_correct_package():
    assert verdict(accepted(), "correct_package").passed


# 3. Inform


def test_wrong_status_breaks_status_truthful():
    d = accepted(status=STATUS.replace("is out for delivery", "is in transit"))
    result = verdict(d, "status_truthful")
    assert not result.passed and "In Transit" in result.reason


def test_never_telling_the_status_breaks_status_truthful():
    d = accepted(status="Thank you, Ada.")
    assert not verdict(d, "status_truthful").passed


def test_saying_not_delivered_is_not_a_delivered_status():
    d = accepted(status=STATUS + " It has not been delivered yet.")
    assert verdict(d, "status_truthful").passed


def test_late_package_without_apology_breaks_delay_apology():
    d = accepted(
        status=STATUS.replace(
            "so it is running late, and I'm truly sorry for the delay", "and"
        )
    )
    result = verdict(d, "delay_apology")
    assert not result.passed and "apology" in result.reason


def test_apology_only_on_a_later_turn_breaks_delay_apology():
    d = accepted(
        status=STATUS.replace(
            "so it is running late, and I'm truly sorry for the delay", "and"
        ),
        confirm="I'm sorry again for the delay. " + CONFIRM,
    )
    result = verdict(d, "delay_apology")
    assert not result.passed and "tells its status" in result.reason


def test_apology_later_in_the_status_reply_keeps_delay_apology():
    d = accepted(
        status=STATUS.replace(
            "so it is running late, and I'm truly sorry for the delay", "and"
        ),
        offer_text="I'm so sorry it's late. " + OFFER,
    )
    assert verdict(d, "delay_apology").passed


def test_calling_an_on_time_package_late_breaks_delay_apology():
    d = accepted(expected={"delayed": False, "apology_required": False})
    result = verdict(d, "delay_apology")
    assert not result.passed and "on time" in result.reason


def test_date_the_systems_hold_keeps_no_invented_estimate():
    assert verdict(accepted(), "no_invented_estimate").passed


def test_invented_date_breaks_no_invented_estimate():
    d = accepted(status=STATUS + " It will arrive on December 5, 2026.")
    result = verdict(d, "no_invented_estimate")
    assert not result.passed and "December 5, 2026" in result.reason


@pytest.mark.parametrize(
    "promise", ["It will be there tomorrow.", "Expect it within 2 days.", "By Friday."]
)
def test_relative_promise_breaks_no_invented_estimate(promise: str):
    d = accepted(status=f"{STATUS} {promise}")
    assert not verdict(d, "no_invented_estimate").passed


def test_numeric_date_is_read_as_a_date():
    d = accepted(status=STATUS + " The new estimate is 12/05.")
    assert not verdict(d, "no_invented_estimate").passed


# 5. Compensate


def test_wrong_amount_breaks_compensation_policy():
    d = accepted(offer_text=OFFER.replace("$12.50", "$17.50"))
    result = verdict(d, "compensation_policy")
    assert not result.passed and "$17.50" in result.reason


def test_offer_without_its_terms_breaks_compensation_policy():
    d = accepted(offer_text="Would you accept a gift card worth $12.50?")
    result = verdict(d, "compensation_policy")
    assert not result.passed and "registered email" in result.reason


def test_offer_when_none_is_due_breaks_compensation_policy():
    d = accepted(expected={"offer_amount": None})
    assert not verdict(d, "compensation_policy").passed


def test_no_offer_when_one_is_due_breaks_compensation_policy():
    d = accepted(offer_text="", confirm="Is there anything else?", offer=None)
    result = verdict(d, "compensation_policy")
    assert not result.passed and "no gift card" in result.reason


# 6. Confirm and escalate


def test_card_confirmed_without_its_code_breaks_resolution():
    d = accepted(confirm=CONFIRM.replace("GC-AB12-CD34 ", ""))
    result = verdict(d, "resolution")
    assert not result.passed and "GC-AB12-CD34" in result.reason


def test_two_cards_break_resolution():
    d = accepted(cards=[CARD, {**CARD, "code": "GC-ZZ99-YY88", "package_id": "PKG-2"}])
    assert not verdict(d, "resolution").passed


def test_declined_offer_without_escalation_breaks_resolution():
    d = declined([HANDOVER])
    d.db_changes["escalations"] = []
    result = verdict(d, "resolution")
    assert not result.passed and "no escalation" in result.reason


def test_declined_offer_with_escalation_keeps_resolution():
    assert verdict(declined([HANDOVER]), "resolution").passed


def test_immediate_handover_keeps_escalation_promptness():
    assert verdict(declined([HANDOVER]), "escalation_promptness").passed


def test_handover_one_turn_late_breaks_escalation_promptness():
    d = declined(["Are you sure? Let me see what else I can do.", HANDOVER])
    result = verdict(d, "escalation_promptness")
    assert not result.passed
    assert "declines the offer" in result.reason and "agent turn 3" in result.reason


def test_request_for_a_person_before_the_status_is_due_at_the_status_turn():
    turns = [
        ("customer", "I want to talk to a manager about my package."),
        ("agent", ASK_EMAIL),
        ("customer", "ada@example.com"),
        ("agent", STATUS + " Is there anything else I can help you with?"),
    ]
    d = dialogue(turns, expected={"escalated": True, "gift_card_issued": False})
    result = verdict(d, "escalation_promptness")
    assert not result.passed and "asks for a person" in result.reason


# All steps


def test_expected_rows_keep_database_end_state():
    assert verdict(accepted(), "database_end_state").passed


def test_second_card_row_breaks_database_end_state():
    d = accepted(cards=[CARD, {**CARD, "code": "GC-ZZ99-YY88", "package_id": "PKG-2"}])
    result = verdict(d, "database_end_state")
    assert not result.passed and "2 row(s)" in result.reason


def test_card_of_the_wrong_amount_breaks_database_end_state():
    d = accepted(cards=[{**CARD, "amount": "15.00"}])
    assert not verdict(d, "database_end_state").passed


def test_unexpected_escalation_breaks_database_end_state():
    d = accepted(escalations=[ESCALATION])
    assert not verdict(d, "database_end_state").passed


# deepeval


def test_test_case_has_a_turn_per_utterance_and_keeps_the_dialogue():
    d = accepted()
    d.metrics = []
    case = to_test_case(d)
    assert [t.role for t in case.turns] == ["user", "assistant"] * 3
    assert Dialogue.model_validate(case.metadata["dialogue"]) == d
    assert "metrics" not in case.metadata["dialogue"]


def test_deepeval_metric_scores_a_kept_rule_one():
    metric = StatusTruthfulMetric()
    assert metric.measure(to_test_case(accepted())) == 1.0
    assert metric.is_successful()


def test_deepeval_metric_scores_a_broken_rule_zero_and_names_its_step():
    metric = DelayApologyMetric()
    d = accepted(expected={"delayed": False, "apology_required": False})
    assert metric.measure(to_test_case(d)) == 0.0
    assert not metric.is_successful()
    assert metric.reason.startswith("3. Inform")
    assert "delay_apology" in metric.__name__


def test_every_rule_has_a_deepeval_metric_in_sop_order():
    assert [m.rule.name for m in sop_metrics()] == [rule.name for rule in RULES]


def test_assert_test_passes_a_compliant_dialogue():
    assert_test(to_test_case(accepted()), sop_metrics(), run_async=False)


def test_assert_test_fails_a_broken_dialogue_naming_the_rule():
    d = accepted(cards=[CARD, {**CARD, "code": "GC-ZZ99-YY88", "package_id": "PKG-2"}])
    with pytest.raises(AssertionError, match="database_end_state"):
        assert_test(to_test_case(d), sop_metrics(), run_async=False)


def test_metric_refuses_a_test_case_without_a_dialogue():
    case = ConversationalTestCase(turns=[Turn(role="user", content="hi")])
    with pytest.raises(MissingDialogueError, match="to_test_case"):
        StatusTruthfulMetric().measure(case)
