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

  function hatch() {
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var c = tile.getContext("2d");
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, 8, 8);
    c.strokeStyle = "#6b6b6b";
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(0, 8);
    c.lineTo(8, 0);
    c.stroke();
    return c.createPattern(tile, "repeat");
  }

  function blues(t) {
    var from = [222, 235, 247];
    var to = [8, 48, 107];
    var mix = from.map(function (a, i) { return Math.round(a + (to[i] - a) * t); });
    return "rgb(" + mix.join(",") + ")";
  }

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

  function drawMap(canvas, geo) {
    var none = canvas.getAttribute("data-none-label") || "—";
    var features = geo.features;
    var G = window.ChartGeo;
    window.Chart.register(G.ChoroplethController, G.GeoFeature, G.ColorScale, G.ProjectionScale);
    return new window.Chart(canvas, {
      type: "choropleth",
      data: {
        labels: features.map(function (f) { return f.properties.name; }),
        datasets: [
          {
            label: geo.occupation ? geo.occupation.code + " " + geo.occupation.name : "",
            outline: features,
            showOutline: true,
            borderColor: INK,
            borderWidth: 1,
            data: features.map(function (f) {
              return { feature: f, value: f.properties.value };
            }),
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var p = ctx.raw.feature.properties;
                var w = p.value === null || p.value === undefined ? none : "W = " + p.value;
                return p.name + ": " + w + " (" + p.label + ")";
              },
            },
          },
        },
        scales: {
          projection: { axis: "x", projection: "mercator" },
          color: {
            axis: "x",
            interpolate: blues,
            missing: hatch(),
            ticks: { color: INK },
            legend: { position: "bottom-right", align: "right" },
          },
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
    if (!window.ChartGeo) return;
    document.querySelectorAll("canvas[data-lm-map]").forEach(function (canvas) {
      fetch(canvas.getAttribute("data-lm-map"), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (geo) {
          drawMap(canvas, geo);
          canvas.setAttribute("data-drawn", "true");
        })
        .catch(function () {
          // The table beside the map still gives every county's numbers.
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
