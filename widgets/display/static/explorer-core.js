/* Alliances static explorers, part 1 of 4: state and lookup.
 * Switches precomputed figures when a control moves. No model logic here: every value shown
 * was computed in Python at build time (widgets/static_explorer.py). Text is inserted with
 * textContent only. The other parts (explorer-files.js, explorer-links.js,
 * explorer-controls.js) use what this one puts on window.AlliancesExplorer. */
(function () {
  "use strict";

  var explorers = Object.create(null); // explorer id -> state (only ids found in this page)

  function clone(value) { return JSON.parse(JSON.stringify(value)); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function short(text) { text = String(text); return text.length > 40 ? text.slice(0, 40) + "…" : text; }
  function quote(text) { return "'" + short(text) + "'"; }

  function setPath(target, path, value) {
    var node = target;
    for (var i = 0; i < path.length - 1; i++) { node = node[path[i]]; }
    node[path[path.length - 1]] = clone(value);
  }

  // Long texts are stored as lists of shared pieces: {"p": [ids]} (see static_explorer.py).
  function unpack(data, value) {
    if (value && typeof value === "object" && !Array.isArray(value) && Array.isArray(value.p)) {
      return value.p.map(function (i) { return data.pieces[i]; }).join(" ");
    }
    return value;
  }

  function readIndices(state) {
    return state.data.controls.map(function (control) {
      var input = state.inputs[control.name];
      if (!input) { return 0; }
      if (control.toggle) { return input.checked ? 1 : 0; }
      var n = parseInt(input.value, 10);
      var top = control.labels.length - 1;
      return isNaN(n) ? 0 : Math.min(Math.max(n, 0), top);
    });
  }

  function writeIndices(state, indices) {
    state.data.controls.forEach(function (control, i) {
      var input = state.inputs[control.name];
      if (control.toggle) { input.checked = indices[i] === 1; } else { input.value = String(indices[i]); }
    });
  }

  function figureFor(data, indices) {
    var position = 0;
    for (var i = 0; i < indices.length; i++) { position += indices[i] * data.strides[i]; }
    var row = data.index[position];
    var fig = clone(data.figure);
    for (var k = 0; k < data.paths.length; k++) { setPath(fig, data.paths[k], unpack(data, data.values[k][row[k]])); }
    return fig;
  }

  function themed(fig, plot) {
    return window.AlliancesTheme ? window.AlliancesTheme.style(fig, plot) : fig;
  }

  /* Draw the combination the controls show; resolves once Plotly has drawn it. */
  function update(state) {
    var root = state.root, data = state.data;
    var indices = readIndices(state);
    data.controls.forEach(function (control, i) {
      if (control.toggle) { return; }
      var input = state.inputs[control.name];
      var text = control.labels[indices[i]];
      if (state.outputs[control.name]) { state.outputs[control.name].textContent = text; }
      input.setAttribute("aria-valuetext", text);
    });
    var fig = figureFor(data, indices);
    state.figure = fig;
    var meta = fig.layout && fig.layout.meta;
    if (state.summary && meta && typeof meta.description === "string") { state.summary.textContent = meta.description; }
    var drawn = themed(fig, state.plot);
    var started = performance.now();
    return window.Plotly.react(state.plot, drawn.data, drawn.layout, data.config).then(function () {
      root.setAttribute("data-last-update-ms", String(performance.now() - started));
      root.setAttribute("data-combination", indices.join(","));
      state.plot.setAttribute("data-fit", drawn.fit || "wide");
    });
  }

  function say(state, text, isError) {
    state.status.textContent = text;
    state.status.classList.toggle("ae-error", Boolean(isError));
  }

  window.AlliancesExplorer = {
    explorers: explorers, clone: clone, has: has, short: short, quote: quote,
    readIndices: readIndices, writeIndices: writeIndices, figureFor: figureFor, update: update, say: say
  };
})();
