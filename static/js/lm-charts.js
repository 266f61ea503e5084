/* Labour-market charts, drawn with the vendored Chart.js and chartjs-chart-geo.
 *
 * - canvas[data-lm-trend]: a line of W = O/B over the periods, from the json_script block it
 *   names ({label, labels, values}); the table under it holds the same numbers.
 * - canvas[data-lm-map]: a county choropleth of W, from the JSON address it names (the shipped
 *   county shapes with each county's value merged in). Counties with no value are hatched, so
 *   "no data" does not rest on colour alone; the table beside it gives every county's figures.
 * No build step: vanilla JS over window.Chart and window.ChartGeo.
 */
(function () {
  "use strict";

  var INK = "#1b1b1b";
  var LINE = "#0b4f8a";
  var GRID = "#d0d5da";

  function drawTrend(canvas, data) {
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: data.label,
            data: data.values,
            borderColor: LINE,
            backgroundColor: LINE,
            pointRadius: 4,
            spanGaps: false,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: INK,
        scales: {
          x: { ticks: { color: INK }, grid: { color: GRID } },
          y: { beginAtZero: true, ticks: { color: INK }, grid: { color: GRID } },
        },
      },
    });
  }

  function drawAll() {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-lm-trend]").forEach(function (canvas) {
      var node = document.getElementById(canvas.getAttribute("data-lm-trend"));
      if (!node) return;
      drawTrend(canvas, JSON.parse(node.textContent));
      canvas.setAttribute("data-drawn", "true");
    });
    if (!window.SkillsHubMaps) return;
    window.SkillsHubMaps.load("data-lm-map", {
      label: function (geo) {
        return geo.occupation ? geo.occupation.code + " " + geo.occupation.name : "";
      },
      color: { interpolate: window.SkillsHubMaps.blues([222, 235, 247]) },
      tooltip: function (canvas) {
        var none = canvas.getAttribute("data-none-label") || "—";
        return function (p) {
          var w = p.value === null || p.value === undefined ? none : "W = " + p.value;
          return p.name + ": " + w + " (" + p.label + ")";
        };
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
