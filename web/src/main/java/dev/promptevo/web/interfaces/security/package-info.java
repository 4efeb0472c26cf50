/**
 * Authentication and authorization at the edge: MP-JWT switched on for the application, the role
 * hierarchy, the caller of a request, the deny list of revoked tokens, and 401 answers as problems.
 */
package dev.promptevo.web.interfaces.security;
