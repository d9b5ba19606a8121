// The status page's chart (Chart.js, served by the app) and its live update: every few seconds it asks the JSON
// API for the newest pulse; when one has completed it fetches the overview again and swaps it in. The page reads
// the same without this script.
"use strict";
(function () {
  const POLL_MS = 5000;
  const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  let chart = null;

  function drawChart() {
    const canvas = document.getElementById("score-chart");
    if (!canvas || typeof Chart === "undefined") return;
    const data = JSON.parse(canvas.dataset.chart);
    const labels = data.points.map((p) => p.t);
    const line = (label, value, color) => ({
      label, data: labels.map(() => value), borderColor: color, borderDash: [6, 4], pointRadius: 0, borderWidth: 1,
    });
    if (chart) chart.destroy();
    chart = new Chart(canvas, {
      type: "line",
      data: {
        labels,
        datasets: [
          { label: "Consciousness score", data: data.points.map((p) => p.score), borderColor: css("--score"),
            backgroundColor: css("--score"), spanGaps: false, tension: 0.2 },
          { label: "Failed pulse", data: data.points.map((p) => (p.score === null ? 0 : null)), showLine: false,
            pointStyle: "crossRot", pointRadius: 7, borderColor: css("--failed"), backgroundColor: css("--failed") },
          line("Alert threshold", data.alert, css("--alert")),
          line("Celebration threshold", data.celebration, css("--celebration")),
        ],
      },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { y: { min: 0, max: 1, ticks: { color: css("--muted") }, grid: { color: css("--line") } },
                  x: { ticks: { color: css("--muted"), maxTicksLimit: 8 }, grid: { display: false } } },
        plugins: { legend: { labels: { color: css("--fg") } } },
      },
    });
  }

  function lastId() {
    const section = document.querySelector("[data-last-id]");
    return section ? section.dataset.lastId : "";
  }

  function shownStatus() {
    const status = document.getElementById("status");
    return status ? status.dataset.status : "";
  }

  function connection(message) {
    const banner = document.getElementById("connection");
    banner.textContent = message || "";
    banner.hidden = !message;
  }

  async function poll() {
    try {
      const state = await (await fetch("/heartbeat", { headers: { Accept: "application/json" } })).json();
      connection(null);
      const newest = state.last_pulse ? state.last_pulse.id : "";
      // a new pulse, or the status moved without one (late, down)
      if (newest !== lastId() || state.status !== shownStatus()) {
        const page = new DOMParser().parseFromString(await (await fetch("/")).text(), "text/html");
        const fresh = page.getElementById("main");
        if (fresh) {
          document.getElementById("main").replaceChildren(...fresh.childNodes);
          document.title = page.title;
          drawChart();
        }
      }
    } catch (e) {
      connection("The connection to the heartbeat is lost; retrying every " + POLL_MS / 1000 + " s.");
    }
  }

  drawChart();
  setInterval(poll, POLL_MS);
})();
