package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.dataset.StoredDataset;

public record DatasetView(String id, String name, int examples, long sizeBytes, String createdAt) {
    public static DatasetView of(StoredDataset dataset) {
        return new DatasetView(
                dataset.id(),
                dataset.name(),
                dataset.exampleCount(),
                dataset.sizeBytes(),
                dataset.createdAt().toString());
    }
}
