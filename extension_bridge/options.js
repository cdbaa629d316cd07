// Options: which port the app listens on, and pairing with a code from the "Me" page.

import { loadSettings } from "./settings.js";
import { $, ask, say } from "./ui.js";

function showState(state) {
  const app = state.reachable
    ? `Outreach Helper ${state.version} is running on port ${state.port}.`
    : `Outreach Helper is not answering on port ${state.port}.`;
  $("state").textContent = `${app} ${state.paired ? "This browser is paired." : "Not paired."}`;
  $("unpair").disabled = !state.paired;
}

async function pair(event) {
  event.preventDefault();
  say("Pairing…");
  try {
    showState(await ask("pair", { code: $("code").value, port: $("port").value }));
    $("code").value = "";
    say("Paired: the toolbar button can now send profiles to Outreach Helper.");
  } catch (error) {
    say(error.message);
  }
}

async function unpair() {
  showState(await ask("unpair"));
  say("Unpaired. Revoke the old pairing on the Me page too.");
}

async function start() {
  const { port } = await loadSettings();
  $("port").value = port;
  $("pair-form").addEventListener("submit", pair);
  $("unpair").addEventListener("click", unpair);
  showState(await ask("status"));
}

start();
