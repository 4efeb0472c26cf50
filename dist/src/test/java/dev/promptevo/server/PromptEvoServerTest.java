package dev.promptevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptEvoServerTest {
    @Test
    void theDataGridIsOffUnlessTheArgumentsAskForClustering() {
        assertThat(PromptEvoServer.payaraArguments(new String[] {"--port", "9090"}))
                .containsExactly("--port", "9090", "--nohazelcast");
        assertThat(PromptEvoServer.payaraArguments(new String[] {"--clusterMode", "tcpip:127.0.0.1:6900"}))
                .containsExactly("--clusterMode", "tcpip:127.0.0.1:6900");
        // --nocluster stops discovery only; Hazelcast would still listen on port 6900 of every interface
        assertThat(PromptEvoServer.payaraArguments(new String[] {"--nocluster"}))
                .containsExactly("--nocluster", "--nohazelcast");
        assertThat(PromptEvoServer.payaraArguments(new String[] {"--noHazelcast"}))
                .containsExactly("--noHazelcast");
    }

    @Test
    void theUrlNamesAnAddressAClientOnThisMachineCanReach() {
        assertThat(PromptEvoServer.apiUrl("127.0.0.1", 8080)).isEqualTo("http://127.0.0.1:8080/api");
        assertThat(PromptEvoServer.apiUrl("0.0.0.0", 9090)).isEqualTo("http://127.0.0.1:9090/api");
        assertThat(PromptEvoServer.apiUrl("::1", 8080)).isEqualTo("http://[::1]:8080/api");
        assertThat(PromptEvoServer.apiUrl("10.1.2.3", 8080)).isEqualTo("http://10.1.2.3:8080/api");
    }
}
