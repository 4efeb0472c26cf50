package dev.promptevo.executors.minilm;

import dev.promptevo.api.task.Document;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A small support knowledge base whose passages share words with a query only by accident. */
final class Corpus {
    private Corpus() {}

    static final String PARCEL_QUERY = "my parcel never arrived";

    static final Document LOST_SHIPMENTS = new Document(
            "shipping#2",
            "Lost shipments",
            "When tracking shows no movement for seven days, or a delivery marked as delivered is not at your"
                    + " door, we treat the package as lost and send a replacement at no cost.");

    static final List<Document> SUPPORT = List.of(
            new Document(
                    "account#1",
                    "Password and sign-in",
                    "Never share your password; our staff will never ask for it. Reset it from the sign-in page."),
            new Document(
                    "billing#1",
                    "Refunds",
                    "Refunds go back to the original payment method within five business days of approval."),
            new Document(
                    "warranty#1",
                    "Warranty",
                    "Hardware is covered for two years against manufacturing defects; accidental damage is never"
                            + " covered."),
            LOST_SHIPMENTS,
            new Document(
                    "returns#1",
                    "Returns",
                    "Unused items can be sent back within 30 days in their original packaging for a full refund."));

    /** Lower-cased words, as a lexical retriever would match them. */
    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toSet());
    }

    static Set<String> words(Document document) {
        return words(document.title() + " " + document.text());
    }
}
