/** Exception mappers that turn every error into an RFC 9457 problem ({@code application/problem+json}). */
package dev.promptevo.web.interfaces.rest.problem;
