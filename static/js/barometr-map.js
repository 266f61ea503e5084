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

  function drawBars(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.groups,
        datasets: data.series.map(function (s) {
          return {
            label: (s.level ? s.level + ". " : "") + s.label,
            data: s.values,
            backgroundColor: s.level ? LEVEL_COLOURS[s.level] : hatch(),
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
            label: geo.group ? geo.group.name : "",
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
                return p.name + ": " + (p.level ? p.level + ". " + p.label : none);
              },
            },
          },
        },
        scales: {
          projection: { axis: "x", projection: "mercator" },
          color: {
            axis: "x",
            min: 1,
            max: 5,
            quantize: 5,
            // The level itself picks the colour, so the map matches the bars' legend.
            interpolate: function (t) { return LEVEL_COLOURS[1 + Math.round(t * 4)]; },
            missing: hatch(),
            ticks: { color: INK, precision: 0, stepSize: 1 },
            legend: { position: "bottom-right", align: "right" },
          },
        },
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
    if (!window.ChartGeo) return;
    document.querySelectorAll("canvas[data-barometr-map]").forEach(function (canvas) {
      fetch(canvas.getAttribute("data-barometr-map"), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (geo) {
          drawMap(canvas, geo);
          canvas.setAttribute("data-drawn", "true");
        })
        .catch(function () {
          // The table beside the map still gives every county's level.
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
