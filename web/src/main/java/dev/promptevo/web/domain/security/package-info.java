/**
 * Who may do what: the roles and their order, the caller of a request, the owner recorded on every
 * task, dataset and run, and the rule that decides which objects a caller sees.
 */
package dev.promptevo.web.domain.security;
