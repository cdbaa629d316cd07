// The only part of the extension that reaches Outreach Helper. Pages and the popup send it
// messages; callHelper owns the address, the token header, the timeout and the errors.

import { forgetToken, loadSettings, savePort, saveToken, validPort } from "./settings.js";

const TIMEOUT_MS = 15000;

class HelperError extends Error {
  // kind: "not-running" (nothing answered), "refused" (the app said no), "not-paired".
  constructor(kind, message, status = 0) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

async function callHelper(method, path, payload) {
  const { port, token } = await loadSettings();
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`http://127.0.0.1:${port}/api/bridge${path}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      credentials: "omit",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new HelperError(
      "not-running",
      `Outreach Helper is not running on port ${port}. Start it with "outreach-helper serve".`,
    );
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const kind = response.status === 401 ? "not-paired" : "refused";
    throw new HelperError(kind, body.error || `Outreach Helper answered ${response.status}.`, response.status);
  }
  return body;
}

async function readPage(tabId) {
  try {
    return await chrome.tabs.sendMessage(tabId, { type: "read-page" });
  } catch (error) {
    throw new HelperError("no-profile", "Open a LinkedIn profile (linkedin.com/in/…) in this tab first.");
  }
}

async function status() {
  const { port, token } = await loadSettings();
  try {
    const app = await callHelper("GET", "/ping");
    return { port, reachable: true, paired: Boolean(token), version: app.version };
  } catch (error) {
    return { port, reachable: false, paired: Boolean(token), message: error.message };
  }
}

async function lookUp(tabId) {
  const page = await readPage(tabId);
  try {
    return { url: page.url, person: await callHelper("GET", `/contact?url=${encodeURIComponent(page.url)}`) };
  } catch (error) {
    if (error.status === 404) return { url: page.url, person: null };
    throw error;
  }
}

async function capture(tabId) {
  const page = await readPage(tabId);
  const saved = await callHelper("POST", "/capture", { url: page.url, html: page.html });
  const person = await callHelper("GET", `/contact?url=${encodeURIComponent(page.url)}`);
  return { url: page.url, created: saved.created, person };
}

async function pair(code, port) {
  const chosen = validPort(port);
  if (chosen === null) throw new HelperError("refused", "The port is a number from 1 to 65535.");
  await savePort(chosen);
  await forgetToken();
  const { token } = await callHelper("POST", "/pair", { code });
  await saveToken(token);
  return status();
}

const HANDLERS = {
  status: () => status(),
  "look-up": (message) => lookUp(message.tabId),
  capture: (message) => capture(message.tabId),
  pair: (message) => pair(message.code, message.port),
  unpair: async () => {
    await forgetToken();
    return status();
  },
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = HANDLERS[message?.type];
  if (!handler || sender.id !== chrome.runtime.id) return false;
  handler(message)
    .then((result) => sendResponse({ ok: true, result }))
    .catch((error) => sendResponse({ ok: false, kind: error.kind || "refused", error: error.message }));
  return true; // the answer comes asynchronously
});
