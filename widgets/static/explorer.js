/* Alliances static explorers: switch precomputed figures when a control moves.
 * No model logic here: every value shown was computed in Python at build time
 * (widgets/static_explorer.py). Text is inserted with textContent only. */
(function () {
  "use strict";

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

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

  function readIndices(root, data) {
    return data.controls.map(function (control) {
      var input = root.querySelector('[name="' + control.name + '"]');
      if (!input) { return 0; }
      if (control.toggle) { return input.checked ? 1 : 0; }
      var n = parseInt(input.value, 10);
      var top = control.labels.length - 1;
      return isNaN(n) ? 0 : Math.min(Math.max(n, 0), top);
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

  function update(root, data, plot, summary) {
    var indices = readIndices(root, data);
    data.controls.forEach(function (control, i) {
      if (control.toggle) { return; }
      var input = root.querySelector('[name="' + control.name + '"]');
      var out = root.querySelector('output[for="' + input.id + '"]');
      var text = control.labels[indices[i]];
      if (out) { out.textContent = text; }
      input.setAttribute("aria-valuetext", text);
    });
    var fig = figureFor(data, indices);
    var meta = fig.layout && fig.layout.meta;
    if (summary && meta && typeof meta.description === "string") { summary.textContent = meta.description; }
    var started = performance.now();
    return window.Plotly.react(plot, fig.data, fig.layout, data.config).then(function () {
      root.setAttribute("data-last-update-ms", String(performance.now() - started));
      root.setAttribute("data-combination", indices.join(","));
    });
  }

  function start(root) {
    if (root.getAttribute("data-ready")) { return; }
    var source = root.querySelector("script.ae-data");
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var plot = root.querySelector(".ae-plot");
    var summary = root.querySelector(".ae-summary");
    root.setAttribute("data-ready", "1");
    var form = root.querySelector("form");
    var handler = function () { update(root, data, plot, summary); };
    form.addEventListener("input", handler);
    form.addEventListener("change", handler);
    update(root, data, plot, summary);
  }

  function startAll() {
    if (!window.Plotly) { window.setTimeout(startAll, 50); return; }
    Array.prototype.forEach.call(document.querySelectorAll(".alliances-explorer"), start);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", startAll); }
  else { startAll(); }
})();
