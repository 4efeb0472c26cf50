package dev.promptevo.bench;

import dev.promptevo.bench.bandit.BanditCommand;
import dev.promptevo.bench.moea.MoeaCommand;
import dev.promptevo.bench.search.SearchCommand;
import dev.promptevo.bench.throughput.ThroughputCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar promptevo-bench.jar <benchmark> --out FILE.json}. */
@Command(
        name = "promptevo-bench",
        mixinStandardHelpOptions = true,
        versionProvider = BenchCli.Version.class,
        description = "PromptEvo's benchmarks; each prints a table and writes its numbers as JSON.",
        subcommands = {
            MoeaCommand.class,
            ThroughputCommand.class,
            SearchCommand.class,
            BanditCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BenchCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new BenchCli());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchCli.class.getPackage().getImplementationVersion();
            return new String[] {"promptevo-bench " + (version == null ? "dev" : version)};
        }
    }
}
