// The import progress page: poll the job's small JSON document, move the bar, and open the
// result page when the import ends. Without this script the page offers a reload link.
const panel = document.getElementById("import-progress");
const POLL_MS = 500;

function megabytes(bytes) {
  return (bytes / 1048576).toFixed(1);
}

function describe(state) {
  if (state.status === "running" && state.phase === "saving") {
    return `Saving: ${state.saved.toLocaleString()} of ${state.save_total.toLocaleString()} rows written…`;
  }
  if (state.status === "running") return `Reading the file: ${state.percent}%`;
  if (state.status === "done") return "Finished. Opening the result…";
  if (state.status === "choice") return "This is an Outreach Helper export; opening your choices…";
  if (state.status === "cancelled") return "Cancelled; nothing of this import was kept.";
  return state.error || "The import stopped.";
}

function show(state) {
  document.getElementById("import-bar").value = state.percent;
  document.getElementById("import-bar").textContent = `${state.percent}%`;
  document.getElementById("import-status").textContent = describe(state);
  document.getElementById("import-records").textContent = state.records.toLocaleString();
  document.getElementById("import-rate").textContent =
    `${Math.round(state.rate_per_s).toLocaleString()} a second`;
  document.getElementById("import-bytes").textContent =
    `${megabytes(state.bytes_done)} of ${megabytes(state.bytes_total)} MB`;
  document.getElementById("import-left").textContent =
    state.seconds_left === null ? "—" : `${state.seconds_left} s`;
  const cancel = document.getElementById("import-cancel");
  if (cancel && state.status !== "running") cancel.hidden = true;
}

async function poll() {
  let state;
  try {
    const response = await fetch(panel.dataset.progressUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      document.getElementById("import-status").textContent =
        "This import is no longer running; its result is in the import history.";
      return;
    }
    state = await response.json();
  } catch (error) {
    document.getElementById("import-status").textContent =
      "Outreach Helper is not answering; is it still running?";
    return;
  }
  show(state);
  if (state.status !== "running" && state.result_url) {
    window.location.assign(state.result_url);
    return;
  }
  if (state.status === "running") window.setTimeout(poll, POLL_MS);
}

if (panel) poll();
