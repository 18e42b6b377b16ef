// The reviewer's desk: keyboard focus, shortcuts and visible failures. No framework; htmx does the requests.
(function () {
  "use strict";

  var desk = document.getElementById("desk");
  var currentId = null;
  var pendingFocus = null;
  var pendingOpen = null;
  // What to do once the units a key asked for have come (see waitForUnits).
  var pendingUnits = null;
  // The page holds a window of the article's units: the next ones are fetched when the reviewer comes this
  // close (in claims) to the window's end.
  var FETCH_AHEAD = 8;

  var catalogue = window.deskCatalogue; // static/js/catalogue.js: the words and keys, failed requests
  var say = catalogue.say;

  // The label keys come from the page: each label button names its key (aria-keyshortcuts) and its value.
  var labelKeys = {};
  Array.prototype.forEach.call(document.querySelectorAll('button[name="label"][aria-keyshortcuts]'), function (b) {
    labelKeys[b.getAttribute("aria-keyshortcuts")] = b.value;
  });

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-claim-id]"));
  }

  function rowById(id) {
    return id ? document.getElementById("claim-" + id) : null;
  }

  function setCurrent(row, scroll) {
    if (!row) return;
    rows().forEach(function (r) {
      if (r !== row) r.removeAttribute("aria-current");
    });
    row.setAttribute("aria-current", "true");
    currentId = row.getAttribute("data-claim-id");
    loadTools(row);
    var all = rows();
    if (all.length - all.indexOf(row) <= FETCH_AHEAD) fetchUnits("later");
    if (scroll !== false) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
  }

  // The page brings the tools (status, evidence, note, history) of the claim it opens at; the others' come
  // when the reviewer moves to them. A row whose evidence section the page was to keep (hx-preserve) but did
  // not have, since its tools had not come yet, gets them too.
  function loadTools(row) {
    var tools = row.querySelector(".claim-tools");
    if (!tools || tools.hasAttribute("data-loading")) return;
    if (!tools.classList.contains("deferred") && !tools.querySelector(".evidence[hx-preserve]:empty")) return;
    tools.setAttribute("data-loading", "");
    htmx.ajax("GET", tools.getAttribute("data-tools"), { source: tools, target: tools, swap: "outerHTML" });
  }

  // The link at the window's end ("earlier" or "later"), if the article has more units that way.
  function unitsLink(which) {
    return desk ? desk.querySelector('[data-more="' + which + '"]') : null;
  }

  function fetchUnits(which) {
    var link = unitsLink(which);
    if (link && !link.hasAttribute("data-loading")) {
      link.setAttribute("data-loading", "");
      htmx.trigger(link, "more");
    }
    return link;
  }

  // Fetch the units that way and, once they are in the page, do `then` (after what earlier keys asked for
  // while they were on their way); false if there are none.
  function waitForUnits(which, then) {
    var link = fetchUnits(which);
    if (!link) return false;
    if (pendingUnits && pendingUnits.link === link) {
      var first = pendingUnits.then;
      pendingUnits.then = function () { first(); then(); };
    } else {
      pendingUnits = { link: link, then: then };
    }
    return true;
  }

  function current() {
    return rowById(currentId) || rows()[0] || null;
  }

  function move(step) {
    var all = rows();
    var i = all.indexOf(current());
    if (i + step < 0 || i + step >= all.length) {
      if (waitForUnits(step < 0 ? "earlier" : "later", function () { move(step); })) return;
    }
    var next = all[Math.min(Math.max(i + step, 0), all.length - 1)];
    setCurrent(next);
  }

  // A claim left for me: not labelled by me, and without the labels it needs from others (such a claim has
  // left every queue; it can still be labelled by clicking or moving to it).
  function leftForMe(row) {
    return !row.hasAttribute("data-label") && !row.hasAttribute("data-enough-labels");
  }

  function nextUnlabelled(from, wrap) {
    var all = rows();
    var i = all.indexOf(from);
    for (var j = i + 1; j < all.length; j++) {
      if (leftForMe(all[j])) return all[j];
    }
    for (var k = 0; wrap !== false && k < i; k++) {
      if (leftForMe(all[k])) return all[k];
    }
    return null;
  }

  // After a label, on to the next claim left for me: further down (fetching the units after the window
  // while there are some), else from the top (fetching the earlier ones). `id`: the labelled claim's, as
  // its row is replaced by the answer meanwhile.
  function advanceFrom(id) {
    var row = rowById(id);
    var next = nextUnlabelled(row, false);
    if (next) return setCurrent(next);
    if (waitForUnits("later", function () { advanceFrom(id); })) return;
    next = nextUnlabelled(row, true);
    if (next) return setCurrent(next);
    if (waitForUnits("earlier", function () { advanceFrom(id); })) return;
    showAlert(say("lastClaim"));
  }

  function label(value) {
    var row = current();
    if (!row) return;
    var button = row.querySelector('button[name="label"][value="' + value + '"]');
    if (!button) return;
    showRowMessage(row, "");
    button.click();
    advanceFrom(row.getAttribute("data-claim-id"));
  }

  function openDetails(selector, fieldSelector) {
    var row = current();
    if (!row) return;
    var details = row.querySelector(selector);
    // Its tools are on their way, or in the page but not yet set up by htmx (htmx-added, until their
    // htmx:load): open it when they are.
    if (!details || details.closest(".htmx-added")) {
      pendingOpen = { id: row.getAttribute("data-claim-id"), selector: selector, field: fieldSelector };
      return;
    }
    details.open = true;
    var field = details.querySelector(fieldSelector);
    if (field) {
      field.focus();
    } else {
      // The form is loaded when the details open (htmx); focus it when it arrives.
      pendingFocus = { details: details, selector: fieldSelector };
    }
  }

  function showRowMessage(row, text) {
    var box = row && row.querySelector(".row-message");
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

  function goNext() {
    var link = document.querySelector("[data-next-claim]");
    if (link) window.location.assign(link.href);
  }

  document.addEventListener("keydown", function (event) {
    // Ctrl+Enter (or Cmd+Enter) saves the note or evidence form being typed in.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.form) {
      event.target.form.requestSubmit();
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var dialog = document.getElementById("shortcuts");
    if (event.key === "Escape") {
      if (dialog && dialog.open) return; // the dialog closes itself
      var open = document.activeElement && document.activeElement.closest("details[open]");
      if (open) {
        open.open = false;
        var row = open.closest("[data-claim-id]");
        if (row) setCurrent(row);
        event.preventDefault();
      }
      return;
    }
    if (typing(event.target) || (dialog && dialog.open)) return;
    if (event.key === catalogue.keys.next) {
      goNext();
      event.preventDefault();
      return;
    }
    if (!desk) return;
    var actions = {
      j: function () { move(1); },
      ArrowDown: function () { move(1); },
      k: function () { move(-1); },
      ArrowUp: function () { move(-1); },
      "?": function () { if (dialog && !dialog.open) dialog.showModal(); },
    };
    actions[catalogue.keys.evidence] = function () { openDetails("details.add-evidence", "input[name=url]"); };
    actions[catalogue.keys.note] = function () { openDetails("details.note", "textarea"); };
    var action = actions[event.key];
    if (!action && labelKeys.hasOwnProperty(event.key)) {
      action = function () { label(labelKeys[event.key]); };
    }
    if (action) {
      action();
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("[data-claim-id]");
    if (row) setCurrent(row, !event.target.closest("a, button, input, textarea, select, summary, label"));
    var show = event.target.closest && event.target.closest("[data-show-shortcuts]");
    var dialog = document.getElementById("shortcuts");
    if (show && dialog) dialog.showModal();
  });

  // A 409 (the label changed in another tab) carries the row as saved now, with a message: swap it in.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    // Tools that come after their row was replaced (a label answered first) have nowhere to go.
    if (!event.detail.target.isConnected) {
      event.detail.shouldSwap = false;
      return;
    }
    var status = event.detail.xhr.status;
    if (status === 409 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A failed request shows on its row (marked failed); page-wide too when there is no row or it concerns all.
  catalogue.onFailure(function (elt, text, everywhere) {
    elt.removeAttribute("data-loading"); // units or tools: asked for again when needed
    var row = elt.closest("[data-claim-id]");
    showRowMessage(row, text);
    if (row) row.classList.add("failed");
    if (everywhere || !row) showAlert(text);
  });

  // The swapped-in row replaces the element that carried aria-current; keep the focus marker on the claim.
  document.body.addEventListener("htmx:afterSwap", function () {
    if (pendingFocus && pendingFocus.details.isConnected) {
      var field = pendingFocus.details.querySelector(pendingFocus.selector);
      if (field) {
        field.focus();
        pendingFocus = null;
      }
    }
    var row = rowById(currentId);
    if (row && !row.hasAttribute("aria-current")) setCurrent(row, document.activeElement === document.body);
  });

  // Tools asked for before they came open once htmx has set them up (htmx:load, on the new content: the
  // request's own element was the placeholder they replaced, whose events no longer reach the page).
  document.body.addEventListener("htmx:load", function () {
    if (pendingUnits && !pendingUnits.link.isConnected) {
      var then = pendingUnits.then;
      pendingUnits = null;
      then();
    }
    var row = rowById(currentId);
    if (pendingOpen && pendingOpen.id === currentId && row && row.querySelector(pendingOpen.selector)) {
      var open = pendingOpen;
      pendingOpen = null;
      openDetails(open.selector, open.field);
    }
  });

  if (desk) {
    var fromHash = /^#claim-(\d+)$/.exec(window.location.hash);
    var start = (fromHash && rowById(fromHash[1])) || nextUnlabelled(null) || rows()[0];
    if (start) setCurrent(start);
  }
  window.deskReadyAt = performance.now();
  document.documentElement.setAttribute("data-desk-ready", "true");
})();
