// 「复制群通知」 in the staff console: a button copies the text of the textarea it
// names (data-copy) to the clipboard and says so in a status line (data-status) in
// the page's language (data-done / data-failed). Without JavaScript the button stays
// hidden and the textarea's text is there to select and copy by hand. First-party,
// served only on the pages that need it (their Content-Security-Policy allows
// script from this site, nothing else).
(function () {
  function legacyCopy(area) {
    area.focus();
    area.select();
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }
  function wire(button) {
    var area = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!area) return;
    var say = function (key) {
      if (status) status.textContent = button.getAttribute(key) || "";
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      area.focus();
      area.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(
          function () { say("data-done"); },
          function () { say(legacyCopy(area) ? "data-done" : "data-failed"); }
        );
      } else {
        say(legacyCopy(area) ? "data-done" : "data-failed");
      }
    });
  }
  var buttons = document.querySelectorAll("button[data-copy]");
  for (var i = 0; i < buttons.length; i++) wire(buttons[i]);
})();
