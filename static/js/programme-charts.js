/* The programme dashboard's charts, drawn with the vendored Chart.js and chartjs-chart-geo.
 *
 * The page carries everything in plain HTML (a text alternative and a data table per chart);
 * this script only adds the pictures. Each <canvas data-chart="..."> names its data: a
 * json_script block (data-chart-source) or, for the county map, a JSON address
 * (data-map-source). No build step: vanilla JS over window.Chart and window.ChartGeo.
 */
(function () {
  "use strict";

  var INK = "#1b1b1b";
  var MEASURED = "#0b4f8a"; // dark blue: 8.6:1 on white
  var TARGET = "#a13c00"; // dark orange: 6.3:1 on white, and dashed, so not colour alone
  var GRID = "#d0d5da";

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function numberFormat() {
    var lang = document.documentElement.lang || "pl";
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  }

  function withUnit(fmt, value, unit) {
    if (value === null || value === undefined) return "—";
    return unit === "%" ? fmt.format(value) + "%" : fmt.format(value) + " " + unit;
  }

  function baseOptions() {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: INK,
    };
  }

  function drawProgress(canvas, data) {
    var options = baseOptions();
    options.indexAxis = "y";
    options.scales = {
      x: {
        min: 0,
        max: 100,
        ticks: { color: INK, callback: function (v) { return v + "%"; } },
        grid: { color: GRID },
      },
      y: { ticks: { color: INK, autoSkip: false }, grid: { display: false } },
    };
    options.plugins = {
      legend: { display: false },
      title: { display: false },
      tooltip: {
        callbacks: {
          label: function (ctx) {
            return ctx.raw === null ? "—" : ctx.raw + "%";
          },
        },
      },
    };
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: data.label,
            data: data.values,
            backgroundColor: MEASURED,
            borderColor: INK,
            borderWidth: 1,
          },
        ],
      },
      options: options,
    });
  }

  function points(list) {
    return list.map(function (p) { return { x: p[0], y: p[1] }; });
  }

  function drawTrend(canvas, data) {
    var fmt = numberFormat();
    var options = baseOptions();
    options.scales = {
      x: {
        type: "linear",
        ticks: {
          color: INK,
          stepSize: 1,
          precision: 0,
          callback: function (v) { return String(v); },
        },
        grid: { color: GRID },
      },
      y: {
        ticks: {
          color: INK,
          callback: function (v) { return withUnit(fmt, v, data.unit); },
        },
        grid: { color: GRID },
      },
    };
    options.plugins = {
      legend: { labels: { color: INK, usePointStyle: true } },
      tooltip: {
        callbacks: {
          title: function (items) { return items.length ? String(items[0].parsed.x) : ""; },
          label: function (ctx) {
            return ctx.dataset.label + ": " + withUnit(fmt, ctx.parsed.y, data.unit);
          },
        },
      },
    };
    var datasets = [
      {
        label: data.measured.label,
        data: points(data.measured.points),
        borderColor: MEASURED,
        backgroundColor: MEASURED,
        borderWidth: 2,
        pointStyle: "circle",
        pointRadius: 4,
      },
    ];
    // Context indicators have no target: no empty "target" entry in the legend.
    if (data.target.points.length) {
      datasets.push({
        label: data.target.label,
        data: points(data.target.points),
        borderColor: TARGET,
        backgroundColor: TARGET,
        borderWidth: 2,
        borderDash: [6, 4],
        pointStyle: "triangle",
        pointRadius: 6,
      });
    }
    return new window.Chart(canvas, {
      type: "line",
      data: { datasets: datasets },
      options: options,
    });
  }

  function drawAll() {
    // The bar chart's height follows its number of bars: set through the CSSOM, because the
    // Content-Security-Policy refuses style attributes in the HTML.
    document.querySelectorAll(".chart-bars[data-bars]").forEach(function (box) {
      box.style.setProperty("--bars", box.getAttribute("data-bars"));
    });
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-chart-source]").forEach(function (canvas) {
      var data = readJSON(canvas.getAttribute("data-chart-source"));
      if (!data) return;
      if (canvas.getAttribute("data-chart") === "progress") drawProgress(canvas, data);
      else drawTrend(canvas, data);
    });
    if (!window.SkillsHubMaps) return;
    window.SkillsHubMaps.load("data-map-source", {
      label: function (geo) { return geo.indicator.code; },
      tooltip: function (canvas, geo) {
        var fmt = numberFormat();
        var missing = canvas.getAttribute("data-missing-label") || "—";
        return function (p) {
          if (p.value === null) return p.name + ": " + missing;
          return p.name + ": " + withUnit(fmt, p.value, geo.indicator.unit) + " (" + p.year + ")";
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
