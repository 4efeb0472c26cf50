/** Tasks: what the LLM must do and how its output is judged, as defined by a client and stored. */
package dev.promptevo.web.domain.task;
