// The assignment page: one checkbox chooses every article on the page. Without JavaScript it stays hidden.
(function () {
  "use strict";
  var all = document.querySelector("[data-check-all]");
  if (!all) return;
  var name = all.getAttribute("data-check-all");
  var boxes = document.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
  all.hidden = false;
  all.addEventListener("change", function () {
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = all.checked;
    });
  });
})();
