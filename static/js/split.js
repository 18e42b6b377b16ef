// The split page, enhanced in place: the places between words are radio buttons (the mouse, or the arrow
// keys word by word, work without this script); here Enter splits at the chosen place, Esc goes back to the
// article, and the two parts are shown as the choice moves.
(function () {
  "use strict";
  const form = document.querySelector("form.split-chooser");
  if (!form) return;
  const points = Array.from(form.querySelectorAll("input[name=offset]"));
  const words = Array.from(form.querySelectorAll(".split-words .word")).map((w) => w.textContent);
  const parts = form.querySelector(".split-parts");
  const first = form.querySelector(".part-first");
  const second = form.querySelector(".part-second");

  function show() {
    const chosen = points.findIndex((p) => p.checked);
    if (chosen < 0) return;
    first.textContent = words.slice(0, chosen + 1).join(" ");
    second.textContent = words.slice(chosen + 1).join(" ");
    parts.hidden = false;
  }

  form.addEventListener("change", show);
  form.addEventListener("keydown", (event) => {
    if (event.target.name !== "offset") return;
    if (event.key === "Enter") {
      event.preventDefault();
      if (points.some((p) => p.checked)) form.requestSubmit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      window.location.assign(form.dataset.cancel);
    }
  });
  if (points.length) {
    // Start in the middle of the claim, ready for the arrow keys.
    const start = points[Math.floor((points.length - 1) / 2)];
    start.checked = true;
    start.focus();
    show();
  }
})();
