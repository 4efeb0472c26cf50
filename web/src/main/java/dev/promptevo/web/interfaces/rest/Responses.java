package dev.promptevo.web.interfaces.rest;

/** Media types of the API beyond {@link jakarta.ws.rs.core.MediaType}'s. */
public final class Responses {
    public static final String PROBLEM = "application/problem+json";
    public static final String NDJSON = "application/x-ndjson";
    public static final String JSONL = "application/jsonl";

    private Responses() {}
}
