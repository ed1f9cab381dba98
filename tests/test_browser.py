"""Both web pages in headless Chromium, against the real backend process.

A customer chats until the agent escalates; a representative answers from the
agent page; the customer sees the answer. Screenshots of each step go to
artifacts/screenshots/. Uses Playwright for Python driving Debian's
/usr/bin/chromium (Playwright's own browser downloads are never used).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dpa._process import BackendProcess
from tools import BUNDLED_FIXTURE, seed_database

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 15_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium "
        "(apt-get install chromium)",
    ),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="needs Playwright for Python (pip install playwright)"
)
expect = sync_api.expect


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("backend")
    db = folder / "systems.sqlite"
    seed_database(BUNDLED_FIXTURE, db)
    env = {
        "DPA_DB": str(db),
        "DPA_CHECKPOINT_DB": str(folder / "checkpoints.sqlite"),
        "DPA_DATA_DIR": str(folder),
        "DPA_TODAY": "2026-12-01",
        "DPA_MODEL": "offline",
    }
    with BackendProcess(env, folder / "backend.log") as process:
        yield process.url


@pytest.fixture
def browser(tmp_path: Path):
    profile = tmp_path / "profile"
    profile.mkdir()
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1100, "height": 820},
        )
        try:
            yield context
        finally:
            context.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def send(page, text: str, replies_expected: int) -> str:
    """Type a customer message, send it with Enter and return the agent's reply."""
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    replies = page.locator(".msg.agent .bubble")
    expect(replies).to_have_count(replies_expected, timeout=WAIT_MS)
    return replies.nth(replies_expected - 1).inner_text()


def test_customer_escalation_is_answered_from_the_agent_page(backend, browser):
    customer = browser.new_page()
    customer.goto(f"{backend}/")
    expect(customer.get_by_role("button", name="Send")).to_be_enabled()

    assert "email" in send(customer, "Where is my package?", 1).lower()
    assert "out for delivery" in send(customer, "ada@example.com", 2).lower()
    assert "$12.50" in send(
        customer,
        "This is for my daughter's birthday tomorrow and I'm furious it's late!",
        3,
    )
    shoot(customer, "1-customer-offer")
    send(customer, "No, that's not good enough", 4)
    expect(customer.locator("#status")).to_have_text("With our team")
    expect(customer.locator("#notice")).to_contain_text("member of our team")
    shoot(customer, "2-customer-escalated")

    desk = browser.new_page()
    desk.goto(f"{backend}/agent")
    waiting = desk.locator("#queue button", has_text="Ada Lovelace")
    expect(waiting).to_have_count(1, timeout=WAIT_MS)
    expect(waiting).to_contain_text("No, that's not good enough")
    shoot(desk, "3-agent-queue")

    waiting.click()
    expect(desk.locator("#transcript .msg")).to_have_count(8, timeout=WAIT_MS)
    desk.get_by_label("Your name").fill("Sam")
    desk.get_by_label("Your reply to the customer").fill(
        "Hi Ada, I'm Sam. I've asked the courier to deliver the vase first thing."
    )
    desk.get_by_role("button", name="Send reply").click()
    expect(desk.locator("#reply-status")).to_contain_text("Sent", timeout=WAIT_MS)
    expect(desk.locator("#queue button")).to_have_count(0, timeout=WAIT_MS)
    shoot(desk, "4-agent-replied")

    human = customer.locator(".msg.human_agent")
    expect(human).to_have_count(1, timeout=WAIT_MS)
    expect(human.locator(".bubble")).to_have_text(
        "Hi Ada, I'm Sam. I've asked the courier to deliver the vase first thing."
    )
    expect(human.locator(".who")).to_contain_text("Sam")
    shoot(customer, "5-customer-sees-human-reply")

    customer.get_by_label("Your message").fill("Thank you, Sam!")
    customer.get_by_label("Your message").press("Enter")
    expect(customer.locator(".msg.customer")).to_have_count(5, timeout=WAIT_MS)
    expect(customer.locator(".msg.pending")).to_have_count(0, timeout=WAIT_MS)
    expect(desk.locator("#queue button", has_text="Thank you, Sam!")).to_have_count(
        1, timeout=WAIT_MS
    )
    assert customer.locator(".msg.agent").count() == 4
    shoot(desk, "6-agent-queue-again")


def test_the_customer_page_keeps_its_conversation_across_a_reload(backend, browser):
    page = browser.new_page()
    page.goto(f"{backend}/")
    send(page, "Where is my package?", 1)

    page.reload()

    expect(page.locator(".msg")).to_have_count(2, timeout=WAIT_MS)
    expect(page.locator(".msg.customer .bubble")).to_have_text("Where is my package?")


def test_a_new_conversation_starts_empty(backend, browser):
    page = browser.new_page()
    page.goto(f"{backend}/")
    send(page, "Where is my package?", 1)

    page.get_by_role("button", name="New conversation").click()

    expect(page.locator(".msg")).to_have_count(0, timeout=WAIT_MS)
    assert re.search("email", send(page, "Hello?", 1), re.IGNORECASE)
