package dev.promptevo.web.domain.dataset;

/** What is wrong with one line of an uploaded dataset ({@code line} counts from 1). */
public record LineViolation(long line, String message) {}
