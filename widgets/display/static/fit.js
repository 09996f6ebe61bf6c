/* Alliances: figures that fit the width they are drawn at.
 * AlliancesFit.fit(fig, width) returns the figure laid out for a plot `width` px wide:
 * - below NARROW px it applies the figure's own narrow layout, written by the Python builder
 *   into layout.meta.narrow as {"layout": {path: value}, "traces": {index: {path: value}}}
 *   (paths as in Plotly.relayout: "xaxis.domain", "annotations[2].y"): panels stacked, a taller
 *   figure, shorter labels;
 * - at every width it wraps the title and the panel titles (paper annotations) to the width
 *   (an annotation whose unbroken text is in layout.meta.unwrapped[index] is wrapped afresh),
 *   grows the top margin to hold them, and lets every axis push the margins for its labels
 *   (automargin).
 * No figure data is computed here: the narrow layout comes precomputed with the figure.
 * theme.js calls fit() for every figure it styles; explorer-core.js through theme.js. */
(function () {
  "use strict";
  var NARROW = 600;          // px: below this width panels are stacked
  var CHAR = 0.62;           // average glyph width of the book's sans-serif (wide ones, bold), in ems
  var LINE = 1.3;            // line height, in ems

  function mode(width) { return width > 0 && width < NARROW ? "narrow" : "wide"; }

  function setPath(target, path, value) {
    var parts = [];
    path.split(".").forEach(function (part) {
      var m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
      if (!m) { parts.push(part); return; }
      parts.push(m[1]);
      (m[2].match(/\d+/g) || []).forEach(function (i) { parts.push(Number(i)); });
    });
    var node = target;
    for (var i = 0; i < parts.length - 1; i++) {
      if (node[parts[i]] === undefined || node[parts[i]] === null) {
        node[parts[i]] = typeof parts[i + 1] === "number" ? [] : {};
      }
      node = node[parts[i]];
    }
    node[parts[parts.length - 1]] = JSON.parse(JSON.stringify(value));
  }

  function visibleLength(text) { return text.replace(/<[^>]*>/g, "").length; }

  /* Break `text` (Plotly's pseudo-HTML) at spaces so that no line has more than `chars` visible characters. */
  function wrap(text, chars) {
    if (typeof text !== "string") { return text; }
    return text.split(/<br\s*\/?>/i).map(function (line) {
      if (visibleLength(line) <= chars) { return line; }
      var out = [], current = "";
      line.split(" ").forEach(function (word) {
        var candidate = current ? current + " " + word : word;
        if (current && visibleLength(candidate) > chars) { out.push(current); current = word; }
        else { current = candidate; }
      });
      if (current) { out.push(current); }
      return out.join("<br>");
    }).join("<br>");
  }

  function lines(text) { return typeof text === "string" ? text.split(/<br\s*\/?>/i).length : 0; }

  function fontSize(node, fallback) { return (node && node.font && node.font.size) || fallback; }

  function applyNarrow(fig) {
    var narrow = fig.layout.meta && fig.layout.meta.narrow;
    if (!narrow) { return; }
    Object.keys(narrow.layout || {}).forEach(function (path) { setPath(fig.layout, path, narrow.layout[path]); });
    Object.keys(narrow.traces || {}).forEach(function (index) {
      var trace = fig.data[Number(index)], changes = narrow.traces[index];
      if (trace) { Object.keys(changes).forEach(function (path) { setPath(trace, path, changes[path]); }); }
    });
  }

  /* The figure {data, layout} laid out for a plot `width` px wide (a new object). */
  function fit(fig, width) {
    var out = JSON.parse(JSON.stringify({data: fig.data || [], layout: fig.layout || {}}));
    if (fig.frames) { out.frames = JSON.parse(JSON.stringify(fig.frames)); }
    var layout = out.layout, how = mode(width);
    if (how === "narrow") { applyNarrow(out); }
    if (!(width > 0)) { return out; }
    var base = fontSize(layout, 13);
    var margin = layout.margin = layout.margin || {};
    // the axes' automargin may still widen the left margin (long tick labels): wrap for at least 90 px
    var inner = width - Math.max(90, margin.l === undefined ? 80 : margin.l) - (margin.r === undefined ? 80 : margin.r);
    var tall = (layout.height || 450) - (margin.t || 0) - (margin.b || 0);
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (!/^[xy]axis[0-9]*$/.test(key) || !axis || typeof axis !== "object") { return; }
      if (axis.automargin === undefined) { axis.automargin = true; }
      // an axis title no longer than its axis
      var title = axis.title && typeof axis.title.text === "string" ? axis.title : null;
      if (title) {
        var domain = axis.domain || [0, 1], length = (domain[1] - domain[0]) * (key[0] === "x" ? inner : tall);
        title.text = wrap(title.text, Math.max(12, Math.floor(length / (CHAR * fontSize(title, base)))));
      }
    });
    // panel titles and notes: wrap each to the width its panel leaves it
    var above = 0; // height the annotations above the plotting area need
    var unwrapped = (layout.meta && layout.meta.unwrapped) || {};
    (layout.annotations || []).forEach(function (note, index) {
      if (note.xref !== "paper" || typeof note.text !== "string" || note.showarrow) { return; }
      if (typeof unwrapped[String(index)] === "string") { note.text = unwrapped[String(index)]; }
      var size = fontSize(note, base), x = typeof note.x === "number" ? note.x : 0.5;
      var room = note.xanchor === "left" ? (1 - x) * inner : note.xanchor === "right" ? x * inner
        : 2 * Math.min(x, 1 - x) * inner;
      room = Math.max(room, inner * 0.45);
      note.text = wrap(note.text, Math.max(12, Math.floor(room / (CHAR * size))));
      if (note.yref === "paper" && note.y >= 1 && note.yanchor === "bottom") {
        above = Math.max(above, lines(note.text) * LINE * size + 4);
      }
    });
    // the title: wrapped to the whole width, hung from the top, with the margin grown to hold it
    var title = layout.title;
    if (title && typeof title.text === "string" && title.text) {
      var size = fontSize(title, 17);
      title.text = wrap(title.text, Math.max(16, Math.floor((width - 20) / (CHAR * size))));
      // Plotly hangs a multi-line title from its first line: lower it by the lines below that
      var height = layout.height || 450;
      title.yref = "container"; title.yanchor = "top";
      title.y = Math.max(0.5, 1 - ((lines(title.text) - 1) * LINE * size) / height);
      title.pad = {t: 8, b: 0, l: 0, r: 0};
      var needed = Math.ceil(8 + lines(title.text) * LINE * size + 8 + above);
      margin.t = Math.max(margin.t === undefined ? 100 : margin.t, needed);
      var chars = Math.max(16, Math.floor((width - 20) / (CHAR * size)));
      (out.frames || []).forEach(function (frame) { // an animation's titles change with its frames
        var t = frame.layout && frame.layout.title;
        if (t && typeof t.text === "string") { t.text = wrap(t.text, chars); }
      });
    }
    return out;
  }

  window.AlliancesFit = {fit: fit, mode: mode, wrap: wrap, NARROW: NARROW};
})();
