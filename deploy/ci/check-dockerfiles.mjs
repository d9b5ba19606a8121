// Checks the project's rules for its Dockerfiles, on top of dockerfile-utils' syntax lint:
// a pinned base image, the last USER is not root, the folder of pulse records is a VOLUME and is the
// HEARTBEAT_LOG_PATH, HEARTBEAT_MODE has a default, the secrets file is where the seed mounts it, port 8080 is
// exposed, and there is an ENTRYPOINT.
//
// usage: node check-dockerfiles.mjs Dockerfile...     exit 0 all pass, 1 a problem was printed
import { readFileSync } from "node:fs";
import { DockerfileParser } from "dockerfile-ast";

const LOG_PATH = "/var/lib/mallku/heartbeats";
let problems = 0;

for (const file of process.argv.slice(2)) {
  const df = DockerfileParser.parse(readFileSync(file, "utf8"));
  const fail = (msg) => {
    console.error(`${file}: ${msg}`);
    problems++;
  };
  const ins = df.getInstructions();
  const named = (kw) => ins.filter((i) => i.getKeyword() === kw);
  const args = (i) => i.getArguments().map((a) => a.getValue());

  const froms = df.getFROMs();
  if (froms.length === 0) fail("no FROM");
  for (const from of froms) {
    const image = from.getImageName();
    const tag = from.getImageTag();
    if (!tag || tag === "latest") fail(`base image ${image} is not pinned to a tag`);
  }

  const users = named("USER");
  const user = users.length ? args(users[users.length - 1]).join(" ") : "";
  if (!user) fail("no USER: the image would run as root");
  else if (/^(root|0)(:|$)/.test(user)) fail(`the last USER is ${user}: the image must not run as root`);

  const volumes = named("VOLUME").flatMap((v) => args(v).map((a) => a.replace(/[[\]",]/g, "")));
  if (!volumes.includes(LOG_PATH)) fail(`${LOG_PATH} is not a VOLUME`);

  const env = new Map();
  for (const e of df.getENVs()) for (const p of e.getProperties()) env.set(p.getName(), p.getValue());
  if (env.get("HEARTBEAT_LOG_PATH") !== LOG_PATH) fail(`HEARTBEAT_LOG_PATH is not ${LOG_PATH}`);
  if (!env.has("HEARTBEAT_MODE")) fail("HEARTBEAT_MODE has no default");
  // the seed's compose file mounts ./.secrets:/app/.secrets:ro
  if (env.get("HEARTBEAT_SECRETS_FILE") !== "/app/.secrets/api_keys.json") {
    fail("HEARTBEAT_SECRETS_FILE is not /app/.secrets/api_keys.json, where the seed mounts the keys");
  }

  if (!named("EXPOSE").some((e) => args(e).includes("8080"))) fail("port 8080 is not exposed");
  if (named("ENTRYPOINT").length === 0) fail("no ENTRYPOINT");
  if (named("ADD").length) fail("ADD is used: use COPY");
}

if (problems) process.exit(1);
console.log(`check-dockerfiles: ${process.argv.length - 2} Dockerfiles follow the rules`);
