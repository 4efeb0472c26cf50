/** What the API reads and writes: records mapped from and to the domain, nothing more. */
package dev.promptevo.web.interfaces.rest.dto;
