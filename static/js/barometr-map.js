/* Barometr zawodów charts, drawn with the vendored Chart.js (and chartjs-chart-geo for the map).
 *
 * - canvas[data-barometr-bars]: the round's stacked bars (counties per level for each group),
 *   from the json_script block it names; the table under it holds the same numbers.
 * - canvas[data-barometr-map]: one group's county choropleth, from the JSON address it names
 *   (the shipped county shapes with each county's level merged in). Counties without a rating
 *   are hatched, so "no rating" does not rest on colour alone; the table beside it gives every
 *   county's level in words.
 * No build step: vanilla JS over window.Chart and window.ChartGeo.
 */
(function () {
  "use strict";

  var INK = "#1b1b1b";
  var GRID = "#d0d5da";
  // 1 large deficit … 5 large surplus; 0 no rating. A diverging red–grey–blue scale.
  var LEVEL_COLOURS = {
    1: "#8c1c13",
    2: "#e07a5f",
    3: "#b8b8b8",
    4: "#6fa8dc",
    5: "#0b4f8a",
    0: "#ffffff",
  };

  function drawBars(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.groups,
        datasets: data.series.map(function (s) {
          return {
            label: (s.level ? s.level + ". " : "") + s.label,
            data: s.values,
            backgroundColor: s.level ? LEVEL_COLOURS[s.level] : window.SkillsHubMaps.hatch(),
            borderColor: INK,
            borderWidth: 1,
          };
        }),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: INK,
        scales: {
          x: { stacked: true, ticks: { color: INK, precision: 0 }, grid: { color: GRID } },
          y: { stacked: true, ticks: { color: INK, autoSkip: false }, grid: { display: false } },
        },
        plugins: { legend: { position: "bottom", labels: { color: INK } } },
      },
    });
  }

  function drawAll() {
    // The bar chart's height follows its number of bars: set through the CSSOM, because the
    // Content-Security-Policy refuses style attributes in the HTML.
    document.querySelectorAll(".chart-bars[data-bars]").forEach(function (box) {
      box.style.setProperty("--bars", box.getAttribute("data-bars"));
    });
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-barometr-bars]").forEach(function (canvas) {
      var node = document.getElementById(canvas.getAttribute("data-barometr-bars"));
      if (!node) return;
      drawBars(canvas, JSON.parse(node.textContent));
      canvas.setAttribute("data-drawn", "true");
    });
    window.SkillsHubMaps.load("data-barometr-map", {
      label: function (geo) { return geo.group ? geo.group.name : ""; },
      color: {
        min: 1,
        max: 5,
        quantize: 5,
        // The level itself picks the colour, so the map matches the bars' legend.
        interpolate: function (t) { return LEVEL_COLOURS[1 + Math.round(t * 4)]; },
        ticks: { color: INK, precision: 0, stepSize: 1 },
      },
      tooltip: function (canvas) {
        var none = canvas.getAttribute("data-none-label") || "—";
        return function (p) { return p.name + ": " + (p.level ? p.level + ". " + p.label : none); };
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
