package dev.promptevo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code promptevo} command. */
@Command(
        name = "promptevo",
        mixinStandardHelpOptions = true,
        versionProvider = PromptEvoCli.Version.class,
        description = "Finds the best way to call an LLM for a task by evolutionary search.",
        subcommands = {OptimizeCommand.class, CommandLine.HelpCommand.class})
public final class PromptEvoCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new PromptEvoCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PromptEvoCli.class.getPackage().getImplementationVersion();
            return new String[] {"promptevo " + (version == null ? "dev" : version)};
        }
    }
}
