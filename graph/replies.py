"""The agent's words: empathetic templates filled only with facts from the state.

Every sentence that carries a fact takes it from the internal systems (via the
state), so a reply can never state a status, date or amount the systems do
not hold. Phrasing is stable on purpose: a customer simulator and the
evaluation read these replies as a customer would.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from graph.state import CustomerInfo, GiftCardInfo, OfferInfo, PackageInfo

__all__ = [
    "ask_for_email",
    "ask_which_item",
    "closing",
    "confirm_gift_card",
    "escalated",
    "format_date",
    "format_money",
    "identity_escalated",
    "locked_account",
    "offer_terms",
    "reask_offer",
    "safe_reply",
    "status_reminder",
    "status_report",
    "unknown_email",
    "urgent_not_delayed",
    "what_else",
]


def format_date(iso: str) -> str:
    """Render an ISO date as the customer reads it: 'November 28, 2026'."""
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def format_money(amount: str | Decimal) -> str:
    """Render a decimal amount in dollars: '$12.50'."""
    return f"${Decimal(amount):.2f}"


def _items(package: PackageInfo) -> str:
    names = [item["name"] for item in package["items"]]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def ask_for_email(*, first_turn: bool) -> str:
    """Ask for the registered email before anything else is said."""
    opening = (
        "Hello, and thank you for reaching out. I'm sorry your package is "
        "causing you trouble; I'll look into it right away. "
        if first_turn
        else "I'll be glad to check on your package. "
    )
    return (
        opening + "To find your order, could you please share the email address "
        "registered on your account?"
    )


def unknown_email(attempts_left: int) -> str:
    """Say an email matched no account, without hinting at any other account."""
    tries = "one more try" if attempts_left == 1 else f"{attempts_left} more tries"
    return (
        "I'm sorry, I couldn't find an account with that email address. Could you "
        "please check it and send the email address registered on your account? "
        f"(You have {tries}.)"
    )


def identity_escalated(reference: str) -> str:
    """Hand over after too many unknown emails."""
    return (
        "I'm sorry, I still couldn't find an account with that email address. "
        "I've asked a human representative to help you verify your account "
        f"(reference {reference}); they will take over this conversation shortly."
    )


def locked_account(reference: str) -> str:
    """Hand over a locked account without discussing it."""
    return (
        "Thank you. I'm sorry, but I'm not able to help with this account here. "
        "I've asked a human representative to help you "
        f"(reference {reference}); they will take over this conversation shortly."
    )


def ask_which_item(
    customer: CustomerInfo, packages: Sequence[PackageInfo], *, retry: bool
) -> str:
    """Ask which of the verified customer's items the conversation is about."""
    listing = "; ".join(
        f"{item['name']} (item {item['item_number']})"
        for package in packages
        for item in package["items"]
    )
    if retry:
        return (
            "I'm sorry, I couldn't match that to an item on your orders. Which "
            f"item is your message about? Your items are: {listing}."
        )
    return (
        f"Thank you, {_first_name(customer)}, I've found your account. Your orders "
        f"have several packages. Which item is your message about? Your items are: "
        f"{listing}."
    )


def _first_name(customer: CustomerInfo) -> str:
    return customer["name"].split()[0]


def status_report(
    customer: CustomerInfo, package: PackageInfo, *, delayed: bool, greet: bool
) -> str:
    """Tell the latest tracking status, apologising when the package is late."""
    opening = f"Thank you, {_first_name(customer)}. " if greet else ""
    subject = (
        f"Your package with the {_items(package)} ({package['carrier']}, "
        f"tracking number {package['tracking_number']})"
    )
    promised = format_date(package["promised_date"])
    status = package["tracking_status"]

    if status == "Delivered" and package["delivered_on"]:
        return (
            f"{opening}{subject} was delivered on "
            f"{format_date(package['delivered_on'])}, according to our tracking."
        )
    sentence = {
        "Label Created": "has a shipping label, but the carrier hasn't "
        "picked it up yet",
        "In Transit": "is in transit with the carrier",
        "Out for Delivery": "is out for delivery",
        "Exception": "has a delivery exception reported by the carrier",
    }.get(status, f"has the status '{status}'")
    text = f"{opening}{subject} {sentence}. "
    if delayed:
        text += (
            f"It was promised for {promised}, so it is running late, and I'm "
            "truly sorry for the delay. "
        )
    else:
        text += f"It is promised for {promised}. "
    return text + _estimate(package)


def _estimate(package: PackageInfo) -> str:
    if package["estimated_delivery"]:
        return (
            "The carrier's current delivery estimate is "
            f"{format_date(package['estimated_delivery'])}."
        )
    return (
        "The carrier hasn't given us a new delivery estimate, so I can't promise "
        "a date, but I'll be glad to help however I can."
    )


def what_else() -> str:
    """Invite the customer to continue."""
    return "Is there anything else I can help you with?"


def urgent_not_delayed(package: PackageInfo, occasion: str | None) -> str:
    """Acknowledge importance when the package is still on time (no offer)."""
    reason = f" for the {occasion}" if occasion else ""
    return (
        f"I completely understand how important this package is to you{reason}. "
        "It is still on schedule for its promised date of "
        f"{format_date(package['promised_date'])}, and I'm sorry for the worry."
    )


def offer_terms(offer: OfferInfo, occasion: str | None) -> str:
    """State the gift-card offer with its terms and ask for an answer."""
    reason = f" for the {occasion}" if occasion else ""
    return (
        f"I understand how much this package matters to you{reason}, and I'm sorry "
        f"it's late. As an apology, I can offer you a gift card worth "
        f"{format_money(offer['amount'])}, the shipping cost of this package. The "
        "gift card is sent to your registered email address; it does not change "
        "the delivery of your package, which stays on its way. Would you like to "
        "accept it? Please reply yes to accept or no to decline."
    )


def reask_offer(offer: OfferInfo) -> str:
    """Ask again for a clear answer to the offer."""
    return (
        "Just to confirm: would you like to accept the gift card worth "
        f"{format_money(offer['amount'])}? Please reply yes to accept or no to "
        "decline."
    )


def confirm_gift_card(card: GiftCardInfo, *, again: bool) -> str:
    """Confirm an issued gift card with its code and amount."""
    if again:
        return (
            f"Your gift card {card['code']} worth {format_money(card['amount'])} "
            "has already been issued to your registered email address. "
            + what_else()
        )
    return (
        f"Thank you. I've issued your gift card {card['code']} worth "
        f"{format_money(card['amount'])}; it has been sent to your registered email "
        "address. Your package stays on its way, and I'm sorry again for the "
        "delay. " + what_else()
    )


def escalated(reference: str) -> str:
    """Hand the conversation to a human representative."""
    return (
        "I'm sorry I couldn't resolve this for you. I've escalated your case to a "
        f"human representative (reference {reference}), who will take over this "
        "conversation shortly."
    )


def closing() -> str:
    """Close politely when the customer thanks or says goodbye."""
    return "You're very welcome. Thank you for your patience, and have a good day."


def safe_reply(package: PackageInfo | None) -> str:
    """A reply that states nothing the guard could reject."""
    if package is None:
        return (
            "I'm sorry, I want to make sure I give you accurate information. Could "
            "you tell me a little more about how I can help?"
        )
    return (
        f"I'm sorry, I want to make sure I give you accurate information. Your "
        f"package's latest tracking status is '{package['tracking_status']}'. "
        + what_else()
    )


def status_reminder(package: PackageInfo, *, delayed: bool) -> str:
    """Restate what the systems know, for a customer asking again."""
    apology = "I'm sorry again for the delay. " if delayed else ""
    status = f"{apology}The latest tracking status is '{package['tracking_status']}'."
    if package["tracking_status"] == "Delivered":
        return status
    return f"{status} {_estimate(package)}"
