package dev.promptevo.web.interfaces.rest.dto;

/** The answer of {@code POST /api/ping}: who called. */
public record PingView(String subject) {}
