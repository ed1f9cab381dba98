// The representatives' desk: the queue of escalated conversations and a reply box.
"use strict";

const DESK_LABELS = { customer: "Customer", agent: "Assistant", human_agent: "Team" };
const QUEUE_POLL_MS = 3000;
const NAME_KEY = "dpa.agentName";

const queue = document.getElementById("queue");
const queueCount = document.getElementById("queue-count");
const queueEmpty = document.getElementById("queue-empty");
const caseTitle = document.getElementById("case-title");
const caseFacts = document.getElementById("case-facts");
const transcriptList = document.getElementById("transcript");
const replyForm = document.getElementById("reply-form");
const replyText = document.getElementById("reply");
const replySend = document.getElementById("reply-send");
const replyStatus = document.getElementById("reply-status");
const nameInput = document.getElementById("agent-name");

const desk = {
  selected: null, queueKey: "", transcriptKey: "", escalations: new Map(),
};
const emptyText = queueEmpty.textContent;

nameInput.value = localStorage.getItem(NAME_KEY) || "";
nameInput.addEventListener("change", () => {
  localStorage.setItem(NAME_KEY, nameInput.value.trim());
});

// "offer_declined" -> "Offer declined"
function readable(code) {
  if (!code) return "";
  const words = code.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function queueItem(escalation) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.thread = escalation.thread_id;
  if (escalation.thread_id === desk.selected) button.setAttribute("aria-current", "true");

  const ref = document.createElement("span");
  ref.className = "ref";
  ref.textContent = [escalation.escalation_id, escalation.customer_name]
    .filter(Boolean).join(" · ") || "Unverified customer";
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = `${readable(escalation.reason) || "Escalated"} · waiting ` +
    timeAgo(escalation.waiting_since);
  const quote = document.createElement("span");
  quote.className = "quote";
  quote.textContent = escalation.customer_message
    ? `“${escalation.customer_message}”` : "";

  button.append(ref, meta, quote);
  button.addEventListener("click", () => select(escalation.thread_id));
  item.append(button);
  return item;
}

async function loadQueue() {
  const { escalations } = await api("GET", "v1/escalations");
  desk.escalations = new Map(escalations.map((e) => [e.thread_id, e]));
  const key = JSON.stringify(escalations.map(
    (e) => [e.thread_id, e.customer_message, e.waiting_since, desk.selected]));
  queueCount.textContent = `(${escalations.length})`;
  queueEmpty.hidden = escalations.length > 0;
  if (key === desk.queueKey) return;
  desk.queueKey = key;
  queue.replaceChildren(...escalations.map(queueItem));
}

function showFacts(escalation) {
  const facts = [
    ["Ticket", escalation?.escalation_id],
    ["Reason", readable(escalation?.reason)],
    ["Customer", escalation?.customer_name || escalation?.customer_id],
    ["Package", escalation?.package_id],
  ].filter(([, value]) => value);
  caseFacts.replaceChildren(...facts.map(([label, value]) => {
    const row = document.createElement("div");
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = value;
    row.append(term, detail);
    return row;
  }));
  caseFacts.hidden = facts.length === 0;
}

async function showThread(threadId) {
  const view = await api("GET", `v1/threads/${threadId}`);
  const key = `${threadId}:${view.messages.length}`;
  if (key === desk.transcriptKey) return false;
  desk.transcriptKey = key;
  transcriptList.replaceChildren(
    ...view.messages.map((entry) => renderEntry(entry, DESK_LABELS)));
  transcriptList.scrollTop = transcriptList.scrollHeight;
  return true;
}

async function select(threadId) {
  desk.selected = threadId;
  desk.queueKey = "";
  const escalation = desk.escalations.get(threadId);
  caseTitle.textContent = escalation?.customer_name
    ? `Conversation with ${escalation.customer_name}` : "Conversation";
  showFacts(escalation);
  replyStatus.textContent = "";
  await showThread(threadId);
  document.getElementById("case-empty").hidden = true;
  transcriptList.hidden = false;
  replyForm.hidden = false;
  await loadQueue();
  replyText.focus();
}

replyForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const agent = nameInput.value.trim();
  const message = replyText.value.trim();
  if (!agent) {
    replyStatus.textContent = "Please enter your name first.";
    nameInput.focus();
    return;
  }
  if (!message || !desk.selected) return;
  localStorage.setItem(NAME_KEY, agent);
  replySend.disabled = true;
  replyStatus.textContent = "Sending…";
  try {
    await api("POST", `v1/escalations/${desk.selected}/reply`, { message, agent });
    replyText.value = "";
    replyStatus.textContent =
      "Sent. The conversation comes back here when the customer answers.";
    desk.transcriptKey = "";
    await showThread(desk.selected);
    await loadQueue();
  } catch (error) {
    replyStatus.textContent = error.code === "no_pending_escalation"
      ? "This conversation is not waiting for a reply any more."
      : `Not sent: ${error.message}`;
  } finally {
    replySend.disabled = false;
  }
});

async function poll() {
  try {
    await loadQueue();
    queueEmpty.textContent = emptyText;
    if (desk.selected && await showThread(desk.selected)) {
      replyStatus.textContent = "";
    }
  } catch {
    queueEmpty.hidden = false;
    queueEmpty.textContent = "The server cannot be reached; retrying…";
  }
}

poll();
setInterval(poll, QUEUE_POLL_MS);
