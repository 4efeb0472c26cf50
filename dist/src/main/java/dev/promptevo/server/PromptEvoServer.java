package dev.promptevo.server;

import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The main class of {@code promptevo-server.jar}: Payara Micro with the PromptEvo WAR inside, started
 * with the server's defaults, and the API's URL printed once it answers.
 *
 * <p>Every argument is Payara Micro's ({@code --port 9090}, {@code --rootdir DIR}, ...). The defaults
 * keep a first start self-contained and local: no clustering and no data grid ({@code --nohazelcast}
 * unless an argument configures clustering: with {@code --nocluster} alone Payara Micro still starts
 * Hazelcast, which listens on port 6900 of every interface), the HTTP listener on 127.0.0.1 ({@code -Dpromptevo.server.address}
 * or {@code PROMPTEVO_SERVER_ADDRESS} changes it, read by the jar's {@code
 * MICRO-INF/pre-boot-commands.txt}), and the bundled example preloaded ({@code
 * promptevo.examples.preload}). Each is a system property, set from the environment variable of the
 * same key ({@code PROMPTEVO_EXAMPLES_PRELOAD=false}) when there is one, and only when no system
 * property sets it already.
 */
public final class PromptEvoServer {
    /** The HTTP listener's address; the jar's pre-boot command file refers to it. */
    static final String ADDRESS = "promptevo.server.address";

    static final String PRELOAD = "promptevo.examples.preload";
    static final String APPLICATION = "promptevo-web";

    /** Payara Micro options that ask for clustering, which {@code --nocluster} would contradict. */
    private static final Set<String> CLUSTER_OPTIONS = Set.of(
            "--nocluster",
            "--clustermode",
            "--mcaddress",
            "--mcport",
            "--clustername",
            "--hzconfigfile",
            "--hzpublicaddress",
            "--lite",
            "--startport",
            "--nohazelcast");

    private PromptEvoServer() {}

    public static void main(String[] args) {
        setDefault(ADDRESS, "127.0.0.1");
        setDefault(PRELOAD, "true");
        PayaraMicro.main(payaraArguments(args).toArray(String[]::new));

        PayaraMicroRuntime runtime;
        try {
            runtime = PayaraMicro.getInstance().getRuntime();
        } catch (IllegalStateException e) {
            return; // Payara Micro did something other than start a server (--help, --outputUberJar, ...)
        }
        if (runtime == null) {
            return;
        }
        if (!runtime.getDeployedApplicationNames().contains(APPLICATION)) {
            System.err.println("PromptEvo did not start: " + APPLICATION
                    + " is not deployed (deployed: " + runtime.getDeployedApplicationNames()
                    + "); see the log above");
            System.exit(1);
        }
        List<Integer> ports = runtime.getLocalDescriptor().getHttpPorts();
        if (ports.isEmpty()) {
            System.out.println("PromptEvo is ready, on HTTPS only (ports "
                    + runtime.getLocalDescriptor().getHttpsPorts() + ")");
            return;
        }
        System.out.println("PromptEvo is ready: " + apiUrl(System.getProperty(ADDRESS), ports.get(0)));
    }

    /**
     * The arguments with {@code --nohazelcast} added, unless they configure clustering themselves
     * ({@code --nocluster} alone is not clustering: it only stops discovery, and the data grid would
     * still listen on every interface).
     */
    static List<String> payaraArguments(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        boolean clustering = all.stream()
                .map(a -> a.toLowerCase(Locale.ROOT))
                .filter(a -> !a.equals("--nocluster"))
                .anyMatch(CLUSTER_OPTIONS::contains);
        if (!clustering) {
            all.add("--nohazelcast");
        }
        return all;
    }

    /** Where a client on this machine reaches the API. */
    static String apiUrl(String address, int port) {
        String host = address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::")
                ? "127.0.0.1"
                : address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port + "/api";
    }

    /** Sets a system property from its environment variable, or else the default, unless it is set. */
    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            String environment = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            System.setProperty(key, environment != null ? environment : value);
        }
    }
}
