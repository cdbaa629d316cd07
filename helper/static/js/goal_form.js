// The goal form: when the purpose changes, tick that purpose's usual categories, unless the
// person has already chosen categories by hand (their choice wins).
const fieldset = document.getElementById("wanted-categories");
const purpose = document.getElementById("purpose");
if (fieldset && purpose) {
  const defaults = JSON.parse(fieldset.dataset.defaults || "{}");
  const boxes = [...fieldset.querySelectorAll("input[type=checkbox]")];
  let chosenByHand = false;
  boxes.forEach((box) => box.addEventListener("change", () => { chosenByHand = true; }));
  purpose.addEventListener("change", () => {
    if (chosenByHand) return;
    const wanted = new Set(defaults[purpose.value] || []);
    boxes.forEach((box) => { box.checked = wanted.has(box.value); });
  });
}
