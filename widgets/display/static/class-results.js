/* Alliances "Class results" page: many scenario files read at once, in the reader's browser.
 * Nothing is uploaded. Every file is read by explorer-files.js (parseRecord, checkHead: the rules
 * in the page's data, scenario_rules.RULES) and checked as widgets/io/class_results.py checks it;
 * a bad file is listed with its problem and the others are kept. Agreement among coders of the
 * same explorer is Krippendorff's alpha at interval level, the formula of widgets/io/agreement.py
 * (the krippendorff package there; a test checks both give the same value). Text is inserted with
 * textContent only. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;
  var F = E.files;

  function fail(source, text) { throw new Error(source + ": " + text); }

  /* class_results.number_text */
  function numberText(value) { return typeof value === "boolean" ? (value ? "yes" : "no") : String(value); }

  /* class_results.prediction_text */
  function predictionText(rules, prediction) {
    if (!prediction || typeof prediction !== "object" || Array.isArray(prediction)) { return ""; }
    if (typeof prediction.choice === "string" && prediction.choice) { return F.unguarded(rules, prediction.choice); }
    return typeof prediction.summary === "string" ? F.unguarded(rules, prediction.summary) : "";
  }

  /* class_results.check_class_record */
  function checkClassRecord(rules, rec, source) {
    var texts = F.checkHead(rules, rec, source);
    var explorer = rec.explorer;
    if (typeof explorer !== "string" || !E.has(rules.explorer_chapters, explorer)) {
      fail(source, "explorer must be one of this book's explorers, got " + F.described(rules, explorer));
    }
    var given = rec.controls;
    if (!given || typeof given !== "object" || Array.isArray(given) || !Object.keys(given).length) {
      fail(source, "controls must be an object of control names and values, got " + F.described(rules, given));
    }
    var controls = {};
    Object.keys(given).forEach(function (name) {
      var value = given[name];
      if (typeof value !== "boolean" && (typeof value !== "number" || !isFinite(value))) {
        fail(source, "control " + name + " must be a number or true/false, got " + F.described(rules, value));
      }
      controls[name] = typeof value === "boolean" ? (value ? 1 : 0) : value;
    });
    return {
      student: texts.student, explorer: explorer, chapter: rules.explorer_chapters[explorer],
      inputs: Object.keys(given).map(function (n) { return n + " " + numberText(given[n]); }).join(", "),
      prediction: predictionText(rules, rec.prediction), justification: texts.justification, controls: controls
    };
  }

  /* agreement.interval_alpha: codings[coder][unit], null where not coded; NaN if undefined.
   * D_o = (1/n) sum_u sum_{i!=j in u} (v_i - v_j)^2 / (m_u - 1), D_e = sum_{i!=j} (v_i - v_j)^2 / (n (n - 1)),
   * over the units coded by at least two coders (n values in all); alpha = 1 - D_o / D_e. */
  function intervalAlpha(codings) {
    if (codings.length < 2 || !codings[0].length) { return NaN; }
    var within = 0, n = 0, sum = 0, squares = 0;
    for (var u = 0; u < codings[0].length; u++) {
      var values = codings.map(function (row) { return row[u]; }).filter(function (v) { return v !== null && v !== undefined && !isNaN(v); });
      var m = values.length;
      if (m < 2) { continue; }
      var s = 0, s2 = 0;
      values.forEach(function (v) { s += v; s2 += v * v; });
      within += 2 * (m * s2 - s * s) / (m - 1);
      n += m; sum += s; squares += s2;
    }
    if (!n) { return NaN; }
    var expected = 2 * (n * squares - sum * sum) / (n * (n - 1));
    if (!(expected > 1e-12)) { return NaN; }
    return 1 - (within / n) / expected;
  }

  function sourceOf(rules, name) { return "scenario file " + F.shown(rules, String(name), 60); }

  function readAll(rules, files) {
    var list = Array.prototype.slice.call(files).sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
    return Promise.all(list.map(function (file) {
      if (file.size > rules.max_bytes) {
        return {name: file.name, error: sourceOf(rules, file.name) + ": " + file.size + " bytes is too large (at most " + rules.max_bytes + ")"};
      }
      return file.arrayBuffer().then(function (buffer) { return {name: file.name, bytes: new Uint8Array(buffer)}; },
        function () { return {name: file.name, error: sourceOf(rules, file.name) + ": could not be read"}; });
    }));
  }

  /* class_results.read_class, on files already read. */
  function analyse(rules, read) {
    var rows = [], problems = [];
    read.forEach(function (item) {
      var mine = [];
      problems.push({file: item.name, problems: mine});
      if (item.error) { mine.push(item.error); return; }
      try {
        var parsed = F.parseRecord(rules, item.bytes, item.name);
        var row = checkClassRecord(rules, parsed.record, parsed.source);
        row.file = item.name;
        rows.push(row);
        F.formulaWarnings(rules, parsed.record, parsed.source).forEach(function (w) { mine.push(w); });
      } catch (e) { mine.push(e.message); }
    });
    var seen = {};
    rows.forEach(function (row) {
      var key = row.student.trim().toLowerCase() + "\u0000" + row.explorer;
      row.counted = true;
      if (!row.student.trim()) { return; }
      if (E.has(seen, key)) {
        row.counted = false;
        problems.filter(function (p) { return p.file === row.file; })[0].problems.push(sourceOf(rules, row.file) +
          ": the same student and explorer as " + sourceOf(rules, seen[key]) + "; left out of the agreement");
      } else { seen[key] = row.file; }
    });
    var explorers = rows.map(function (r) { return r.explorer; }).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort();
    var agreement = explorers.map(function (explorer) {
      var mine = rows.filter(function (r) { return r.explorer === explorer; });
      var coders = mine.filter(function (r) { return r.counted; });
      var units = [];
      coders.forEach(function (r) { Object.keys(r.controls).forEach(function (n) { if (units.indexOf(n) < 0) { units.push(n); } }); });
      units.sort();
      var alpha = intervalAlpha(coders.map(function (r) { return units.map(function (u) { return E.has(r.controls, u) ? r.controls[u] : null; }); }));
      var note = coders.length < 2 ? "alpha needs at least 2 coders" : isNaN(alpha) ? "every file gives the same values: alpha is undefined" : "";
      return {explorer: explorer, chapter: rules.explorer_chapters[explorer], files: mine.length, coders: coders.length,
        inputs: units.length, alpha: alpha, note: note, units: units, rows: mine};
    });
    return {rows: rows, problems: problems.filter(function (p) { return p.problems.length; }), agreement: agreement};
  }

  // ------------------------------------------------------------------ drawing

  function cell(tag, text) { var node = document.createElement(tag); node.textContent = text; return node; }

  function fillTable(body, rows, columns) {
    body.textContent = "";
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-file", row.file);
      columns.forEach(function (c) { tr.appendChild(cell("td", row[c])); });
      body.appendChild(tr);
    });
  }

  function median(values) {
    var v = values.slice().sort(function (a, b) { return a - b; }), h = Math.floor(v.length / 2);
    return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
  }

  function round(x) { return String(Math.round(x * 100) / 100); }

  function plot(box, title, figure, description, config) {
    var wrap = document.createElement("figure");
    var div = document.createElement("div");
    div.className = "cr-plot";
    div.setAttribute("role", "img");
    div.setAttribute("aria-label", title + ": chart; the text below describes it");
    wrap.appendChild(div);
    wrap.appendChild(cell("figcaption", description));
    box.appendChild(wrap);
    var themed = window.AlliancesTheme ? window.AlliancesTheme.style(figure) : figure;
    return window.Plotly.newPlot(div, themed.data, themed.layout, config);
  }

  function figures(box, agreement, config) {
    box.textContent = "";
    var drawn = [];
    agreement.forEach(function (a) {
      box.appendChild(cell("h3", a.explorer + ", " + a.chapter));
      var traces = a.units.map(function (u) {
        return {type: "box", name: u, y: a.rows.filter(function (r) { return E.has(r.controls, u); }).map(function (r) { return r.controls[u]; }),
          boxpoints: "all", jitter: 0.4, pointpos: 0, marker: {color: "#0072B2", size: 6, opacity: 0.6}, line: {color: "#555555"},
          fillcolor: "rgba(0,0,0,0)", hoverinfo: "y+name"};
      });
      var spread = a.units.map(function (u, k) {
        var ys = traces[k].y;
        return u + ": median " + round(median(ys)) + ", from " + round(Math.min.apply(null, ys)) + " to " + round(Math.max.apply(null, ys));
      }).join("; ");
      var inputs = {data: traces, layout: {title: {text: "How " + a.files + " files coded each input"}, showlegend: false,
        yaxis: {title: {text: "value coded"}, zeroline: false}, margin: {t: 50, r: 20, b: 80, l: 60}, height: 340}};
      drawn.push(plot(box, a.explorer + " inputs", inputs, "Each input's codings across the " + a.files + " files (one dot per file): " + spread + ".", config));
      var counts = {};
      a.rows.forEach(function (r) { counts[r.prediction] = (counts[r.prediction] || 0) + 1; });
      var choices = Object.keys(counts).sort();
      var bars = {data: [{type: "bar", x: choices, y: choices.map(function (c) { return counts[c]; }), marker: {color: "#E69F00"},
        hovertemplate: "%{x}: %{y} files<extra></extra>"}],
        layout: {title: {text: "What the model predicted for these codings"}, yaxis: {title: {text: "files"}, rangemode: "tozero", tickformat: "d"},
          margin: {t: 50, r: 20, b: 80, l: 60}, height: 300}};
      drawn.push(plot(box, a.explorer + " predictions", bars, "Predictions recorded in the files: " +
        choices.map(function (c) { return c + " " + counts[c]; }).join(", ") + ".", config));
    });
    return Promise.all(drawn);
  }

  function show(root, data, result) {
    fillTable(root.querySelector(".cr-table tbody"), result.rows, data.columns);
    var list = root.querySelector(".cr-problems");
    list.textContent = "";
    if (!result.problems.length) { list.appendChild(cell("li", "None: every file was read.")); }
    result.problems.forEach(function (p) {
      var item = document.createElement("li");
      item.setAttribute("data-file", p.file);
      item.textContent = p.problems.join(" ");
      list.appendChild(item);
    });
    var body = root.querySelector(".cr-agreement tbody");
    body.textContent = "";
    result.agreement.forEach(function (a) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-explorer", a.explorer);
      [a.explorer, a.chapter, String(a.files), String(a.coders), String(a.inputs), isNaN(a.alpha) ? "undefined" : a.alpha.toFixed(3), a.note]
        .forEach(function (text) { tr.appendChild(cell("td", text)); });
      tr.setAttribute("data-alpha", isNaN(a.alpha) ? "NaN" : String(a.alpha));
      body.appendChild(tr);
    });
    root.querySelector(".cr-results").hidden = false;
    return figures(root.querySelector(".cr-figures"), result.agreement, data.config);
  }

  function load(root, data, files) {
    var status = root.querySelector(".cr-status");
    if (!files || !files.length) { return; }
    root._classFiles = Array.prototype.slice.call(files);
    root.removeAttribute("data-loaded");
    status.textContent = "Reading " + files.length + " files…";
    readAll(data.format, files).then(function (read) {
      var result = analyse(data.format, read);
      return show(root, data, result).then(function () {
        status.textContent = "Read " + files.length + " files: " + result.rows.length + " in the table, " +
          (read.length - result.rows.length) + " refused" + (result.problems.length ? "; problems are listed below." : ".");
        root.setAttribute("data-loaded", String(result.rows.length));
      });
    }).catch(function (e) {
      status.textContent = "The files could not be read: " + (e && e.message ? e.message : String(e));
    });
  }

  function start(root) {
    var source = root.querySelector("script.cr-data");
    if (!source || root.getAttribute("data-ready")) { return; }
    var data = JSON.parse(source.textContent);
    var input = root.querySelector(".cr-files"), drop = root.querySelector(".cr-drop");
    input.disabled = false;
    input.addEventListener("change", function () { load(root, data, input.files); });
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("cr-over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("cr-over"); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("cr-over");
      load(root, data, event.dataTransfer && event.dataTransfer.files);
    });
    document.addEventListener("alliances-theme-change", function () {
      if (root.getAttribute("data-loaded")) { load(root, data, root._classFiles); }
    });
    root.setAttribute("data-ready", "1");
  }

  function startAll() {
    if (!window.Plotly) { window.setTimeout(startAll, 50); return; }
    Array.prototype.forEach.call(document.querySelectorAll(".alliances-class-results"), start);
  }

  window.AlliancesClassResults = {intervalAlpha: intervalAlpha, analyse: analyse, checkClassRecord: checkClassRecord};
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", startAll); }
  else { startAll(); }
})();
