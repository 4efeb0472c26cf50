package dev.promptevo.engine.retrieval;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.task.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Okapi BM25 ranking over passages indexed once.
 *
 * <p>Follows Robertson &amp; Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * Foundations and Trends in Information Retrieval 3(4), 2009, section 3 (the eliteness model and the
 * BM25 weight): a document's score is the sum over the distinct query terms {@code t} it contains of
 *
 * <pre>idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))</pre>
 *
 * with {@code k1 = 1.2}, {@code b = 0.75}, {@code tf} the term's count in the document, {@code dl}
 * the document's length in terms and {@code avgdl} the mean length. For {@code idf} it uses {@code
 * ln(1 + (N - n + 0.5) / (n + 0.5))} ({@code N} documents, {@code n} of them containing the term),
 * the paper's Robertson/Spärck Jones weight shifted (as Lucene does) so that a term in more than half
 * the documents still counts a little instead of negatively.
 *
 * <p>A document is its title followed by its text, tokenized by {@link #tokenize}. Only documents
 * sharing a term with the query (score &gt; 0) are returned, so a {@code k} larger than the corpus
 * returns every matching document, not the whole corpus. Immutable and thread-safe.
 */
public final class Bm25Retriever implements Retriever {
    public static final double K1 = 1.2;
    public static final double B = 0.75;

    /** Lucene's English stop words ({@code EnglishAnalyzer.ENGLISH_STOP_WORDS_SET}). */
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
            "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
            "will", "with");

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final List<Document> documents;
    private final List<Map<String, Integer>> termCounts;
    private final int[] lengths;
    private final Map<String, Integer> documentFrequency;
    private final double averageLength;

    private Bm25Retriever(List<Document> documents) {
        this.documents = List.copyOf(documents);
        List<Map<String, Integer>> counts = new ArrayList<>();
        Map<String, Integer> frequency = new HashMap<>();
        lengths = new int[this.documents.size()];
        long total = 0;
        for (int i = 0; i < this.documents.size(); i++) {
            Document document = this.documents.get(i);
            List<String> terms = tokenize(document.title() + "\n" + document.text());
            Map<String, Integer> count = new HashMap<>();
            terms.forEach(term -> count.merge(term, 1, Integer::sum));
            count.keySet().forEach(term -> frequency.merge(term, 1, Integer::sum));
            counts.add(Map.copyOf(count));
            lengths[i] = terms.size();
            total += terms.size();
        }
        termCounts = List.copyOf(counts);
        documentFrequency = Map.copyOf(frequency);
        averageLength = this.documents.isEmpty() ? 0 : (double) total / this.documents.size();
    }

    /** Indexes the documents; their order breaks ties between equal scores. */
    public static Bm25Retriever of(List<Document> documents) {
        return new Bm25Retriever(documents);
    }

    /**
     * The documents with a positive score, best first, at most {@code k}; equal scores keep the
     * documents' order.
     *
     * @throws IllegalArgumentException when {@code k} is negative
     */
    @Override
    public List<Scored> retrieve(String query, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        if (k == 0) {
            return List.of();
        }
        Set<String> terms = new LinkedHashSet<>(tokenize(query));
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            double score = score(i, terms);
            if (score > 0) {
                scored.add(new Scored(documents.get(i), score));
            }
        }
        // List.sort is stable, so equal scores stay in document order.
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
    }

    private double score(int document, Set<String> terms) {
        Map<String, Integer> counts = termCounts.get(document);
        double norm = K1 * (1 - B + B * lengths[document] / averageLength);
        double score = 0;
        for (String term : terms) {
            Integer tf = counts.get(term);
            if (tf != null) {
                score += idf(term) * tf * (K1 + 1) / (tf + norm);
            }
        }
        return score;
    }

    private double idf(String term) {
        int n = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (documents.size() - n + 0.5) / (n + 0.5));
    }

    /**
     * Lower-cases, splits on anything but letters and digits, drops stop words, and strips a plural
     * ending: {@code -ies} becomes {@code -y} (policies, policy) and a final {@code -s} goes (refunds,
     * refund), except after another {@code s} (address) or in words of three letters or fewer.
     */
    public static List<String> tokenize(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !STOPWORDS.contains(word)) {
                terms.add(singular(word));
            }
        }
        return terms;
    }

    private static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
