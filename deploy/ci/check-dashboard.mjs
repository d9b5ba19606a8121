// Checks the Grafana dashboard and the alert rules against the service's metric names, and writes the
// dashboard's queries as a Prometheus rule file so that promtool can parse every one of them.
//
// usage: node check-dashboard.mjs DASHBOARD.json ALERTS.yml OUT-RULES.yml
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";

// The metric names the service exposes (issue "metrics"); histograms and summaries add the suffixes.
const METRICS = new Set([
  "mallku_heartbeat_pulses_total",
  "mallku_heartbeat_pulses_skipped_total",
  "mallku_heartbeat_pulse_duration_seconds",
  "mallku_heartbeat_last_pulse_timestamp_seconds",
  "mallku_heartbeat_last_success_timestamp_seconds",
  "mallku_heartbeat_last_pulse_outcome",
  "mallku_heartbeat_next_pulse_timestamp_seconds",
  "mallku_heartbeat_consciousness_score",
  "mallku_heartbeat_voices_present",
  "mallku_heartbeat_up",
  "mallku_heartbeat_freshness_grace_seconds",
  "mallku_heartbeat_provider_circuit_open",
  "mallku_heartbeat_alerts_total",
  "mallku_heartbeat_celebrations_total",
  "mallku_heartbeat_voice_replies_total",
  "mallku_heartbeat_voice_reply_duration_seconds",
  "mallku_heartbeat_log_write_failures_total",
  "mallku_heartbeat_log_records_skipped_total",
]);
const known = (name) => METRICS.has(name) || METRICS.has(name.replace(/_(bucket|sum|count)$/, ""));

const [dashFile, alertsFile, outFile] = process.argv.slice(2);
const problems = [];

function checkNames(where, expr) {
  for (const name of expr.match(/mallku_heartbeat_[a-z_]+/g) ?? []) {
    if (!known(name)) problems.push(`${where}: unknown metric ${name}`);
  }
}

const dash = JSON.parse(readFileSync(dashFile, "utf8"));
for (const key of ["title", "uid", "panels", "templating"]) {
  if (!(key in dash)) problems.push(`${dashFile}: no ${key}`);
}
const ids = new Set();
const exprs = [];
for (const panel of dash.panels ?? []) {
  const where = `${dashFile}: panel ${panel.id} "${panel.title}"`;
  if (ids.has(panel.id)) problems.push(`${where}: duplicate id`);
  ids.add(panel.id);
  if (!panel.gridPos) problems.push(`${where}: no gridPos`);
  if (panel.type === "row") continue;
  if (!panel.targets?.length) problems.push(`${where}: no query`);
  for (const t of panel.targets ?? []) {
    if (!t.expr) problems.push(`${where}: target ${t.refId} has no expr`);
    else {
      checkNames(where, t.expr);
      exprs.push({ where, expr: t.expr });
    }
  }
}
// What the issue asks the dashboard to show.
const titles = (dash.panels ?? []).map((p) => p.title.toLowerCase()).join("\n");
for (const need of ["consciousness score over time", "pulses by outcome", "time since last pulse", "next pulse",
  "voice reply latency by provider", "voice reply failures by provider"]) {
  if (!titles.includes(need)) problems.push(`${dashFile}: no panel "${need}"`);
}

const alerts = parse(readFileSync(alertsFile, "utf8"));
for (const g of alerts.groups) for (const r of g.rules) checkNames(`${alertsFile}: ${r.alert ?? r.record}`, r.expr);

// Grafana variables are not PromQL: give them values promtool can parse.
const promql = (e) =>
  e.replaceAll("$__range", "1d").replaceAll("$__rate_interval", "5m").replaceAll("$__interval", "1m")
    .replace(/\$\{?[a-z_]+\}?/g, ".*");
writeFileSync(outFile, stringify({
  groups: [{
    name: "dashboard-queries",
    rules: exprs.map((x, i) => ({ record: `dashboard:query:${i + 1}`, expr: promql(x.expr) })),
  }],
}));

if (problems.length) {
  problems.forEach((p) => console.error(p));
  process.exit(1);
}
console.log(`check-dashboard: ${ids.size} panels, ${exprs.length} queries, every metric name known`);
