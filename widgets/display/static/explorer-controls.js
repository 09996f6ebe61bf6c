/* Alliances static explorers, part 4 of 4: controls.
 * Starts every explorer on the page: enables its inputs (the page ships them disabled, so
 * without JavaScript nothing looks live that does nothing), wires the sliders and the
 * "Save or share" menu, greys out a control that cannot act (closeness to victory in peace),
 * offers the chapter's "Try this" steps inside the explorer, and applies the settings in the
 * page's link. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;

  // The "Save or share" menu: data-action -> what it does (the buttons come from
  // static_explorer.SHARE_ACTIONS; add an item in both places).
  var ACTIONS = {
    "save-json": function (state) { E.files.download(state, "json"); },
    "save-csv": function (state) { E.files.download(state, "csv"); },
    "load": function (state) { state.file.value = ""; state.file.click(); },
    "link": function (state) { E.links.shareLink(state); },
    "reset": function (state) {
      E.writeIndices(state, state.data.initial);
      E.update(state).then(E.links.keepInUrl);
      E.say(state, "Back to the starting point.");
    }
  };

  /* A control that needs a box ticked (data "needs") is disabled, and says so, while it is not. */
  function applyNeeds(state) {
    state.data.controls.forEach(function (control) {
      if (!control.needs || !state.inputs[control.needs]) { return; }
      var off = !state.inputs[control.needs].checked;
      var input = state.inputs[control.name];
      input.disabled = off;
      var row = input.closest(".ae-control");
      if (row) { row.classList.toggle("ae-inactive", off); }
    });
  }

  // Every update (sliders, reset, loaded files, links) first greys out what cannot act.
  var draw = E.update;
  E.update = function (state) { applyNeeds(state); return draw(state); };

  /* The "Try this" steps that follow the explorer in the chapter, copied into a fold inside it. */
  function offerSteps(root) {
    var fold = root.querySelector(".ae-steps");
    var cell = root.closest(".cell") || root;
    if (!fold) { return; }
    var node = cell.nextElementSibling, section = null;
    for (var hops = 0; node && hops < 3 && !section; hops++, node = node.nextElementSibling) {
      if (node.querySelector && node.querySelector(".alliances-explorer")) { break; }
      var candidates = [node].concat(Array.prototype.slice.call(node.querySelectorAll ? node.querySelectorAll("section") : []));
      for (var i = 0; i < candidates.length && !section; i++) {
        var heading = candidates[i].querySelector(":scope > h2, :scope > h3, :scope > h4, :scope > h5");
        if (candidates[i].tagName === "SECTION" && heading && /(^|[\s.])Try this\b/.test(heading.textContent)) { section = candidates[i]; }
      }
    }
    if (!section) { return; }
    var list = section.querySelector(":scope > ul, :scope > ol");
    if (!list) { return; }
    var body = fold.querySelector(".ae-steps-body");
    var lead = list.previousElementSibling;
    if (lead && lead.tagName === "P") { body.appendChild(lead.cloneNode(true)); }
    body.appendChild(list.cloneNode(true));
    Array.prototype.forEach.call(body.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    fold.hidden = false;
  }

  function start(root) {
    if (root.getAttribute("data-ready")) { return null; }
    var source = root.querySelector("script.ae-data");
    if (!source) { return null; }
    var data = JSON.parse(source.textContent);
    var state = {
      root: root, data: data, inputs: {}, outputs: {}, figure: null,
      plot: root.querySelector(".ae-plot"), summary: root.querySelector(".ae-summary"),
      status: root.querySelector(".ae-status"), file: root.querySelector(".ae-file")
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
    applyNeeds(state);
    E.explorers[data.explorer] = state;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector("form");
    // "input" alone: sliders and checkboxes both fire it, and "change" after it would redraw twice
    form.addEventListener("input", function () { E.update(state).then(E.links.keepInUrl); E.say(state, ""); });
    var share = root.querySelector(".ae-share");
    if (share && state.status && state.file) {
      share.addEventListener("click", function (event) {
        var action = event.target.getAttribute && event.target.getAttribute("data-action");
        if (action && Object.prototype.hasOwnProperty.call(ACTIONS, action)) { ACTIONS[action](state); }
      });
      state.file.addEventListener("change", function () { E.files.loadFile(state, state.file.files && state.file.files[0]); });
      share.hidden = false;
    }
    var codebook = root.querySelector(".ae-codebook a[data-site-path]");
    var siteRoot = document.documentElement.getAttribute("data-content_root");
    if (codebook && siteRoot !== null) { codebook.setAttribute("href", siteRoot + codebook.getAttribute("data-site-path")); }
    offerSteps(root);
    E.files.startNotes(state);
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
