// The disputes queue: j/k move, a label's key settles the focused dispute and goes to the next open one, the
// reason key goes to the reason field, Esc back out of it, ? lists the keys. htmx does the requests; failures
// show on the dispute, as on the desk (static/js/catalogue.js).
(function () {
  "use strict";

  var queue = document.getElementById("disputes");
  var currentId = null;

  var catalogue = window.deskCatalogue;
  var say = catalogue.say;

  // The keys come from the page: each label button and the reason field name theirs (aria-keyshortcuts).
  var labelKeys = {};
  Array.prototype.forEach.call(document.querySelectorAll('button[name="value"][aria-keyshortcuts]'), function (b) {
    labelKeys[b.getAttribute("aria-keyshortcuts")] = b.value;
  });
  var reasonField = document.querySelector('textarea[name="reason"][aria-keyshortcuts]');
  var reasonKey = reasonField ? reasonField.getAttribute("aria-keyshortcuts") : null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("#disputes [data-claim-id]"));
  }

  function itemById(id) {
    return id ? document.getElementById("dispute-" + id) : null;
  }

  function setCurrent(item, scroll) {
    if (!item) return;
    items().forEach(function (other) {
      if (other !== item) other.removeAttribute("aria-current");
    });
    item.setAttribute("aria-current", "true");
    currentId = item.getAttribute("data-claim-id");
    if (scroll !== false) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
  }

  function current() {
    return itemById(currentId) || items()[0] || null;
  }

  function move(step) {
    var all = items();
    var i = all.indexOf(current());
    setCurrent(all[Math.min(Math.max(i + step, 0), all.length - 1)]);
  }

  // The next dispute not settled on this page, after `from` and then from the top.
  function nextOpen(from) {
    var all = items();
    var i = all.indexOf(from);
    var order = all.slice(i + 1).concat(all.slice(0, Math.max(i, 0)));
    for (var j = 0; j < order.length; j++) {
      if (!order[j].hasAttribute("data-decided")) return order[j];
    }
    return null;
  }

  function settle(value) {
    var item = current();
    if (!item) return;
    var button = item.querySelector('button[name="value"][value="' + value + '"]');
    if (!button) return;
    showItemMessage(item, "");
    button.click();
    // Settled until the answer says otherwise: the next open dispute is found without this one.
    item.setAttribute("data-decided", value);
    var next = nextOpen(item);
    if (next) {
      setCurrent(next);
    } else {
      var done = document.getElementById("queue-done");
      if (done) done.hidden = false;
    }
  }

  function focusReason() {
    var item = current();
    var field = item && item.querySelector('textarea[name="reason"]');
    if (field) field.focus();
  }

  function showItemMessage(item, text) {
    var box = item && item.querySelector(".row-message");
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  }

  function showAlert(text) {
    var box = document.getElementById("desk-alert");
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var dialog = document.getElementById("shortcuts");
    if (event.key === "Escape") {
      if (dialog && dialog.open) return; // the dialog closes itself
      var item = event.target.closest && event.target.closest("[data-claim-id]");
      if (item && typing(event.target)) {
        event.target.blur();
        setCurrent(item);
        event.preventDefault();
      }
      return;
    }
    if (typing(event.target) || (dialog && dialog.open)) return;
    if (event.key === "?") {
      if (dialog) dialog.showModal();
      event.preventDefault();
      return;
    }
    if (!queue) return;
    var actions = {
      j: function () { move(1); },
      ArrowDown: function () { move(1); },
      k: function () { move(-1); },
      ArrowUp: function () { move(-1); },
    };
    if (reasonKey) actions[reasonKey] = focusReason;
    var action = actions[event.key];
    if (!action && labelKeys.hasOwnProperty(event.key)) {
      action = function () { settle(labelKeys[event.key]); };
    }
    if (action) {
      action();
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest("[data-claim-id]");
    if (item) setCurrent(item, !event.target.closest("a, button, input, textarea, select, label"));
    var show = event.target.closest && event.target.closest("[data-show-shortcuts]");
    var dialog = document.getElementById("shortcuts");
    if (show && dialog) dialog.showModal();
  });

  // A 409 (another lead decided first) carries the dispute as it stands now, with a message: swap it in.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A failed decision shows on its dispute, which is open again; page-wide too when it concerns the page.
  catalogue.onFailure(function (elt, text, everywhere) {
    var item = elt.closest && elt.closest("[data-claim-id]");
    if (item) {
      item.removeAttribute("data-decided");
      item.classList.add("failed");
      showItemMessage(item, text);
    }
    if (everywhere || !item) showAlert(text);
  });

  // The answer replaces the dispute that carried aria-current; keep the marker where the lead is.
  document.body.addEventListener("htmx:afterSwap", function () {
    var item = itemById(currentId);
    if (item && !item.hasAttribute("aria-current")) setCurrent(item, document.activeElement === document.body);
  });

  if (queue) {
    var fromHash = /^#dispute-(\d+)$/.exec(window.location.hash);
    setCurrent((fromHash && itemById(fromHash[1])) || nextOpen(null) || items()[0]);
  }
  document.documentElement.setAttribute("data-disputes-ready", "true");
})();
