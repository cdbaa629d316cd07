// "t" on a contact page jumps to "Log a touch" (unless the user is typing in a field).
document.addEventListener("keydown", (event) => {
  if (event.key !== "t" || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  const kind = document.querySelector(".touch-form select[name=kind]");
  if (typing || !kind) return;
  event.preventDefault();
  kind.scrollIntoView({ block: "center" });
  kind.focus();
});
