/* Alliances static explorers: switch precomputed figures when a control moves.
 * No model logic here: every value shown was computed in Python at build time
 * (widgets/static_explorer.py). Text is inserted with textContent only.
 *
 * Also: scenario files (save/load JSON and CSV, the format of widgets/scenario_file.py, checked
 * by the same rules) and shareable links: the page URL's fragment keeps the settings of every
 * explorer that was moved, e.g. #ch1-sources.aggregate_power=0.75&ch1-sources.proximity=1.00.
 * A fragment or file is only ever used to look up known controls and grid values: anything
 * else is ignored (fragment) or refused with a message (file), and nothing of it reaches the page. */
(function () {
  "use strict";

  var explorers = Object.create(null); // explorer id -> state (only ids found in this page)

  function clone(value) { return JSON.parse(JSON.stringify(value)); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

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

  function inputOf(state, control) { return state.inputs[control.name]; }

  function readIndices(state) {
    return state.data.controls.map(function (control) {
      var input = inputOf(state, control);
      if (!input) { return 0; }
      if (control.toggle) { return input.checked ? 1 : 0; }
      var n = parseInt(input.value, 10);
      var top = control.labels.length - 1;
      return isNaN(n) ? 0 : Math.min(Math.max(n, 0), top);
    });
  }

  function writeIndices(state, indices) {
    state.data.controls.forEach(function (control, i) {
      var input = inputOf(state, control);
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

  function themed(fig) {
    return window.AlliancesTheme ? window.AlliancesTheme.style(fig) : fig;
  }

  function update(state) {
    var root = state.root, data = state.data;
    var indices = readIndices(state);
    data.controls.forEach(function (control, i) {
      if (control.toggle) { return; }
      var input = inputOf(state, control);
      var text = control.labels[indices[i]];
      if (state.outputs[control.name]) { state.outputs[control.name].textContent = text; }
      input.setAttribute("aria-valuetext", text);
    });
    var fig = figureFor(data, indices);
    state.figure = fig;
    var meta = fig.layout && fig.layout.meta;
    if (state.summary && meta && typeof meta.description === "string") { state.summary.textContent = meta.description; }
    var drawn = themed(fig);
    var started = performance.now();
    return window.Plotly.react(state.plot, drawn.data, drawn.layout, data.config).then(function () {
      root.setAttribute("data-last-update-ms", String(performance.now() - started));
      root.setAttribute("data-combination", indices.join(","));
    });
  }

  function say(state, text, isError) {
    state.status.textContent = text;
    state.status.classList.toggle("ae-error", Boolean(isError));
  }

  // ------------------------------------------------------------------ scenario files

  function valuesOf(state, indices) {
    var out = {};
    state.data.controls.forEach(function (control, i) { out[control.name] = control.values[indices[i]]; });
    return out;
  }

  function prediction(state) {
    var meta = (state.figure && state.figure.layout && state.figure.layout.meta) || {};
    var out = {summary: typeof meta.description === "string" ? meta.description : ""};
    if (meta.result && typeof meta.result === "object") {
      Object.keys(meta.result).forEach(function (key) { out[key] = meta.result[key]; });
    }
    return out;
  }

  function record(state) {
    return {
      format: state.data.format.name,
      version: state.data.format.version,
      explorer: state.data.explorer,
      title: state.data.title,
      controls: valuesOf(state, readIndices(state)),
      prediction: prediction(state)
    };
  }

  function flatten(prefix, value, out) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      Object.keys(value).forEach(function (key) { flatten(prefix ? prefix + "." + key : key, value[key], out); });
    } else {
      out.push([prefix, value]);
    }
  }

  function csvCell(value) {
    var text = typeof value === "boolean" ? (value ? "true" : "false") : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(rec) {
    var flat = [];
    ["format", "version", "explorer", "title"].forEach(function (key) { flat.push([key, rec[key]]); });
    flatten("control", rec.controls, flat);
    flatten("prediction", rec.prediction, flat);
    return flat.map(function (p) { return csvCell(p[0]); }).join(",") + "\r\n" +
      flat.map(function (p) { return csvCell(p[1]); }).join(",") + "\r\n";
  }

  function parseCsv(text) { // RFC 4180: quoted fields, doubled quotes, CRLF or LF
    var rows = [], row = [], cell = "", quoted = false, i = 0;
    while (i < text.length) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') { quoted = false; i++; continue; }
        cell += ch; i++; continue;
      }
      if (ch === '"' && cell === "") { quoted = true; i++; continue; }
      if (ch === '"') { throw new Error("not valid CSV (a quote inside an unquoted field)"); }
      if (ch === ",") { row.push(cell); cell = ""; i++; continue; }
      if (ch === "\r" || ch === "\n") {
        row.push(cell); cell = "";
        if (row.length > 1 || row[0] !== "") { rows.push(row); }
        row = [];
        i += (ch === "\r" && text[i + 1] === "\n") ? 2 : 1;
        continue;
      }
      cell += ch; i++;
    }
    if (quoted) { throw new Error("not valid CSV (unterminated quoted field)"); }
    row.push(cell);
    if (row.length > 1 || row[0] !== "") { rows.push(row); }
    return rows;
  }

  var HEAD = ["format", "version", "explorer", "title"];

  function fromCsv(text) {
    var rows = parseCsv(text);
    if (rows.length !== 2) { throw new Error("a CSV scenario has one header row and one data row, got " + rows.length + " rows"); }
    var header = rows[0], cells = rows[1];
    if (header.length !== cells.length) {
      throw new Error("the CSV header has " + header.length + " columns but the data row has " + cells.length);
    }
    var seen = Object.create(null);
    var rec = {controls: Object.create(null), prediction: Object.create(null)};
    header.forEach(function (name, i) {
      if (seen[name]) { throw new Error("the CSV header names a column twice"); }
      seen[name] = true;
      var cell = cells[i];
      if (HEAD.indexOf(name) >= 0) {
        rec[name] = (name === "version" && /^[0-9]+$/.test(cell)) ? parseInt(cell, 10) : cell;
      } else if (name.indexOf("control.") === 0 && name.length > 8) {
        var raw = cell.trim().toLowerCase();
        var value = (raw === "true" || raw === "yes") ? true : (raw === "false" || raw === "no") ? false : Number(cell);
        if (typeof value === "number" && (cell.trim() === "" || isNaN(value))) {
          throw new Error(short(name) + " must be a number, got " + quote(cell));
        }
        rec.controls[name.slice(8)] = value;
      } else if (name.indexOf("prediction.") === 0) {
        rec.prediction[name.slice(11)] = cell;
      } else {
        throw new Error("unknown CSV column " + quote(name) + " (allowed: " + HEAD.join(", ") + ", control.*, prediction.*)");
      }
    });
    return rec;
  }

  function short(text) { text = String(text); return text.length > 40 ? text.slice(0, 40) + "…" : text; }
  function quote(text) { return "'" + short(text) + "'"; }

  function parseRecord(text) {
    text = text.replace(/^\ufeff/, "");
    if (/^\s*\{/.test(text)) {
      var rec;
      try { rec = JSON.parse(text); } catch (e) { throw new Error("not valid JSON"); }
      if (!rec || typeof rec !== "object" || Array.isArray(rec)) { throw new Error("the JSON must be an object"); }
      return rec;
    }
    return fromCsv(text);
  }

  /* The same checks as scenario_file.check_record; returns level indices, or throws. */
  function checkRecord(state, rec) {
    var data = state.data;
    if (rec.format !== data.format.name) { throw new Error("format must be '" + data.format.name + "', got " + quote(rec.format)); }
    if (rec.version !== data.format.version) { throw new Error("version must be " + data.format.version + ", got " + quote(rec.version)); }
    if (rec.explorer !== data.explorer) {
      throw new Error("it was saved from explorer " + quote(rec.explorer) + ", not from this one ('" + data.explorer + "', '" + data.title + "')");
    }
    var given = rec.controls;
    if (!given || typeof given !== "object" || Array.isArray(given)) { throw new Error("controls must be an object of control names and values"); }
    var names = data.controls.map(function (c) { return c.name; });
    var missing = names.filter(function (n) { return !has(given, n); });
    var unknown = Object.keys(given).filter(function (n) { return names.indexOf(n) < 0; }).map(short);
    if (missing.length || unknown.length) {
      var parts = [];
      if (missing.length) { parts.push("missing " + missing.join(", ")); }
      if (unknown.length) { parts.push("unknown " + unknown.join(", ")); }
      throw new Error("controls " + parts.join("; ") + " (this explorer's controls: " + names.join(", ") + ")");
    }
    return data.controls.map(function (control) {
      var raw = given[control.name];
      if (control.toggle) {
        if (typeof raw !== "boolean") { throw new Error("control " + control.name + " must be true or false, got " + quote(raw)); }
        return raw ? 1 : 0;
      }
      if (typeof raw !== "number" || !isFinite(raw)) { throw new Error("control " + control.name + " must be a number, got " + quote(raw)); }
      for (var i = 0; i < control.values.length; i++) {
        if (Math.abs(control.values[i] - raw) <= 1e-6) { return i; }
      }
      throw new Error("control " + control.name + " must be one of " + control.labels.join(", ") + ", got " + short(raw));
    });
  }

  function download(state, kind) {
    var rec = record(state);
    var text = kind === "csv" ? toCsv(rec) : JSON.stringify(rec, null, 2) + "\n";
    var blob = new Blob([text], {type: kind === "csv" ? "text/csv" : "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = state.data.explorer + "-scenario." + kind;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    say(state, "Saved " + link.download + ". Load it back here, or in the live notebook, to reproduce this scenario.");
  }

  function loadFile(state, file) {
    if (!file) { return; }
    if (file.size > state.data.format.max_bytes) {
      say(state, "Not loaded: " + short(file.name) + " is too large for a scenario file (at most " + state.data.format.max_bytes + " bytes). Nothing was changed.", true);
      return;
    }
    file.text().then(function (text) {
      var indices, rec;
      try {
        rec = parseRecord(text);
        indices = checkRecord(state, rec);
      } catch (e) {
        say(state, "Not loaded: " + e.message + ". Nothing was changed.", true);
        return;
      }
      writeIndices(state, indices);
      update(state).then(function () {
        keepInUrl();
        var recorded = rec.prediction && rec.prediction.summary;
        say(state, recorded && recorded !== prediction(state).summary
          ? "Scenario loaded. Note: the file recorded a different prediction; the one shown is today's model."
          : "Scenario loaded.");
      });
    }, function () { say(state, "Not loaded: the file could not be read. Nothing was changed.", true); });
  }

  // ------------------------------------------------------------------ links (URL fragment)

  /* "id.control=label" for every control; with onlyMoved, none for an explorer at its start. */
  function fragmentEntries(state, onlyMoved) {
    var indices = readIndices(state);
    var moved = indices.some(function (v, i) { return v !== state.data.initial[i]; });
    if (onlyMoved && !moved) { return []; }
    return state.data.controls.map(function (control, i) {
      return encodeURIComponent(state.data.explorer + "." + control.name) + "=" + encodeURIComponent(control.labels[indices[i]]);
    });
  }

  function currentFragment() {
    var entries = [];
    Object.keys(explorers).forEach(function (id) { entries = entries.concat(fragmentEntries(explorers[id], true)); });
    return entries.join("&");
  }

  function isStateFragment(hash) { return /^#[^#]*=/.test(hash); }

  function keepInUrl() {
    if (!window.history || !window.history.replaceState) { return; }
    var fragment = currentFragment();
    var hash = window.location.hash;
    if (!fragment && !isStateFragment(hash)) { return; } // leave a section anchor alone
    var url = window.location.pathname + window.location.search + (fragment ? "#" + fragment : "");
    window.history.replaceState(window.history.state, "", url);
  }

  /* Apply a fragment's settings: unknown explorers, controls or values are ignored. */
  function applyFragment(hash) {
    if (!isStateFragment(hash)) { return []; }
    var wanted = Object.create(null);
    hash.slice(1).split("&").forEach(function (entry) {
      var eq = entry.indexOf("=");
      if (eq < 1) { return; }
      var key, value;
      try { key = decodeURIComponent(entry.slice(0, eq)); value = decodeURIComponent(entry.slice(eq + 1)); } catch (e) { return; }
      var dot = key.indexOf(".");
      if (dot < 1) { return; }
      var id = key.slice(0, dot), name = key.slice(dot + 1);
      if (!has(explorers, id)) { return; }
      var state = explorers[id];
      state.data.controls.forEach(function (control, i) {
        var level = control.labels.indexOf(value);
        if (control.name === name && level >= 0) {
          if (!wanted[id]) { wanted[id] = readIndices(state); }
          wanted[id][i] = level;
        }
      });
    });
    var touched = Object.keys(wanted);
    touched.forEach(function (id) { writeIndices(explorers[id], wanted[id]); update(explorers[id]); });
    return touched;
  }

  /* The link shows at once (a browser waiting on a permission prompt still gives it); it says
     "Link copied" only once the clipboard call has succeeded. The base is location.href without
     its fragment: Firefox gives location.origin "null" on file:// pages. */
  function shareLink(state) {
    var base = window.location.href.split("#")[0];
    var url = base + "#" + fragmentEntries(state, false).join("&");
    say(state, "Copy this link: " + url);
    try {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { say(state, "Link copied: " + url); }, function () {});
      }
    } catch (e) { /* the link is already on screen */ }
  }

  // ------------------------------------------------------------------ start

  function start(root) {
    if (root.getAttribute("data-ready")) { return; }
    var source = root.querySelector("script.ae-data");
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var state = {
      root: root, data: data, inputs: {}, outputs: {}, figure: null,
      plot: root.querySelector(".ae-plot"), summary: root.querySelector(".ae-summary"),
      status: root.querySelector(".ae-status")
    };
    data.controls.forEach(function (control) {
      var input = root.querySelector('[name="' + control.name + '"]');
      state.inputs[control.name] = input;
      if (!control.toggle) { state.outputs[control.name] = root.querySelector('output[for="' + input.id + '"]'); }
    });
    explorers[data.explorer] = state;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector("form");
    var handler = function () { update(state).then(keepInUrl); say(state, ""); };
    form.addEventListener("input", handler);
    form.addEventListener("change", handler);
    var tools = root.querySelector(".ae-tools");
    if (tools && state.status) {
      var file = tools.querySelector(".ae-file");
      tools.addEventListener("click", function (event) {
        var action = event.target.getAttribute && event.target.getAttribute("data-action");
        if (action === "save-json") { download(state, "json"); }
        else if (action === "save-csv") { download(state, "csv"); }
        else if (action === "load") { file.value = ""; file.click(); }
        else if (action === "link") { shareLink(state); }
        else if (action === "reset") { writeIndices(state, data.initial); update(state).then(keepInUrl); say(state, "Back to the starting point."); }
      });
      file.addEventListener("change", function () { loadFile(state, file.files && file.files[0]); });
      tools.hidden = false;
    }
    document.addEventListener("alliances-theme-change", function () { update(state); });
    return state;
  }

  function startAll() {
    if (!window.Plotly) { window.setTimeout(startAll, 50); return; }
    Array.prototype.forEach.call(document.querySelectorAll(".alliances-explorer"), start);
    var touched = applyFragment(window.location.hash);
    Object.keys(explorers).forEach(function (id) { if (touched.indexOf(id) < 0) { update(explorers[id]); } });
    if (touched.length) { explorers[touched[0]].root.scrollIntoView({block: "start"}); }
    window.addEventListener("hashchange", function () {
      var moved = applyFragment(window.location.hash);
      if (moved.length) { explorers[moved[0]].root.scrollIntoView({block: "start"}); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", startAll); }
  else { startAll(); }
})();
