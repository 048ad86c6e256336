// Inside Telegram's Mini App, Telegram hands the page its signed sign-in data
// (initData) in the fragment: #tgWebAppData=…. A fragment never reaches the server,
// so this script keeps it for the tab and copies it into the forms' `init_data`
// field; the server checks its signature before trusting it. Served only on Mini App
// pages (?tg=1); every page works without it.
(function () {
  var key = "tgWebAppData";
  var data = null;
  try {
    data = new URLSearchParams(location.hash.slice(1)).get(key);
    if (data) {
      sessionStorage.setItem(key, data);
    } else {
      data = sessionStorage.getItem(key);
    }
  } catch (e) {
    return;
  }
  if (!data) return;
  var fields = document.querySelectorAll('input[name="init_data"]');
  for (var i = 0; i < fields.length; i++) {
    if (!fields[i].value) fields[i].value = data;
  }
})();
