-- PromptEvo schema, version 1: tasks, datasets with their examples, runs with their generations and
-- candidates. Written for H2 2.x and PostgreSQL alike; ids are UUID strings assigned by the
-- application (no identity columns). Unbounded VARCHAR holds JSON and long texts.

CREATE TABLE task (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    description     VARCHAR(4000),
    backend_id      VARCHAR(200)  NOT NULL,
    definition_json VARCHAR       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL
);
CREATE INDEX task_created_at ON task (created_at);

CREATE TABLE dataset (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    example_count INTEGER      NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL
);
CREATE INDEX dataset_created_at ON dataset (created_at);

CREATE TABLE dataset_example (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    dataset_id             VARCHAR(36)  NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    position               INTEGER      NOT NULL,
    example_key            VARCHAR(500) NOT NULL,
    input                  VARCHAR      NOT NULL,
    expected_json          VARCHAR      NOT NULL,
    difficulty             DOUBLE PRECISION NOT NULL,
    tags_json              VARCHAR      NOT NULL,
    relevant_passages_json VARCHAR      NOT NULL,
    CONSTRAINT dataset_example_position UNIQUE (dataset_id, position),
    CONSTRAINT dataset_example_key UNIQUE (dataset_id, example_key)
);

CREATE TABLE run (
    id                    VARCHAR(36)  NOT NULL PRIMARY KEY,
    task_id               VARCHAR(36)  NOT NULL REFERENCES task (id),
    dataset_id            VARCHAR(36)  NOT NULL REFERENCES dataset (id),
    status                VARCHAR(20)  NOT NULL,
    seed                  BIGINT       NOT NULL,
    settings_json         VARCHAR      NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at            TIMESTAMP WITH TIME ZONE,
    finished_at           TIMESTAMP WITH TIME ZONE,
    generations_completed INTEGER      NOT NULL,
    spent_calls           BIGINT       NOT NULL,
    spent_failed_calls    BIGINT       NOT NULL,
    spent_tokens          BIGINT       NOT NULL,
    spent_cost_usd        DOUBLE PRECISION NOT NULL,
    spent_wall_seconds    DOUBLE PRECISION NOT NULL,
    stop_reason           VARCHAR(40),
    error_message         VARCHAR(4000),
    best_genome_id        VARCHAR(64),
    best_composite        DOUBLE PRECISION,
    base_composite        DOUBLE PRECISION,
    objectives_json       VARCHAR,
    version               BIGINT       NOT NULL
);
CREATE INDEX run_created_at ON run (created_at);
CREATE INDEX run_task ON run (task_id);
CREATE INDEX run_dataset ON run (dataset_id);
CREATE INDEX run_status ON run (status);

CREATE TABLE run_generation (
    id                 VARCHAR(36) NOT NULL PRIMARY KEY,
    run_id             VARCHAR(36) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    generation_index   INTEGER     NOT NULL,
    best_composite     DOUBLE PRECISION NOT NULL,
    median_composite   DOUBLE PRECISION NOT NULL,
    evaluations        INTEGER     NOT NULL,
    best_genome_id     VARCHAR(64) NOT NULL,
    spent_calls        BIGINT      NOT NULL,
    spent_tokens       BIGINT      NOT NULL,
    spent_cost_usd     DOUBLE PRECISION NOT NULL,
    spent_wall_seconds DOUBLE PRECISION NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_generation_index UNIQUE (run_id, generation_index)
);

CREATE TABLE run_candidate (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    run_id          VARCHAR(36)   NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    genome_id       VARCHAR(64)   NOT NULL,
    ordinal         INTEGER       NOT NULL,
    generation      INTEGER       NOT NULL,
    operator        VARCHAR(1000) NOT NULL,
    parents_json    VARCHAR       NOT NULL,
    genome_json     VARCHAR       NOT NULL,
    metrics_json    VARCHAR       NOT NULL,
    objectives_json VARCHAR       NOT NULL,
    composite       DOUBLE PRECISION NOT NULL,
    pass_rate       DOUBLE PRECISION NOT NULL,
    on_pareto_front BOOLEAN       NOT NULL,
    is_best         BOOLEAN       NOT NULL,
    is_base         BOOLEAN       NOT NULL,
    CONSTRAINT run_candidate_genome UNIQUE (run_id, genome_id)
);
CREATE INDEX run_candidate_rank ON run_candidate (run_id, composite);
