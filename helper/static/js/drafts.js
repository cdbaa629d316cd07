// The draft page: count the message the way its platform does, keep the mailto: link in step
// with edits, and copy with one click (Clipboard API, else the selection and execCommand, else
// a "press Ctrl+C" hint over the selected text).

// developer.x.com "Counting characters": these code points weigh 1, all others 2, a link 23.
const X_LIGHT = /[\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]/u;
const X_LINK = /(?:https?:\/\/|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\/\S*)?/giu;
const X_LINK_WEIGHT = 23;

function xWeight(text) {
  let total = 0;
  for (const ch of text) total += X_LIGHT.test(ch) ? 1 : 2;
  return total;
}

function xWeighted(text) {
  let total = 0;
  let position = 0;
  for (const link of text.matchAll(X_LINK)) {
    total += xWeight(text.slice(position, link.index));
    // As the server does: never fewer than the link weight, never less than the text itself.
    total += Math.max(X_LINK_WEIGHT, xWeight(link[0]));
    position = link.index + link[0].length;
  }
  return total + xWeight(text.slice(position));
}

const COUNTERS = {
  // A JavaScript string's length is in UTF-16 code units, as an HTML maxlength counts.
  utf16: (text) => text.length,
  codepoints: (text) => [...text].length,
  words: (text) => text.split(/\s+/).filter(Boolean).length,
  x_weighted: xWeighted,
};

function showCount(body, counter) {
  const count = (COUNTERS[counter.dataset.counting] || COUNTERS.codepoints)(body.value.trim());
  const limit = Number(counter.dataset.limit || 0);
  const over = limit > 0 && count > limit;
  let text = `${count}${limit ? ` / ${limit}` : ""} ${counter.dataset.unit}`;
  if (over) text += ` — ${count - limit} over the limit`;
  counter.textContent = text;
  counter.classList.toggle("over", over);
}

function mailtoHref(address, subject, body) {
  // RFC 6068: percent-encoded fields, line breaks as CRLF.
  const crlf = body.replace(/\r?\n/g, "\r\n");
  const to = encodeURIComponent(address).replace("%40", "@");
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}

function csrfToken(form) {
  const field = form.querySelector("input[name=csrf_token]");
  return field ? field.value : "";
}

function recordCopy(button) {
  const url = button.dataset.copiedUrl;
  if (!url) return;
  // Only a note of when it was copied: the copy itself has already worked.
  fetch(url, {
    method: "POST",
    headers: { "X-CSRFToken": csrfToken(button.form) },
    credentials: "same-origin",
  }).catch(() => {});
}

function copyBySelection(field) {
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

async function copyField(button, status) {
  const field = document.getElementById(button.dataset.copy);
  if (!field) return;
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch {
      copied = false;
    }
  }
  if (!copied) copied = copyBySelection(field);
  if (copied) {
    status.textContent = `${button.textContent.replace("Copy ", "")} copied to the clipboard.`
      .replace(/^./, (first) => first.toUpperCase());
    recordCopy(button);
  } else {
    field.focus();
    field.select();
    status.textContent = "The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
  }
}

const body = document.getElementById("body");
const counter = body && document.getElementById(body.dataset.counter);
const subject = document.getElementById("subject");
const mailto = document.getElementById("mailto-link");
const status = document.getElementById("copy-status");

if (body && counter) {
  body.addEventListener("input", () => showCount(body, counter));
  showCount(body, counter);
}
if (body && mailto) {
  const update = () => {
    mailto.href = mailtoHref(mailto.dataset.address, subject ? subject.value : "", body.value);
  };
  body.addEventListener("input", update);
  if (subject) subject.addEventListener("input", update);
}
document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.addEventListener("click", () => copyField(button, status));
});
