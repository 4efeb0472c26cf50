-- PromptEvo schema, version 3: what lets a run outlive a restart, and its per-example evaluations.
-- run_checkpoint holds a running run's state after its last completed generation (the engine's
-- checkpoint without the evaluations), replaced in the same transaction that writes that generation's
-- row; run_evaluations holds each complete candidate's evaluations on the training examples (one JSON
-- array per candidate, in training order), written once, in the transaction of the generation that
-- completed the candidate. Written for H2 2.x and PostgreSQL alike.

CREATE TABLE run_checkpoint (
    run_id           VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES run (id) ON DELETE CASCADE,
    generation_index INTEGER     NOT NULL,
    state_json       VARCHAR     NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE run_evaluations (
    id               VARCHAR(36) NOT NULL PRIMARY KEY,
    run_id           VARCHAR(36) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    genome_id        VARCHAR(64) NOT NULL,
    generation       INTEGER     NOT NULL,
    example_count    INTEGER     NOT NULL,
    evaluations_json VARCHAR     NOT NULL,
    CONSTRAINT run_evaluations_genome UNIQUE (run_id, genome_id)
);
