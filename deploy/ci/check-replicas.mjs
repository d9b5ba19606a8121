// Checks what the schemas cannot in the replicas-on-PostgreSQL variant (kubernetes/postgresql), where a slip is silent
// until a node dies: the Deployment really runs several replicas rolling over on the PostgreSQL store with the
// datasource from the Secret (the keys its example names) and no records volume; readiness is /health/ready (it
// includes the database) and liveness is not; the PodDisruptionBudget, the spread and the 5432 egress select its pods
// (a label typo makes each of them silently do nothing), and the budget lets one eviction through.
//
// usage: node check-replicas.mjs rendered.yaml secret.example.yaml     exit 0 all pass, 1 a problem was printed
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file, secretFile] = process.argv.slice(2);
if (!file || !secretFile) {
  console.error("usage: node check-replicas.mjs rendered.yaml secret.example.yaml");
  process.exit(2);
}
const load = (f) => parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJS()).filter(Boolean);
const objects = load(file);
const secret = load(secretFile).find((o) => o.kind === "Secret");
const problems = [];
const fail = (p) => problems.push(p);

const selects = (selector, labels) => {
  const want = Object.entries(selector?.matchLabels ?? {});
  return want.length > 0 && want.every(([k, v]) => labels?.[k] === v);
};

const deployments = objects.filter((o) => o.kind === "Deployment");
if (deployments.length !== 1) fail(`${file}: ${deployments.length} Deployments, expected the heartbeat's one`);
const dep = deployments[0] ?? { spec: { template: { spec: { containers: [] } } } };
const pod = dep.spec.template;
const replicas = dep.spec.replicas ?? 1;
const c = pod.spec.containers.find((x) => x.name === "heartbeat") ?? {};
const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));

if (replicas < 2) fail(`Deployment: replicas ${replicas}, expected several`);
if (dep.spec.strategy?.type !== "RollingUpdate") fail(`Deployment: strategy ${dep.spec.strategy?.type}, expected RollingUpdate`);
if (env.HEARTBEAT_STORE?.value !== "postgresql") fail("Deployment: HEARTBEAT_STORE is not postgresql");
for (const name of ["QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"]) {
  const ref = env[name]?.valueFrom?.secretKeyRef;
  if (!ref) fail(`Deployment: ${name} does not come from a Secret`);
  else if (ref.name !== secret?.metadata?.name || !(ref.key in (secret.stringData ?? secret.data ?? {}))) {
    fail(`Deployment: ${name} reads ${ref.name}/${ref.key}, which ${secretFile} does not define`);
  }
}
if ((pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim) || objects.some((o) => o.kind === "PersistentVolumeClaim")) {
  fail("a PersistentVolumeClaim: the records are in the database, and a ReadWriteOnce volume would pin every replica");
}
if ((c.volumeMounts ?? []).some((m) => m.mountPath === "/var/lib/mallku/heartbeats")) fail("Deployment: mounts the records folder");
if (c.readinessProbe?.httpGet?.path !== "/health/ready") fail("Deployment: readiness is not /health/ready");
if (c.livenessProbe?.httpGet?.path !== "/health/live") fail("Deployment: liveness is not /health/live (a database outage would restart every pod)");

const pdbs = objects.filter((o) => o.kind === "PodDisruptionBudget" && selects(o.spec.selector, pod.metadata.labels));
if (pdbs.length !== 1) fail(`${pdbs.length} PodDisruptionBudgets select the heartbeat's pods, expected 1`);
for (const pdb of pdbs) {
  const { minAvailable, maxUnavailable } = pdb.spec;
  const lets = maxUnavailable !== undefined ? Number.parseInt(maxUnavailable, 10) >= 1 : Number.parseInt(minAvailable, 10) < replicas;
  if (!lets) fail(`PodDisruptionBudget/${pdb.metadata.name} allows no eviction at ${replicas} replicas: node drains would block`);
}

const spread = [...(pod.spec.topologySpreadConstraints ?? []),
  ...(pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => t.podAffinityTerm)];
if (!spread.some((s) => s.topologyKey === "kubernetes.io/hostname" && selects(s.labelSelector, pod.metadata.labels))) {
  fail("Deployment: no spread over nodes (kubernetes.io/hostname) that selects its own pods");
}

const to5432 = objects.filter((o) => o.kind === "NetworkPolicy" && selects(o.spec.podSelector, pod.metadata.labels))
  .flatMap((o) => o.spec.egress ?? []).flatMap((r) => r.ports ?? []).some((p) => p.port === 5432 && (p.protocol ?? "TCP") === "TCP");
if (!to5432) fail("no NetworkPolicy lets the heartbeat's pods reach PostgreSQL on TCP 5432");

problems.forEach((p) => console.error(p));
if (problems.length) process.exit(1);
console.log(`replicas: ${replicas} rolling over PostgreSQL from Secret ${secret.metadata.name}, no volume, ` +
  `ready includes the database, 1 budget, spread over nodes, egress to 5432 in ${file}`);
