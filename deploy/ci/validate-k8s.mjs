// Validates every Kubernetes object in the given YAML files (or stdin, "-") against the schemas
// bundled in the npm packages kubernetes-models (core API) and @kubernetes-models/prometheus-operator
// (ServiceMonitor, PrometheusRule). Offline: no cluster is needed.
//
// Beyond the schemas it rejects what they let through silently: an unknown apiVersion/kind, and any
// field the schema does not know (a typo such as "readinesProbe" would otherwise just be ignored).
//
// usage: node validate-k8s.mjs FILE... | -     exit 0 all valid, 1 a problem was printed
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const API_PACKAGES = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = API_PACKAGES[group] ?? "kubernetes-models";
  const path = group === "" ? `${pkg}/${version}` : `${pkg}/${group}/${version}`;
  let mod;
  try {
    mod = await import(path);
  } catch {
    return { error: `unknown apiVersion ${apiVersion}` };
  }
  if (typeof mod[kind] !== "function") return { error: `unknown kind ${kind} in ${apiVersion}` };
  return { model: mod[kind] };
}

// The schema validators are compiled: they read exactly the properties their schema declares (and
// enumerate the keys of maps). Validating through a Proxy that records every read therefore tells which
// fields the schema knows; a field never read, in an object whose other fields were read, is unknown.
function tracked(value, seen) {
  if (value === null || typeof value !== "object") return value;
  const record = { keys: new Set(), enumerated: false };
  seen.set(value, record);
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") record.keys.add(key);
      const v = Reflect.get(target, key, receiver);
      if (v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(target, key)) {
        return tracked(v, seen);
      }
      return v;
    },
    has(target, key) {
      if (typeof key === "string") record.keys.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(value, seen, path, out) {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => unknownFields(v, seen, `${path}[${i}]`, out));
    return;
  }
  const record = seen.get(value);
  for (const [k, v] of Object.entries(value)) {
    if (record && !record.enumerated && record.keys.size > 0 && !record.keys.has(k)) {
      out.push(`${path}.${k}: unknown field`);
    } else {
      unknownFields(v, seen, `${path}.${k}`, out);
    }
  }
}

function validate(model, obj) {
  const seen = new Map();
  // Model.prototype.validate runs the compiled schema validator on `this`.
  model.prototype.validate.call(tracked(obj, seen));
  const out = [];
  unknownFields(obj, seen, "", out);
  return out;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate-k8s.mjs FILE... | -");
  process.exit(2);
}

let problems = 0;
let objects = 0;
for (const file of files) {
  const text = readFileSync(file === "-" ? 0 : file, "utf8");
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length) {
      doc.errors.forEach((e) => console.error(`${file}: YAML error: ${e.message}`));
      problems++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    objects++;
    const where = `${file}: ${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
    if (!obj.apiVersion || !obj.kind) {
      console.error(`${where}: missing apiVersion or kind`);
      problems++;
      continue;
    }
    const { model, error } = await modelFor(obj.apiVersion, obj.kind);
    if (error) {
      console.error(`${where}: ${error}`);
      problems++;
      continue;
    }
    let strict;
    try {
      strict = validate(model, obj);
    } catch (e) {
      const details = e.errors
        ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params ? " " + JSON.stringify(x.params) : ""}`)
        : [e.message];
      details.forEach((d) => console.error(`${where}: ${d}`));
      problems++;
      continue;
    }
    if (strict.length) {
      strict.forEach((d) => console.error(`${where}: ${d}`));
      problems++;
    }
  }
}

if (problems) {
  console.error(`validate-k8s: ${problems} invalid of ${objects} objects`);
  process.exit(1);
}
console.log(`validate-k8s: ${objects} objects valid`);
