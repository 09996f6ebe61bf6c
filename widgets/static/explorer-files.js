/* Alliances static explorers, part 2 of 4: scenario files.
 * Save the explorer's settings and prediction as JSON or CSV and load one back, in the format
 * of widgets/scenario_file.py and by the same rules. A file is only ever used to look up known
 * controls and grid values: anything else is refused with a message naming the field, and
 * nothing of it reaches the page. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;
  var has = E.has, short = E.short, quote = E.quote, say = E.say, update = E.update;
  var readIndices = E.readIndices, writeIndices = E.writeIndices;


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
        E.links.keepInUrl();
        var recorded = rec.prediction && rec.prediction.summary;
        say(state, recorded && recorded !== prediction(state).summary
          ? "Scenario loaded. Note: the file recorded a different prediction; the one shown is today's model."
          : "Scenario loaded.");
      });
    }, function () { say(state, "Not loaded: the file could not be read. Nothing was changed.", true); });
  }

  E.files = {download: download, loadFile: loadFile, parseRecord: parseRecord, checkRecord: checkRecord, record: record, toCsv: toCsv};
})();
