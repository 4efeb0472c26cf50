/**
 * The interfaces layer: JAX-RS resources and DTOs that only check the shape of a request and
 * translate; every error becomes an RFC 9457 problem ({@code problem} package).
 */
package dev.promptevo.web.interfaces.rest;
