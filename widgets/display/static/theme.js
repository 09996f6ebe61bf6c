/* Alliances: Plotly figures follow the site's light/dark switch.
 * The theme (pydata-sphinx-theme) sets <html data-theme="light|dark">. In dark mode every
 * figure is redrawn with its neutral "ink" colours (text, grid, greys) swapped for their dark
 * twins (widgets/palette.py DARK_INK, written in below at build time); the colours that carry
 * meaning stay. The light figure is kept, so switching back restores it exactly.
 * Every figure is also laid out for the width it is drawn at (fit.js): at start, and again when
 * the window is resized. Explorers ask AlliancesTheme.style(fig, plot) for every figure they draw. */
(function () {
  "use strict";
  // The dark inks come from widgets/palette.py, written into the page by the build as JSON
  // (<script type="application/json" id="alliances-dark-ink">): one source of colours.
  var INK = {}, AXIS_LINE = "#8C939A";
  (function readInk() {
    var node = document.getElementById("alliances-dark-ink");
    if (!node) { return; }
    try {
      var given = JSON.parse(node.textContent);
      if (given && typeof given.ink === "object") { INK = given.ink; }
      if (given && typeof given.axis_line === "string") { AXIS_LINE = given.axis_line; }
    } catch (e) { /* keep the light inks: figures stay readable */ }
  })();
  var AXIS = /^[xy]axis[0-9]*$/;

  function isDark() { return document.documentElement.getAttribute("data-theme") === "dark"; }

  function swap(value) {
    if (typeof value === "string") {
      var dark = INK[value.toUpperCase()];
      return dark === undefined ? value : dark;
    }
    if (Array.isArray(value)) { return value.map(swap); }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = swap(value[key]); });
      return out;
    }
    return value;
  }

  function widthOf(plot) {
    if (!plot) { return 0; }
    var width = plot.getBoundingClientRect().width;
    return width > 0 ? width : (plot.parentNode ? plot.parentNode.getBoundingClientRect().width : 0);
  }

  /* The figure {data, layout} as it should be drawn in the current theme (a new object), laid
   * out for `plot`'s width when given (fit.js); `fit` says which layout ("narrow" or "wide"). */
  function style(fig, plot) {
    var width = widthOf(plot);
    var copy = window.AlliancesFit && plot ? window.AlliancesFit.fit(fig, width)
      : JSON.parse(JSON.stringify({data: fig.data || [], layout: fig.layout || {}}));
    copy.fit = window.AlliancesFit ? window.AlliancesFit.mode(width) : "wide";
    if (!isDark()) { return copy; }
    var layout = swap(copy.layout);
    Object.keys(layout).forEach(function (key) {
      if (AXIS.test(key) && layout[key] && typeof layout[key] === "object") {
        if (layout[key].linecolor === undefined) { layout[key].linecolor = AXIS_LINE; }
        if (layout[key].zerolinecolor === undefined) { layout[key].zerolinecolor = AXIS_LINE; }
        if (layout[key].tickcolor === undefined) { layout[key].tickcolor = AXIS_LINE; }
      }
    });
    layout.modebar = {bgcolor: "rgba(0,0,0,0)", color: "#AEB4BA", activecolor: "#FFFFFF"};
    return {data: swap(copy.data), layout: layout, frames: copy.frames, fit: copy.fit};
  }

  var light = new WeakMap(); // plot div -> its figure as built (light, before fitting; static figures only)

  function restyleStatic(plot) {
    if (!plot.data || !plot.layout) { return; }
    if (!light.has(plot)) {
      var built = JSON.parse(JSON.stringify({data: plot.data, layout: plot.layout}));
      delete built.layout.width; // the width follows the page (config responsive)
      var frames = plot._transitionData && plot._transitionData._frames;
      if (frames && frames.length) { built.frames = JSON.parse(JSON.stringify(frames)); }
      light.set(plot, built);
    }
    var fig = style(light.get(plot), plot);
    window.Plotly.react(plot, {data: fig.data, layout: fig.layout, frames: fig.frames}).then(function () { plot.setAttribute("data-fit", fig.fit); });
  }

  function applyAll() {
    document.documentElement.setAttribute("data-alliances-figures", isDark() ? "dark" : "light");
    Array.prototype.forEach.call(document.querySelectorAll(".js-plotly-plot"), function (plot) {
      if (!plot.closest(".alliances-explorer")) { restyleStatic(plot); }
    });
    document.dispatchEvent(new CustomEvent("alliances-theme-change", {detail: {dark: isDark()}}));
  }

  window.AlliancesTheme = {isDark: isDark, style: style};

  function start() {
    if (!window.Plotly) { window.setTimeout(start, 50); return; }
    applyAll();
    var last = isDark();
    new MutationObserver(function () {
      if (isDark() !== last) { last = isDark(); applyAll(); }
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
    // a new width may need the other layout, and titles wrap to the width: lay out again
    var lastWidth = window.innerWidth, timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (Math.abs(window.innerWidth - lastWidth) < 8) { return; }
        lastWidth = window.innerWidth;
        applyAll();
      }, 150);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
