// Autosave for draft recordings (progressive enhancement: without it, "Save as draft" does the same).
// A few seconds after typing stops, the form is posted with intent=autosave; the server answers with
// the draft's address and version, which the form then carries so the next save or the final submit
// continues the same draft instead of starting another.
(function () {
  "use strict";
  var form = document.querySelector('form[data-autosave="true"]');
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
  var status = document.getElementById("autosave-status");
  var version = form.querySelector('input[name="version"]');
  var timer = null;
  var saving = false;
  var again = false;
  var submitAfterSave = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    again = false;
    var body = new URLSearchParams(new FormData(form));
    body.set("intent", "autosave");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) throw response;
        return response.json();
      })
      .then(function (saved) {
        form.action = saved.action;
        if (version) version.value = saved.version;
        say("Draft saved at " + saved.savedAt + ".");
      })
      .catch(function () {
        say("The draft could not be saved automatically. Use “Save as draft” to keep your work.");
      })
      .then(function () {
        saving = false;
        if (submitAfterSave) {
          var submitter = submitAfterSave;
          submitAfterSave = null;
          if (form.requestSubmit) form.requestSubmit(submitter);
          else form.submit();
        } else if (again) {
          schedule();
        }
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 3000);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    // A save in flight would change the version under the submit: wait for it, then submit.
    if (saving) {
      event.preventDefault();
      submitAfterSave = event.submitter || null;
    }
  });
})();
