/* Redline: as one types a speaker's name, the field's list offers every speaker whose name
   starts so (from /api/speakers/?q=), not only the most quoted the page lists. Without
   JavaScript the page's own list still works; the form takes whatever is typed. */
(function () {
  "use strict";
  var timer = null;

  function option(speaker) {
    var item = document.createElement("option");
    var role = speaker.roles && speaker.roles.length ? speaker.roles[0] + " · " : "";
    item.value = speaker.name;
    item.label = speaker.name + " · " + role + speaker.quote_count + " quote" + (speaker.quote_count === 1 ? "" : "s");
    return item;
  }

  function suggest(input) {
    var text = input.value.trim();
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || text.length < 2) {
      return;
    }
    fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || input.value.trim() !== text || !data.results.length) {
          return;
        }
        list.replaceChildren.apply(list, data.results.map(option));
      })
      .catch(function () { /* the page's own list stays */ });
  }

  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(input); }, 150);
    });
  });
})();
