-- Mallku Heartbeat's store on PostgreSQL (heartbeat.store=postgresql).

-- One row per pulse: its whole record as JSON (the file log's format), and the columns the service reads.
-- seq is the order of recording, which other replicas follow; due_at is the due time a scheduled pulse served,
-- unique, so that no due time is ever recorded twice.
create table pulses (
    seq            bigint generated always as identity primary key,
    id             uuid        not null unique,
    due_at         timestamptz unique,
    started_at     timestamptz not null,
    completed_at   timestamptz not null,
    reason         text        not null,
    ceremony       text,
    score          double precision,
    outcome        text        not null,
    voices_present integer     not null,
    emergence      boolean     not null,
    key_insight    text,
    failure_reason text,
    record         jsonb       not null
);
create index pulses_started_at on pulses (started_at);

-- Counters over every pulse ever recorded (retention removes rows, not counts): one row.
create table pulse_counts (
    only_row       boolean primary key default true check (only_row),
    total          bigint not null default 0,
    alerts         bigint not null default 0,
    celebrations   bigint not null default 0,
    failed         bigint not null default 0,
    first_pulse_at timestamptz
);
insert into pulse_counts (only_row) values (true);

-- A due time is claimed before its pulse starts: the primary key lets one replica only run it. A claim whose
-- pulse was never recorded (its replica died) is caught up once by the next leader (caught_up).
create table pulse_claims (
    due_at     timestamptz primary key,
    pulse_id   uuid        not null,
    replica    text        not null,
    claimed_at timestamptz not null default now(),
    caught_up  boolean     not null default false
);
