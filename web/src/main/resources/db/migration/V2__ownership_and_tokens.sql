-- PromptEvo schema, version 2: who owns each task, dataset and run (the creator's token subject and
-- team), and the tokens this server signed (their ids and grants, never the tokens themselves), with
-- revocation. Objects created before version 2 are given to the owner '(before-security)', which only
-- admins see. Written for H2 2.x and PostgreSQL alike.

ALTER TABLE task ADD COLUMN owner_subject VARCHAR(500) DEFAULT '(before-security)' NOT NULL;
ALTER TABLE task ADD COLUMN owner_team VARCHAR(500);
ALTER TABLE task ALTER COLUMN owner_subject DROP DEFAULT;
CREATE INDEX task_owner ON task (owner_team, owner_subject);

ALTER TABLE dataset ADD COLUMN owner_subject VARCHAR(500) DEFAULT '(before-security)' NOT NULL;
ALTER TABLE dataset ADD COLUMN owner_team VARCHAR(500);
ALTER TABLE dataset ALTER COLUMN owner_subject DROP DEFAULT;
CREATE INDEX dataset_owner ON dataset (owner_team, owner_subject);

ALTER TABLE run ADD COLUMN owner_subject VARCHAR(500) DEFAULT '(before-security)' NOT NULL;
ALTER TABLE run ADD COLUMN owner_team VARCHAR(500);
ALTER TABLE run ALTER COLUMN owner_subject DROP DEFAULT;
CREATE INDEX run_owner ON run (owner_team, owner_subject);

CREATE TABLE issued_token (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    subject    VARCHAR(500) NOT NULL,
    role       VARCHAR(20)  NOT NULL,
    team       VARCHAR(500),
    issued_by  VARCHAR(500) NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE,
    version    BIGINT       NOT NULL
);
CREATE INDEX issued_token_issued_at ON issued_token (issued_at);
