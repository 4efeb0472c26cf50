package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.dataset.StoredDataset;

/** A dataset, with its owner (the uploader's token subject, and team when the token had one). */
public record DatasetView(
        String id, String name, int examples, long sizeBytes, String createdAt, String owner, String team) {
    public static DatasetView of(StoredDataset dataset) {
        return new DatasetView(
                dataset.id(),
                dataset.name(),
                dataset.exampleCount(),
                dataset.sizeBytes(),
                dataset.createdAt().toString(),
                dataset.owner().subject(),
                dataset.owner().team().orElse(null));
    }
}
