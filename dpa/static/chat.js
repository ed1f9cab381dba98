// The customer chat: one conversation per browser, kept across reloads.
"use strict";

const STEP_LABELS = {
  identify_customer: "Looking up your account…",
  retrieve_package: "Finding your package…",
  inform_status: "Checking the tracking…",
  read_request: "Reading your message…",
  assess_urgency: "Considering what you told us…",
  offer_compensation: "Preparing an offer…",
  confirm_resolution: "Confirming…",
  escalate: "Bringing in a colleague…",
  follow_up: "Thinking…",
  respond: "Writing a reply…",
  await_human: "Passing your message to our team…",
};
const STATUS_LABELS = {
  active: "Assistant",
  escalated: "With our team",
  resolved: "Resolved",
};
const POLL_MS = 3000;
const STORAGE_KEY = "dpa.thread";

const log = document.getElementById("log");
const form = document.getElementById("composer");
const input = document.getElementById("message");
const sendButton = document.getElementById("send");
const progress = document.getElementById("progress");
const notice = document.getElementById("notice");
const statusPill = document.getElementById("status");

const chat = { threadId: null, shown: 0, status: "active", busy: false };

function showNotice(text, isError = false) {
  notice.textContent = text;
  notice.classList.toggle("error", isError);
  notice.hidden = !text;
}

function scrollToEnd() {
  log.scrollTop = log.scrollHeight;
}

function setStatus(status, awaitingHuman) {
  chat.status = status;
  statusPill.dataset.status = status;
  statusPill.textContent = STATUS_LABELS[status] || status;
  if (status === "escalated") {
    showNotice(awaitingHuman
      ? "A member of our team will reply here shortly. You can keep this page open."
      : "You are chatting with a member of our team.");
  } else {
    showNotice("");
  }
  scrollToEnd();
}

function appendEntries(entries) {
  for (const entry of entries) log.append(renderEntry(entry));
  scrollToEnd();
}

async function startThread() {
  const { thread_id: threadId } = await api("POST", "v1/threads");
  chat.threadId = threadId;
  chat.shown = 0;
  localStorage.setItem(STORAGE_KEY, threadId);
  log.replaceChildren();
  setStatus("active", false);
}

async function refresh() {
  const view = await api("GET", `v1/threads/${chat.threadId}`);
  if (view.messages.length > chat.shown) {
    appendEntries(view.messages.slice(chat.shown));
    chat.shown = view.messages.length;
  }
  setStatus(view.status, view.awaiting_human);
}

async function resume() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved) {
    chat.threadId = saved;
    try {
      await refresh();
      return;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  await startThread();
}

async function send(text) {
  chat.busy = true;
  sendButton.disabled = true;
  const mine = renderEntry({ role: "customer", text });
  mine.classList.add("pending");
  log.append(mine);
  scrollToEnd();
  progress.textContent = "Sending…";
  try {
    let result = null;
    await streamEvents(`v1/threads/${chat.threadId}/messages`, { content: text },
      (name, data) => {
        if (name === "progress") {
          progress.textContent = STEP_LABELS[data.node] || "Working on it…";
        } else if (name === "done") {
          result = data;
        } else if (name === "error") {
          throw new ApiError(500, data.error.code, data.error.message);
        }
      });
    if (!result) throw new ApiError(500, "no_result", "The reply was cut off.");
    mine.classList.remove("pending");
    appendEntries(result.messages.filter((entry) => entry.role !== "customer"));
    chat.shown += result.messages.length;
    setStatus(result.status, result.awaiting_human);
    input.value = "";
  } catch (error) {
    mine.classList.add("failed");
    mine.classList.remove("pending");
    showNotice(`Your message was not sent: ${error.message}`, true);
    setTimeout(() => mine.remove(), 4000);
  } finally {
    progress.textContent = "";
    chat.busy = false;
    sendButton.disabled = false;
    input.focus();
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text || chat.busy) return;
  send(text);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById("restart").addEventListener("click", async () => {
  if (chat.busy) return;
  await startThread();
  input.focus();
});

setInterval(() => {
  if (chat.threadId && !chat.busy && chat.status === "escalated") {
    refresh().catch(() => {});
  }
}, POLL_MS);

resume().catch((error) => showNotice(
  `The chat is unavailable right now: ${error.message}`, true));
