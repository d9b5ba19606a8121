// Checks that the PrometheusRule for Kubernetes carries exactly the groups of the plain rule file.
// usage: node same-rules.mjs alerts.yml prometheusrule.yaml
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";

const [plainFile, crdFile] = process.argv.slice(2);
const plain = parse(readFileSync(plainFile, "utf8"));
const crd = parse(readFileSync(crdFile, "utf8"));
if (crd?.kind !== "PrometheusRule") {
  console.error(`${crdFile}: not a PrometheusRule`);
  process.exit(1);
}
if (!isDeepStrictEqual(plain.groups, crd.spec?.groups)) {
  console.error(`${crdFile}: spec.groups differ from the groups of ${plainFile}; copy the rules across`);
  process.exit(1);
}
const rules = plain.groups.reduce((n, g) => n + g.rules.length, 0);
console.log(`same-rules: ${crdFile} carries the ${rules} rules of ${plainFile}`);
