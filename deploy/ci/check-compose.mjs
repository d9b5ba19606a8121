// Checks the output of `docker-compose config` (which lists every service, whatever its profile): a plain `up` starts
// the file-store heartbeat alone, as before the postgres profile; in that profile the replicas run on PostgreSQL
// with the database's own user and password, wait for it to be healthy, and keep no records volume.
//
// usage: docker-compose config | node check-compose.mjs -     exit 0 all pass, 1 a problem was printed
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const { services } = parse(readFileSync(0, "utf8"));
const problems = [];
const fail = (p) => problems.push(p);

const always = Object.keys(services).filter((n) => !services[n].profiles?.length);
if (always.join() !== "heartbeat") fail(`a plain up starts ${always.join(", ")}, expected the heartbeat alone`);

const db = services.postgres ?? {};
const pg = services["heartbeat-pg"] ?? {};
if (!db.profiles?.includes("postgres") || !pg.profiles?.includes("postgres")) fail("postgres and heartbeat-pg must be in the profile postgres");
if (!(db.healthcheck?.test ?? []).includes("pg_isready")) fail("postgres: no pg_isready healthcheck");
if (!(db.volumes ?? []).some((v) => String(v.target ?? v).includes("/var/lib/postgresql/data"))) fail("postgres: its data is not on a volume");

const env = pg.environment ?? {};
const dbEnv = db.environment ?? {};
if (env.HEARTBEAT_STORE !== "postgresql") fail("heartbeat-pg: HEARTBEAT_STORE is not postgresql");
if (!/^jdbc:postgresql:\/\/postgres:5432\//.test(env.QUARKUS_DATASOURCE_JDBC_URL ?? "")
  || !env.QUARKUS_DATASOURCE_JDBC_URL.endsWith(`/${dbEnv.POSTGRES_DB}`)) {
  fail(`heartbeat-pg: QUARKUS_DATASOURCE_JDBC_URL ${env.QUARKUS_DATASOURCE_JDBC_URL} is not the postgres service's database`);
}
if (env.QUARKUS_DATASOURCE_USERNAME !== dbEnv.POSTGRES_USER || env.QUARKUS_DATASOURCE_PASSWORD !== dbEnv.POSTGRES_PASSWORD) {
  fail("heartbeat-pg: user or password differ from the postgres service's");
}
if (pg.depends_on?.postgres?.condition !== "service_healthy") fail("heartbeat-pg: does not wait for postgres to be healthy");
if ((pg.volumes ?? []).some((v) => String(v.target ?? v).includes("/var/lib/mallku/heartbeats"))) fail("heartbeat-pg: mounts a records volume");

problems.forEach((p) => console.error(p));
if (problems.length) process.exit(1);
console.log(`compose: a plain up starts the heartbeat alone; profile postgres: ${pg.deploy?.replicas ?? 1} replicas on ` +
  `${env.QUARKUS_DATASOURCE_JDBC_URL}, after its healthcheck`);
