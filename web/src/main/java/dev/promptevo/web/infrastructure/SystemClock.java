package dev.promptevo.web.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock the application reads time from (UTC). */
@ApplicationScoped
public class SystemClock {
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
