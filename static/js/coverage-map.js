/* The coverage map: lubuskie's counties coloured by the number of published guidance services
 * for one target group. Drawn with the vendored Chart.js and chartjs-chart-geo from the JSON at
 * data-map-source (the shipped county shapes with the counts merged in). Counties no one serves
 * have no value and are hatched, so "no one" does not rest on colour alone; the table beside
 * the map and the list under it give every figure without JavaScript.
 */
(function () {
  "use strict";

  var INK = "#1b1b1b";

  function hatch() {
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var c = tile.getContext("2d");
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, 8, 8);
    c.strokeStyle = "#b00020";
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(0, 8);
    c.lineTo(8, 0);
    c.stroke();
    return c.createPattern(tile, "repeat");
  }

  function blues(t) {
    var from = [198, 219, 239];
    var to = [8, 48, 107];
    var mix = from.map(function (a, i) { return Math.round(a + (to[i] - a) * t); });
    return "rgb(" + mix.join(",") + ")";
  }

  function drawMap(canvas, geo) {
    var none = canvas.getAttribute("data-none-label") || "0";
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
                return p.name + ": " + (p.count ? p.count : none);
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
            ticks: { color: INK, precision: 0 },
            legend: { position: "bottom-right", align: "right" },
          },
        },
      },
    });
  }

  function drawAll() {
    if (!window.Chart || !window.ChartGeo) return;
    document.querySelectorAll("canvas[data-coverage-map]").forEach(function (canvas) {
      fetch(canvas.getAttribute("data-coverage-map"), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (geo) {
          drawMap(canvas, geo);
          canvas.setAttribute("data-drawn", "true");
        })
        .catch(function () {
          // The table beside the map still gives every county's count.
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
