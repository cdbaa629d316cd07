// The toolbar popup: is the app reachable and paired, send this profile, show what is known.

import { $, ask, say } from "./ui.js";

// Opened from the toolbar, the popup acts on the active tab; ?tab= names another one.
async function targetTab() {
  const named = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function fillList(list, items, render) {
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      li.textContent = render(item);
      return li;
    }),
  );
}

function showDraft(draft) {
  $("draft").hidden = !draft;
  if (!draft) return;
  $("draft-channel").textContent = draft.channel_label;
  $("draft-subject").textContent = draft.subject;
  $("draft-subject-line").hidden = !draft.subject;
  $("draft-body").value = draft.body;
  $("draft-length").textContent = draft.limit
    ? `${draft.length} of ${draft.limit} characters`
    : `${draft.length} characters`;
  fillList($("questions"), draft.questions, (question) => question);
  $("questions-block").hidden = draft.questions.length === 0;
}

function showPerson(person) {
  $("person").hidden = !person;
  if (!person) return;
  const { contact } = person;
  $("person-name").textContent = contact.name;
  $("person-role").textContent = [contact.current_title, contact.current_company]
    .filter(Boolean)
    .join(" at ") || contact.headline;
  fillList($("categories"), person.categories, (category) => category.label);
  if (person.categories.length === 0) fillList($("categories"), ["None yet"], (text) => text);
  fillList($("goals"), person.goals, (goal) => `${goal.title} — ${goal.stage_label}`);
  if (person.goals.length === 0) fillList($("goals"), ["In no goal yet"], (text) => text);
  showDraft(person.draft);
}

async function showStatus() {
  const state = await ask("status");
  if (!state.reachable) {
    $("status").textContent = "Not running";
    say(state.message);
    return false;
  }
  $("status").textContent = state.paired
    ? `Connected to Outreach Helper ${state.version} (port ${state.port}) · paired`
    : `Outreach Helper ${state.version} is running · not paired`;
  if (!state.paired) say("Pair this browser first: open Options and enter the code from the Me page.");
  return state.paired;
}

async function lookUp(tabId) {
  try {
    const { person } = await ask("look-up", { tabId });
    showPerson(person);
    say(
      person
        ? `${person.contact.name} is in Outreach Helper: sending the page again updates the record.`
        : "This person is not in Outreach Helper yet.",
    );
    $("send").disabled = false;
  } catch (error) {
    say(error.message);
    $("send").disabled = true;
  }
}

async function send(tabId) {
  $("send").disabled = true;
  say("Sending…");
  try {
    const { created, person } = await ask("capture", { tabId });
    showPerson(person);
    say(`${created ? "Added" : "Updated"} ${person.contact.name} in Outreach Helper.`);
  } catch (error) {
    say(error.message);
  } finally {
    $("send").disabled = false;
  }
}

async function copyDraft() {
  const subject = $("draft-subject").textContent;
  const text = subject ? `${subject}\n\n${$("draft-body").value}` : $("draft-body").value;
  try {
    await navigator.clipboard.writeText(text);
    say("Draft copied.");
  } catch {
    $("draft-body").select();
    say("Copying was blocked: the draft is selected, press Ctrl+C.");
  }
}

async function start() {
  const tabId = await targetTab();
  $("options").addEventListener("click", () => chrome.runtime.openOptionsPage());
  $("send").addEventListener("click", () => send(tabId));
  $("copy").addEventListener("click", copyDraft);
  if (await showStatus()) await lookUp(tabId);
}

start();
