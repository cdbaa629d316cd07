// The main navigation: on narrow screens its links fold behind the Menu button (the CSS hides
// them while the button says it is collapsed). The button stays hidden until this script runs,
// so without it the links show as a wrapped list and every page stays reachable.
const button = document.querySelector(".menu-button");
if (button) {
  const nav = button.closest("nav");
  const setOpen = (open) => button.setAttribute("aria-expanded", String(open));
  button.hidden = false;
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  // Escape closes the menu and gives focus back to its button, as in any disclosure menu.
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
}
