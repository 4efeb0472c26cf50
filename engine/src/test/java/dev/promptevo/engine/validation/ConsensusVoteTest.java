package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsensusVoteTest {

    private static JsonNode json(String text) {
        try {
            return Jsons.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> outputs(String... texts) {
        return Arrays.stream(texts).map(ConsensusVoteTest::json).toList();
    }

    @Test
    void eachFieldTakesItsMajorityValue() {
        ConsensusVote.Vote vote = ConsensusVote.vote(outputs(
                "{\"category\": \"billing\", \"priority\": \"high\"}",
                "{\"category\": \"shipping\", \"priority\": \"high\"}",
                "{\"category\": \"billing\", \"priority\": \"low\"}"));

        assertThat(vote.winner()).isEqualTo(json("{\"category\": \"billing\", \"priority\": \"high\"}"));
        // category 2/3, priority 2/3
        assertThat(vote.agreement()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aTieGoesToTheValueSeenFirst() {
        ConsensusVote.Vote vote = ConsensusVote.vote(outputs(
                "{\"priority\": \"low\"}",
                "{\"priority\": \"high\"}",
                "{\"priority\": \"high\"}",
                "{\"priority\": \"low\"}"));

        assertThat(vote.winner()).isEqualTo(json("{\"priority\": \"low\"}"));
        assertThat(vote.agreement()).isEqualTo(0.5);
    }

    @Test
    void aThreeWayTieGoesToTheFirstSample() {
        ConsensusVote.Vote vote = ConsensusVote.vote(outputs("{\"p\": \"c\"}", "{\"p\": \"a\"}", "{\"p\": \"b\"}"));

        assertThat(vote.winner()).isEqualTo(json("{\"p\": \"c\"}"));
        assertThat(vote.agreement()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void numbersAndNestedObjectsVoteByValue() {
        ConsensusVote.Vote vote = ConsensusVote.vote(outputs(
                "{\"n\": 1, \"c\": {\"a\": 1, \"b\": 2}}",
                "{\"n\": 2, \"c\": {\"b\": 2.0, \"a\": 1}}",
                "{\"n\": 1.0, \"c\": {\"a\": 9}}"));

        assertThat(vote.winner().get("n").intValue()).isEqualTo(1);
        assertThat(vote.winner().get("c")).isEqualTo(json("{\"a\": 1, \"b\": 2}"));
        assertThat(vote.agreement()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void absenceIsAVoteAndAWinningAbsenceDropsTheField() {
        ConsensusVote.Vote vote =
                ConsensusVote.vote(outputs("{\"a\": 1}", "{\"a\": 1, \"extra\": true}", "{\"a\": 1}"));

        assertThat(vote.winner()).isEqualTo(json("{\"a\": 1}"));
        // a: 3/3, extra: absent 2/3
        assertThat(vote.agreement()).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void samplesThatAreNotObjectsDoNotVoteButLowerTheAgreement() {
        ConsensusVote.Vote vote =
                ConsensusVote.vote(Arrays.asList(json("{\"a\": 1}"), MissingNode.getInstance(), null, json("[1]")));

        assertThat(vote.winner()).isEqualTo(json("{\"a\": 1}"));
        assertThat(vote.agreement()).isEqualTo(0.25);
    }

    @Test
    void aSingleObjectAgreesWithItself() {
        ConsensusVote.Vote vote = ConsensusVote.vote(outputs("{\"a\": 1, \"b\": [2]}"));

        assertThat(vote.winner()).isEqualTo(json("{\"a\": 1, \"b\": [2]}"));
        assertThat(vote.agreement()).isEqualTo(1.0);
    }

    @Test
    void withoutAnyObjectThereIsNoWinner() {
        ConsensusVote.Vote vote = ConsensusVote.vote(List.of(MissingNode.getInstance()));

        assertThat(vote.winner().isMissingNode()).isTrue();
        assertThat(vote.agreement()).isZero();
        assertThat(ConsensusVote.vote(List.of()).winner().isMissingNode()).isTrue();
    }

    @Test
    void emptyObjectsAgreeAsFarAsTheyParsed() {
        ConsensusVote.Vote vote = ConsensusVote.vote(Arrays.asList(json("{}"), json("{}"), MissingNode.getInstance()));

        assertThat(vote.winner()).isEqualTo(json("{}"));
        assertThat(vote.agreement()).isCloseTo(2.0 / 3, within(1e-12));
    }
}
