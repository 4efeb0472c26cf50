-- PromptEvo schema, version 5: what keeps a restart from repeating a model call, and which server
-- runs a run.
--
-- run_call holds the model calls a running run has completed since its last checkpoint (a call's
-- answer or failure, keyed by the SHA-256 of the whole request), written in batches while the run
-- goes on, so a resumed run answers the calls of its interrupted generation from here instead of
-- making them again. The rows of a run are deleted with each new checkpoint (in its transaction:
-- the checkpoint covers them) and when the run ends, so the table holds at most one generation's
-- calls per active run.
--
-- run.backend_calls counts the calls the run sent to its backend, over all server lifetimes (added
-- at each checkpoint and at the end). run.lease_owner / lease_expires_at (epoch milliseconds) say
-- which server instance runs the run until when; a server claims a run with a conditional UPDATE
-- and renews its leases while the run goes on. Written for H2 2.x and PostgreSQL alike.

CREATE TABLE run_call (
    id           VARCHAR(36) NOT NULL PRIMARY KEY,
    run_id       VARCHAR(36) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    request_key  VARCHAR(64) NOT NULL,
    outcome_json VARCHAR     NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT run_call_request UNIQUE (run_id, request_key)
);

ALTER TABLE run ADD COLUMN backend_calls BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE run ADD COLUMN lease_owner VARCHAR(36);
ALTER TABLE run ADD COLUMN lease_expires_at BIGINT;
