/** Datasets: golden examples uploaded as JSON Lines, checked line by line, stored in upload order. */
package dev.promptevo.web.domain.dataset;
