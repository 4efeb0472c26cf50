package dev.promptevo.executors.http;

import dev.promptevo.api.model.ModelPrice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * USD per million input and output tokens, per model, for one provider: the bundled table ({@code
 * default-prices.tsv}) overridden by the settings {@code price.<model>.input} and {@code
 * price.<model>.output}. The model {@value #ANY_MODEL} prices every model the table does not name
 * (Ollama's bundled row {@code * 0 0}: local models are free, and known to be).
 *
 * <p>An unknown model is reported, never silently priced: {@link #price} is empty, the backend
 * charges its calls $0, and the first lookup of each unknown model logs a WARNING and adds it to
 * {@link #unknownModels()}. Thread-safe.
 */
public final class PriceTable {
    /** The model name that prices every model the table does not list. */
    public static final String ANY_MODEL = "*";

    private static final System.Logger LOG = System.getLogger(PriceTable.class.getName());
    private static final String RESOURCE = "default-prices.tsv";
    private static final Pattern PRICE_KEY = Pattern.compile("price\\.(.+)\\.(input|output)");

    private final String providerId;
    private final Map<String, ModelPrice> prices;
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();

    private PriceTable(String providerId, Map<String, ModelPrice> prices) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.prices = Map.copyOf(prices);
    }

    /** A table of exactly these prices. */
    public static PriceTable of(String providerId, Map<String, ModelPrice> prices) {
        return new PriceTable(providerId, prices);
    }

    /** The bundled rows of {@code providerId}. */
    public static PriceTable bundled(String providerId) {
        return new PriceTable(providerId, bundledRows(providerId));
    }

    /**
     * The bundled rows of {@code providerId} overridden by the {@code price.<model>.input|output}
     * entries of {@code settings} (other keys are ignored). A model the bundled table does not know
     * needs both of its prices.
     *
     * @throws IllegalArgumentException naming the key, for a price that is not a number >= 0 or a
     *     new model with only one of its two prices
     */
    public static PriceTable fromSettings(String providerId, Map<String, String> settings) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>(bundledRows(providerId));
        Map<String, Double> inputs = new TreeMap<>();
        Map<String, Double> outputs = new TreeMap<>();
        settings.forEach((key, value) -> {
            Matcher matcher = PRICE_KEY.matcher(key);
            if (matcher.matches()) {
                double price = parsePrice(providerId, key, value);
                (matcher.group(2).equals("input") ? inputs : outputs).put(matcher.group(1), price);
            }
        });
        Set<String> models = new TreeSet<>(inputs.keySet());
        models.addAll(outputs.keySet());
        for (String model : models) {
            ModelPrice known = prices.get(model);
            Double input = inputs.getOrDefault(model, known == null ? null : known.inputPerMillion());
            Double output = outputs.getOrDefault(model, known == null ? null : known.outputPerMillion());
            if (input == null || output == null) {
                String missing = input == null ? "input" : "output";
                throw new IllegalArgumentException("the " + providerId + " backend's settings price model '" + model
                        + "' but lack 'price." + model + "." + missing + "' (USD per 1M tokens)");
            }
            prices.put(model, new ModelPrice(input, output));
        }
        return new PriceTable(providerId, prices);
    }

    /**
     * The price of {@code model}: its own row, else the {@value #ANY_MODEL} row, else empty. An empty
     * answer is reported once per model (WARNING log record, {@link #unknownModels()}).
     */
    public Optional<ModelPrice> price(String model) {
        ModelPrice price = prices.get(model);
        if (price == null) {
            price = prices.get(ANY_MODEL);
        }
        if (price == null && unknown.add(model)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: no price for model ''{1}'', so its calls are counted at $0. Add the settings price.{1}.input"
                            + " and price.{1}.output (USD per 1M tokens).",
                    providerId,
                    model);
        }
        return Optional.ofNullable(price);
    }

    /** The models looked up without a price so far, in no particular order. */
    public Set<String> unknownModels() {
        return Set.copyOf(unknown);
    }

    /** Every row, by model name. */
    public Map<String, ModelPrice> prices() {
        return new TreeMap<>(prices);
    }

    @Override
    public String toString() {
        return "PriceTable[" + providerId + ", " + prices.size() + " models]";
    }

    private static double parsePrice(String providerId, String key, String value) {
        try {
            double price = Double.parseDouble(value.strip());
            if (price >= 0 && Double.isFinite(price)) {
                return price;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new IllegalArgumentException("the " + providerId + " backend's setting '" + key
                + "' must be a number >= 0 (USD per 1M tokens), got '" + value + "'");
    }

    private static Map<String, ModelPrice> bundledRows(String providerId) {
        Map<String, ModelPrice> rows = new LinkedHashMap<>();
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled price table " + RESOURCE + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\\s+");
                if (cells.length != 4) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected 4 cells, got " + row);
                }
                if (cells[0].equals(providerId)) {
                    rows.put(cells[1], new ModelPrice(Double.parseDouble(cells[2]), Double.parseDouble(cells[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled price table " + RESOURCE, e);
        }
        return rows;
    }
}
