/* Alliances static explorers, part 3 of 4: shareable links.
 * The page URL's fragment keeps the settings of every explorer that was moved, e.g.
 * #ch1-sources.aggregate_power=0.75&ch1-sources.proximity=1.00. A fragment is only ever used to
 * look up known explorer ids, control names and grid labels; anything else is ignored, and the
 * reader is told so. A plain section anchor (#some-heading) is left alone. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;
  var explorers = E.explorers, has = E.has;
  var IGNORED = "Some settings in this link were not recognised and were ignored.";

  /* "id.control=label" for every control; with onlyMoved, none for an explorer at its start. */
  function fragmentEntries(state, onlyMoved) {
    var indices = E.readIndices(state);
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

  /* Read a fragment into {explorer id: wanted indices} and count the entries that matched no
     known explorer, control or grid label. */
  function readFragment(hash) {
    var wanted = Object.create(null), ignored = 0;
    hash.slice(1).split("&").forEach(function (entry) {
      if (!entry) { return; }
      var eq = entry.indexOf("="), key, value;
      if (eq < 1) { ignored++; return; }
      try { key = decodeURIComponent(entry.slice(0, eq)); value = decodeURIComponent(entry.slice(eq + 1)); } catch (e) { ignored++; return; }
      var dot = key.indexOf(".");
      var id = dot > 0 ? key.slice(0, dot) : "", name = key.slice(dot + 1);
      if (!has(explorers, id)) { ignored++; return; }
      var state = explorers[id], matched = false;
      state.data.controls.forEach(function (control, i) {
        var level = control.labels.indexOf(value);
        if (control.name === name && level >= 0) {
          if (!wanted[id]) { wanted[id] = E.readIndices(state); }
          wanted[id][i] = level;
          matched = true;
        }
      });
      if (!matched) { ignored++; }
    });
    return {wanted: wanted, ignored: ignored};
  }

  /* Apply a fragment's settings; returns the ids of the explorers it moved. When some entries
     were not recognised, the reader is told on the first explorer of the page (or the one moved). */
  function applyFragment(hash) {
    if (!isStateFragment(hash)) { return []; }
    var read = readFragment(hash);
    var touched = Object.keys(read.wanted);
    touched.forEach(function (id) { E.writeIndices(explorers[id], read.wanted[id]); E.update(explorers[id]); });
    if (read.ignored) {
      var ids = touched.length ? touched : Object.keys(explorers);
      if (ids.length) { E.say(explorers[ids[0]], IGNORED); }
    }
    return touched;
  }

  /* The link shows at once (a browser waiting on a permission prompt still gives it); it says
     "Link copied" only once the clipboard call has succeeded. The base is location.href without
     its fragment: Firefox gives location.origin "null" on file:// pages. */
  function shareLink(state) {
    var url = window.location.href.split("#")[0] + "#" + fragmentEntries(state, false).join("&");
    E.say(state, "Copy this link: " + url);
    try {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { E.say(state, "Link copied: " + url); }, function () {});
      }
    } catch (e) { /* the link is already on screen */ }
  }

  E.links = {fragmentEntries: fragmentEntries, keepInUrl: keepInUrl, applyFragment: applyFragment, shareLink: shareLink, IGNORED: IGNORED};
})();
