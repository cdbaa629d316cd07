// The Export page's downloads: fetch the file as a stream, show how much has arrived, then save
// it under the server's file name. Without this script each link downloads the file itself.
const status = document.getElementById("export-progress");
const bar = document.getElementById("export-bar");
const MEGABYTE = 1048576;

function fileName(response, link) {
  const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  return match ? match[1] : link.pathname.split("/").pop();
}

function show(received, total) {
  const megabytes = (received / MEGABYTE).toFixed(1);
  if (total) {
    bar.max = total;
    bar.value = received;
    status.textContent = `${megabytes} of ${(total / MEGABYTE).toFixed(1)} MB received…`;
  } else {
    bar.removeAttribute("value"); // no length known: the bar shows activity, the text the bytes
    status.textContent = `${megabytes} MB received…`;
  }
}

async function download(link) {
  bar.hidden = false;
  show(0, 0);
  const response = await fetch(link.href, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const total = Number(response.headers.get("Content-Length")) || 0;
  const reader = response.body.getReader();
  const parts = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    show(received, total);
  }
  const saver = document.createElement("a");
  saver.href = URL.createObjectURL(new Blob(parts, { type: response.headers.get("Content-Type") }));
  saver.download = fileName(response, link);
  document.body.append(saver);
  saver.click();
  saver.remove();
  setTimeout(() => URL.revokeObjectURL(saver.href), 60000);
  bar.hidden = true;
  status.textContent = `Downloaded ${saver.download} (${(received / MEGABYTE).toFixed(1)} MB).`;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-streamed-download]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  download(link).catch((error) => {
    bar.hidden = true;
    status.textContent = `The download stopped: ${error.message}. The link still works without progress.`;
  });
});
