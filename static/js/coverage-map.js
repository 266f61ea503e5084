/* The coverage map: lubuskie's counties coloured by the number of published guidance services
 * for one target group (choropleth.js draws it). Counties no one serves have no value and are
 * hatched in red, so "no one" does not rest on colour alone; the table beside the map and the
 * list under it give every figure without JavaScript.
 */
(function () {
  "use strict";

  function start() {
    var maps = window.SkillsHubMaps;
    if (!maps) return;
    maps.load("data-coverage-map", {
      label: function (geo) { return geo.group ? geo.group.name : ""; },
      hatch: "#b00020",
      color: { ticks: { color: maps.INK, precision: 0 } },
      tooltip: function (canvas) {
        var none = canvas.getAttribute("data-none-label") || "0";
        return function (p) { return p.name + ": " + (p.count ? p.count : none); };
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
