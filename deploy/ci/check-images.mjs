// Checks the container images of a rendered variant. Under imagePullPolicy IfNotPresent (the default for every tag
// but latest) a node keeps whatever an earlier pull left under a tag, so a mutable tag (none, latest, -SNAPSHOT)
// runs different builds on different nodes. Such a tag fails unless the policy is Always (unset fails too: don't
// lean on the default); a digest (@sha256:...) is immutable. With --expect IMAGE, every container must run exactly
// IMAGE (the image its component chose).
//
// usage: node check-images.mjs [--expect IMAGE] rendered.yaml     exit 0 all pass, 1 a problem was printed
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
let expect;
if (args[0] === "--expect") {
  expect = args[1];
  args.splice(0, 2);
}
const [file] = args;
if (!file || args.length !== 1) {
  console.error("usage: node check-images.mjs [--expect IMAGE] rendered.yaml");
  process.exit(2);
}

function podSpec(obj) {
  switch (obj.kind) {
    case "Pod":
      return obj.spec;
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "Job":
      return obj.spec?.template?.spec;
    case "CronJob":
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

// registry[:port]/path/name[:tag][@digest]: the tag is after the last ":" that follows the last "/".
function parseImage(image) {
  const [ref, digest] = image.split("@");
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  const tag = colon > slash ? ref.slice(colon + 1) : undefined;
  return { tag, digest };
}

const objects = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);
const problems = [];
const seen = [];
for (const obj of objects) {
  const spec = podSpec(obj);
  if (!spec) continue;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const where = `${obj.kind}/${obj.metadata?.name} container ${c.name}`;
    seen.push(`${obj.kind}/${obj.metadata?.name}`);
    const { tag, digest } = parseImage(c.image ?? "");
    const mutable = !digest && (!tag || tag === "latest" || /-SNAPSHOT$/i.test(tag));
    if (mutable && c.imagePullPolicy !== "Always") {
      problems.push(`${where}: image "${c.image}" has a mutable tag (${tag ?? "none"}) with imagePullPolicy ` +
        `${c.imagePullPolicy ?? "unset"}: give it a release tag or a digest`);
    }
    if (expect !== undefined && c.image !== expect) problems.push(`${where}: image "${c.image}", expected "${expect}"`);
  }
}
if (seen.length === 0) problems.push(`${file} has no container`);
problems.forEach((p) => console.error(p));
if (problems.length) process.exit(1);
console.log(`images: ${seen.length} containers in ${file} (${seen.join(", ")}), immutable tags` +
  (expect ? `, all ${expect}` : ""));
