package dev.promptevo.bench.route;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.bench.BenchJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The route benchmark's rounds, their medians and the ratio route / ping. */
public record RouteReport(Settings settings, List<Round> rounds) {

    public record Settings(
            int rounds,
            int seconds,
            int warmupSeconds,
            int threads,
            int connections,
            int arms,
            String serverHeap,
            int processors) {}

    /** One round: both endpoints measured back to back, in requests per second. */
    public record Round(int round, double pingPerSecond, double routePerSecond, long pingRequests, long routeRequests) {
        double ratio() {
            return routePerSecond / pingPerSecond;
        }
    }

    public RouteReport {
        rounds = List.copyOf(rounds);
    }

    public double medianPing() {
        return median(rounds.stream().mapToDouble(Round::pingPerSecond).toArray());
    }

    public double medianRoute() {
        return median(rounds.stream().mapToDouble(Round::routePerSecond).toArray());
    }

    /** The ratio of the medians: the headline figure. */
    public double ratio() {
        return medianRoute() / medianPing();
    }

    /** The median of the per-round ratios: robust to drift between rounds. */
    public double medianRoundRatio() {
        return median(rounds.stream().mapToDouble(Round::ratio).toArray());
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "POST route vs POST /api/ping on one server (%d arms), wrk -t%d -c%d, %d s per measurement, %d rounds,"
                        + " %d processors shared by server and wrk%n",
                settings.arms(),
                settings.threads(),
                settings.connections(),
                settings.seconds(),
                settings.rounds(),
                settings.processors()));
        String format = "%-7s | %10s | %10s | %7s%n";
        out.append(String.format(Locale.ROOT, format, "round", "ping /s", "route /s", "ratio"));
        for (Round r : rounds) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    r.round(),
                    String.format(Locale.ROOT, "%.0f", r.pingPerSecond()),
                    String.format(Locale.ROOT, "%.0f", r.routePerSecond()),
                    String.format(Locale.ROOT, "%.3f", r.ratio())));
        }
        out.append(String.format(
                Locale.ROOT,
                format,
                "median",
                String.format(Locale.ROOT, "%.0f", medianPing()),
                String.format(Locale.ROOT, "%.0f", medianRoute()),
                String.format(Locale.ROOT, "%.3f", ratio())));
        out.append(String.format(
                Locale.ROOT,
                "route throughput = %.1f%% of ping's (ratio of medians; median of the round ratios %.3f); target >= 80%%%n",
                100 * ratio(),
                medianRoundRatio()));
        return out.toString();
    }

    public void write(Path file) throws IOException {
        BenchJson.write(file, mapper -> {
            ObjectNode root = mapper.createObjectNode();
            root.put("benchmark", "route");
            ObjectNode s = root.putObject("settings");
            s.put("rounds", settings.rounds());
            s.put("seconds", settings.seconds());
            s.put("warmupSeconds", settings.warmupSeconds());
            s.put("wrkThreads", settings.threads());
            s.put("wrkConnections", settings.connections());
            s.put("arms", settings.arms());
            s.put("serverHeap", settings.serverHeap());
            s.put("processors", settings.processors());
            ArrayNode list = root.putArray("rounds");
            for (Round r : rounds) {
                ObjectNode n = list.addObject();
                n.put("round", r.round());
                BenchJson.number(n, "pingPerSecond", r.pingPerSecond());
                BenchJson.number(n, "routePerSecond", r.routePerSecond());
                n.put("pingRequests", r.pingRequests());
                n.put("routeRequests", r.routeRequests());
                BenchJson.number(n, "ratio", r.ratio());
            }
            BenchJson.number(root, "medianPingPerSecond", medianPing());
            BenchJson.number(root, "medianRoutePerSecond", medianRoute());
            BenchJson.number(root, "ratio", ratio());
            BenchJson.number(root, "medianRoundRatio", medianRoundRatio());
            root.put("target", 0.8);
            root.put("targetMet", ratio() >= 0.8);
            return root;
        });
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
