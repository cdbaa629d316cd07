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

// The aim: while the title or purpose changes, show the aim the app would suggest, in the
// field's placeholder and its hint, so an empty aim is never a surprise in a draft.
const aim = document.getElementById("aim");
const title = document.getElementById("title");
if (aim && title && purpose) {
  let pending;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const query = new URLSearchParams({ purpose: purpose.value, title: title.value });
      const answer = await fetch(`${aim.dataset.suggestUrl}?${query}`, { headers: { Accept: "application/json" } });
      if (!answer.ok) return;
      const { aim: suggested } = await answer.json();
      aim.placeholder = suggested;
    }, 250);
  };
  title.addEventListener("input", refresh);
  purpose.addEventListener("change", refresh);
  refresh();
}
