/* Alliances static explorers, part 4 of 4: controls.
 * Starts every explorer on the page: enables its inputs (the page ships them disabled, so
 * without JavaScript nothing looks live that does nothing), wires the sliders and the
 * "Save or share" buttons, and applies the settings in the page's link. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;

  function start(root) {
    if (root.getAttribute("data-ready")) { return null; }
    var source = root.querySelector("script.ae-data");
    if (!source) { return null; }
    var data = JSON.parse(source.textContent);
    var state = {
      root: root, data: data, inputs: {}, outputs: {}, figure: null,
      plot: root.querySelector(".ae-plot"), summary: root.querySelector(".ae-summary"),
      status: root.querySelector(".ae-status")
    };
    var byName = Object.create(null);
    Array.prototype.forEach.call(root.querySelectorAll("form.ae-controls input[name]"), function (input) {
      byName[input.getAttribute("name")] = input;
    });
    data.controls.forEach(function (control) {
      var input = byName[control.name];
      state.inputs[control.name] = input;
      input.disabled = false;
      if (!control.toggle) { state.outputs[control.name] = root.querySelector('output[for="' + input.id + '"]'); }
    });
    E.explorers[data.explorer] = state;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector("form");
    // "input" alone: sliders and checkboxes both fire it, and "change" after it would redraw twice
    form.addEventListener("input", function () { E.update(state).then(E.links.keepInUrl); E.say(state, ""); });
    var tools = root.querySelector(".ae-tools");
    if (tools && state.status) {
      var file = tools.querySelector(".ae-file");
      tools.addEventListener("click", function (event) {
        var action = event.target.getAttribute && event.target.getAttribute("data-action");
        if (action === "save-json") { E.files.download(state, "json"); }
        else if (action === "save-csv") { E.files.download(state, "csv"); }
        else if (action === "load") { file.value = ""; file.click(); }
        else if (action === "link") { E.links.shareLink(state); }
        else if (action === "reset") {
          E.writeIndices(state, data.initial);
          E.update(state).then(E.links.keepInUrl);
          E.say(state, "Back to the starting point.");
        }
      });
      file.addEventListener("change", function () { E.files.loadFile(state, file.files && file.files[0]); });
      tools.hidden = false;
    }
    if (E.embed) { E.embed.attach(state); } // explorer-embed.js: the iframe snippet
    document.addEventListener("alliances-theme-change", function () { E.update(state); });
    return state;
  }

  function startAll() {
    if (!window.Plotly) { window.setTimeout(startAll, 50); return; }
    Array.prototype.forEach.call(document.querySelectorAll(".alliances-explorer"), start);
    var touched = E.links.applyFragment(window.location.hash);
    Object.keys(E.explorers).forEach(function (id) { if (touched.indexOf(id) < 0) { E.update(E.explorers[id]); } });
    if (touched.length) { E.explorers[touched[0]].root.scrollIntoView({block: "start"}); }
    window.addEventListener("hashchange", function () {
      var moved = E.links.applyFragment(window.location.hash);
      if (moved.length) { E.explorers[moved[0]].root.scrollIntoView({block: "start"}); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", startAll); }
  else { startAll(); }
})();
