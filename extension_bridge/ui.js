// What the popup and the options page share: finding elements, asking the service worker,
// and the one status line each page shows.

export const $ = (id) => document.getElementById(id);

// A message to the service worker; its error keeps the worker's `kind` ("not running",
// "refused") so a page can tell the app being down from the app saying no.
export function ask(type, details = {}) {
  return chrome.runtime.sendMessage({ type, ...details }).then((answer) => {
    if (answer?.ok) return answer.result;
    const error = new Error(answer?.error || "The extension could not reach its service worker.");
    error.kind = answer?.kind;
    throw error;
  });
}

export function say(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}
