// On a LinkedIn profile page: hands the page to the extension's service worker when asked.
// It never contacts Outreach Helper itself (the page's own rules would block it anyway).

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== "read-page") return false;
  sendResponse({ url: location.href, html: document.documentElement.outerHTML });
  return false;
});
