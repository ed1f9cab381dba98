// Shared by the customer page and the representatives' page: API calls and
// the rendering of transcript entries. Text is always set with textContent,
// never parsed as HTML.
"use strict";

const ROLE_LABELS = { customer: "You", agent: "Assistant", human_agent: "Our team" };

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const options = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = data.error || {};
    throw new ApiError(response.status, error.code || "http_error",
      error.message || `The server answered ${response.status}.`);
  }
  return data;
}

// POST with Accept: text/event-stream; calls onEvent(name, data) per event.
async function streamEvents(path, body, onEvent) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    const error = data.error || {};
    throw new ApiError(response.status, error.code || "http_error",
      error.message || `The server answered ${response.status}.`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = "message";
      const lines = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) lines.push(line.slice(5).trim());
      }
      if (lines.length) onEvent(name, JSON.parse(lines.join("\n")));
    }
  }
}

function renderEntry(entry, labels = ROLE_LABELS) {
  const item = document.createElement("li");
  item.className = `msg ${entry.role}`;
  const who = document.createElement("p");
  who.className = "who";
  who.textContent = entry.role === "human_agent" && entry.agent
    ? `${entry.agent} · ${labels.human_agent}`
    : labels[entry.role];
  const bubble = document.createElement("p");
  bubble.className = "bubble";
  bubble.textContent = entry.text;
  item.append(who, bubble);
  return item;
}

function timeAgo(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}
