// The contact list's selection: a box that ticks everyone on the page, and a count of who is
// selected. Without this script the boxes still work one by one, and "Select all … matching"
// still acts on every page, because the server reads the filter, not the boxes.
const form = document.getElementById("bulk-form");
if (form) {
  const pagePick = document.getElementById("pick-page");
  const allMatching = document.getElementById("all-matching");
  const count = document.getElementById("bulk-count");
  const rows = [...form.querySelectorAll("input[name=contact_ids]")];
  const total = Number(form.dataset.total || 0);
  const hint = count.textContent;
  const people = (n) => `${n.toLocaleString()} ${n === 1 ? "person" : "people"}`;

  const show = () => {
    const ticked = rows.filter((box) => box.checked).length;
    pagePick.checked = ticked === rows.length;
    pagePick.indeterminate = ticked > 0 && ticked < rows.length;
    if (allMatching?.checked) {
      count.textContent = `All ${people(total)} matching this filter are selected.`;
    } else if (ticked) {
      count.textContent = `${people(ticked)} selected on this page.`;
    } else {
      count.textContent = hint;
    }
  };

  pagePick.hidden = false;
  pagePick.addEventListener("change", () => {
    rows.forEach((box) => { box.checked = pagePick.checked; });
    if (!pagePick.checked && allMatching) allMatching.checked = false;
    show();
  });
  // Every contact matching includes this page's, so its boxes show ticked; unticking one
  // means the selection is no longer everyone. One page of results offers no such choice.
  allMatching?.addEventListener("change", () => {
    if (allMatching.checked) rows.forEach((box) => { box.checked = true; });
    show();
  });
  rows.forEach((box) => box.addEventListener("change", () => {
    if (!box.checked && allMatching) allMatching.checked = false;
    show();
  }));
  show();
}
