-- PromptEvo schema, version 4: deployments (online routing). A deployment serves a fixed set of arms
-- (genomes) with a Thompson-sampling bandit. The rewards are the posteriors' source of truth: one row
-- per rewarded decision, keyed by the decision id, so a repeated reward cannot be counted twice and a
-- restarted server rebuilds every posterior from them. The bandit's other state (pauses, production
-- arm, promotions, decision counts, gate tallies) is a snapshot written on every operator action and
-- guardrail pause, and flushed with the traffic counts every few seconds. Version 3 is left to the run
-- checkpoints. Written for H2 2.x and PostgreSQL alike; ids are assigned by the application.

CREATE TABLE deployment (
    id                   VARCHAR(36)   NOT NULL PRIMARY KEY,
    name                 VARCHAR(200)  NOT NULL,
    task_id              VARCHAR(36)   NOT NULL REFERENCES task (id),
    run_id               VARCHAR(36)   REFERENCES run (id),
    dataset_id           VARCHAR(36)   REFERENCES dataset (id),
    decision_ttl_seconds BIGINT        NOT NULL,
    state_json           VARCHAR       NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    owner_subject        VARCHAR(500)  NOT NULL,
    owner_team           VARCHAR(500),
    version              BIGINT        NOT NULL
);
CREATE INDEX deployment_owner ON deployment (owner_team, owner_subject);
CREATE INDEX deployment_created_at ON deployment (created_at);

CREATE TABLE deployment_arm (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    deployment_id    VARCHAR(36)  NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    position         INTEGER      NOT NULL,
    genome_id        VARCHAR(64)  NOT NULL,
    genome_json      VARCHAR      NOT NULL,
    warm_mean        DOUBLE PRECISION NOT NULL,
    warm_evaluations BIGINT       NOT NULL,
    CONSTRAINT deployment_arm_position UNIQUE (deployment_id, position),
    CONSTRAINT deployment_arm_genome UNIQUE (deployment_id, genome_id)
);

CREATE TABLE decision_reward (
    decision_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    deployment_id VARCHAR(36)  NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    arm_position  INTEGER      NOT NULL,
    reward        DOUBLE PRECISION NOT NULL,
    source        VARCHAR(20)  NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    rewarded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX decision_reward_deployment ON decision_reward (deployment_id, arm_position);

CREATE TABLE deployment_traffic (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    deployment_id VARCHAR(36)  NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    arm_position  INTEGER      NOT NULL,
    bucket_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    decisions     BIGINT       NOT NULL
);
CREATE INDEX deployment_traffic_bucket ON deployment_traffic (deployment_id, bucket_start);
