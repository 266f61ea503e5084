/* The county maps' common part: a choropleth of the region's counties drawn with the vendored
 * Chart.js and chartjs-chart-geo from a GeoJSON address (the shipped county shapes with each
 * county's value merged in as properties.value). A county with no value is hatched, so "no
 * value" never rests on colour alone; every page puts a table with the same figures beside the
 * map, which is all a visitor without JavaScript gets.
 *
 * window.SkillsHubMaps:
 *   hatch(stroke)           a diagonal-hatch pattern (stroke: the line colour)
 *   blues(from)             an interpolation from the RGB triple `from` to dark blue
 *   draw(canvas, geo, opts) the choropleth; opts: label (dataset label), tooltip(properties)
 *                           → text, color (extra options of the colour scale), hatch (colour)
 *   load(attribute, opts)   for every canvas[attribute]: fetch the address it names, then draw;
 *                           opts as draw(), but label and tooltip may be functions of geo.
 *                           A drawn canvas gets data-drawn="true" (the browser tests wait on it).
 */
(function () {
  "use strict";

  var INK = "#1b1b1b";
  var DARK_BLUE = [8, 48, 107];

  function hatch(stroke) {
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var c = tile.getContext("2d");
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, 8, 8);
    c.strokeStyle = stroke || "#6b6b6b";
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(0, 8);
    c.lineTo(8, 0);
    c.stroke();
    return c.createPattern(tile, "repeat");
  }

  function blues(from) {
    return function (t) {
      var mix = from.map(function (a, i) { return Math.round(a + (DARK_BLUE[i] - a) * t); });
      return "rgb(" + mix.join(",") + ")";
    };
  }

  function draw(canvas, geo, opts) {
    var features = geo.features;
    var G = window.ChartGeo;
    window.Chart.register(G.ChoroplethController, G.GeoFeature, G.ColorScale, G.ProjectionScale);
    var color = Object.assign(
      {
        axis: "x",
        interpolate: blues([198, 219, 239]),
        missing: hatch(opts.hatch),
        ticks: { color: INK },
        legend: { position: "bottom-right", align: "right" },
      },
      opts.color || {}
    );
    return new window.Chart(canvas, {
      type: "choropleth",
      data: {
        labels: features.map(function (f) { return f.properties.name; }),
        datasets: [
          {
            label: opts.label || "",
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
              label: function (ctx) { return opts.tooltip(ctx.raw.feature.properties); },
            },
          },
        },
        scales: {
          projection: { axis: "x", projection: "mercator" },
          color: color,
        },
      },
    });
  }

  function load(attribute, opts) {
    if (!window.Chart || !window.ChartGeo) return;
    document.querySelectorAll("canvas[" + attribute + "]").forEach(function (canvas) {
      fetch(canvas.getAttribute(attribute), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (geo) {
          var label = typeof opts.label === "function" ? opts.label(geo) : opts.label;
          var tooltip = opts.tooltip(canvas, geo);
          draw(canvas, geo, Object.assign({}, opts, { label: label, tooltip: tooltip }));
          canvas.setAttribute("data-drawn", "true");
        })
        .catch(function () {
          // The table beside the map still gives every county's figures.
        });
    });
  }

  window.SkillsHubMaps = { INK: INK, hatch: hatch, blues: blues, draw: draw, load: load };
})();
