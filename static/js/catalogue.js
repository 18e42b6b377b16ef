// What the desk's scripts say (desk.js, disputes.js), in the interface language: the page renders the words
// and keys as #desk-catalogue (templates/includes/desk_script.html). Also how they report a failed request.
window.deskCatalogue = (function () {
  "use strict";

  var element = document.getElementById("desk-catalogue");
  var catalogue = element ? JSON.parse(element.textContent) : { keys: {}, text: {} };

  function say(name, values) {
    return (catalogue.text[name] || name).replace(/%\((\w+)\)s/g, function (whole, key) {
      return values && values.hasOwnProperty(key) ? values[key] : whole;
    });
  }

  function failureText(xhr) {
    if (xhr.status === 401) {
      // The page's words, not the answer's: the expired session no longer knows the reviewer's language.
      return say("sessionExpired") + " " + say("notSavedAfterExpiry");
    }
    if (xhr.status === 403) return say("forbidden");
    if (xhr.status === 400) {
      return xhr.responseText ? say("refused", { reason: xhr.responseText }) : say("refusedWithoutReason");
    }
    return say("serverFailed", { status: xhr.status });
  }

  // Every failed htmx request, answered or not, goes to show(element, text, everywhere): `everywhere` when
  // it concerns the whole page (the session expired), not only the element's claim.
  function onFailure(show) {
    document.body.addEventListener("htmx:responseError", function (event) {
      var xhr = event.detail.xhr;
      show(event.detail.elt, failureText(xhr), xhr.status === 401);
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      show(event.detail.elt, say("offline"), false);
    });
  }

  return { keys: catalogue.keys, say: say, onFailure: onFailure };
})();
