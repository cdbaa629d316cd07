// The Sync page while Sync now runs: count the writes as they happen, and reload the page when
// the sync is done, so it shows the outcome and anything changed on the phone. Without this
// script the page offers a reload link.
const panel = document.getElementById("sync-progress");
const POLL_MS = 1000;

async function poll() {
  let state;
  try {
    const response = await fetch(panel.dataset.progressUrl, { headers: { Accept: "application/json" } });
    state = await response.json();
  } catch (error) {
    document.getElementById("sync-status").textContent =
      "Outreach Helper is not answering; is it still running?";
    return;
  }
  if (!state.running) {
    window.location.reload();
    return;
  }
  const written = state.written.toLocaleString();
  document.getElementById("sync-status").textContent =
    `${written} written to the server so far (${state.seconds} s)…`;
  window.setTimeout(poll, POLL_MS);
}

if (panel) window.setTimeout(poll, POLL_MS);
