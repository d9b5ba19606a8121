// Checks what the schemas cannot: every NetworkPolicy in a rendered variant selects at least one of its pods (a
// policy that selects none is silently no protection), and every named port an ingress rule opens is a port of
// each pod it selects (a typo there silently closes the port).
// usage: node check-networkpolicies.mjs rendered.yaml
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file] = process.argv.slice(2);
const objects = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);

function podTemplate(obj) {
  switch (obj.kind) {
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
      return obj.spec?.template;
    case "CronJob":
      return obj.spec?.jobTemplate?.spec?.template;
    default:
      return undefined;
  }
}

const pods = objects.map((o) => ({ owner: `${o.kind}/${o.metadata?.name}`, template: podTemplate(o) }))
  .filter((p) => p.template);
const selects = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);

const problems = [];
const policies = objects.filter((o) => o.kind === "NetworkPolicy");
for (const policy of policies) {
  const where = `NetworkPolicy/${policy.metadata.name}`;
  const selected = pods.filter((p) => selects(policy.spec.podSelector, p.template.metadata?.labels));
  if (selected.length === 0) problems.push(`${where} selects no pod of ${file}`);
  for (const rule of policy.spec.ingress ?? []) {
    for (const port of rule.ports ?? []) {
      if (typeof port.port !== "string") continue;
      for (const pod of selected) {
        const names = pod.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
        if (!names.includes(port.port)) problems.push(`${where} opens port "${port.port}", which ${pod.owner} does not name`);
      }
    }
  }
}
if (policies.length === 0) problems.push(`${file} has no NetworkPolicy`);
problems.forEach((p) => console.error(p));
if (problems.length) process.exit(1);
console.log(`network policies: ${policies.length} in ${file}, each selecting its pods`);
