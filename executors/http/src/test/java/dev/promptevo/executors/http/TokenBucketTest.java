package dev.promptevo.executors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.executors.http.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void aFullMinuteGoesAtOnceThenTakersQueueForExactShares() {
        TokenBucket requests = new TokenBucket(2, clock);

        assertThat(requests.take(1)).isZero();
        assertThat(requests.take(1)).isZero();
        assertThat(requests.take(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(requests.take(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(requests.available()).isEqualTo(-2);
    }

    @Test
    void itRefillsContinuouslyUpToOneMinutesAllowance() {
        TokenBucket tokens = new TokenBucket(600, clock);
        assertThat(tokens.take(600)).isZero();

        clock.advance(Duration.ofSeconds(15));
        assertThat(tokens.available()).isEqualTo(150);

        clock.advance(Duration.ofHours(3));
        assertThat(tokens.available()).isEqualTo(600);
    }

    @Test
    void aWaitIsTheDebtOverTheRate() {
        TokenBucket tokens = new TokenBucket(1000, clock);
        assertThat(tokens.take(600)).isZero();

        assertThat(tokens.take(600)).isEqualTo(Duration.ofSeconds(12)); // 200 short at 1000 a minute
    }

    @Test
    void anAdjustmentChargesOrGivesBackButNeverOverfills() {
        TokenBucket tokens = new TokenBucket(1000, clock);
        tokens.take(700);
        tokens.adjust(-500);
        assertThat(tokens.available()).isEqualTo(800);
        tokens.adjust(-10_000);
        assertThat(tokens.available()).isEqualTo(1000);
        tokens.adjust(1500);
        assertThat(tokens.available()).isEqualTo(-500);
        assertThat(tokens.take(0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void limitsOutsideTheExactRangeAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, clock)).hasMessageContaining("[1, 100000000]");
        assertThatThrownBy(() -> new TokenBucket(100_000_001, clock)).hasMessageContaining("[1, 100000000]");
        TokenBucket largest = new TokenBucket(100_000_000, clock);
        assertThat(largest.take(100_000_000)).isZero();
        assertThat(largest.take(1)).isEqualTo(Duration.ofNanos(600));
    }
}
