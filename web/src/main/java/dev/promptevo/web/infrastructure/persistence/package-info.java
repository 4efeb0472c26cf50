/** JPA (EclipseLink) repositories, the application's data source and its Flyway migrations. */
package dev.promptevo.web.infrastructure.persistence;
