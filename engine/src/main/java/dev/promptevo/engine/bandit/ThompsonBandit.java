package dev.promptevo.engine.bandit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Routes traffic among arms (genomes, keyed by their id) by Thompson sampling over Beta posteriors,
 * with a gradual rollout, a traffic floor, optional discounting, guardrails and sticky assignment.
 * A library: the web layer wraps it, persists its {@link #snapshot()} and {@link #restore restores} it.
 *
 * <h2>Sampling</h2>
 * Each arm's success probability has a Beta(1 + successes, 1 + failures) posterior; {@link #choose()}
 * draws one value from every active arm's posterior and takes the largest (W. R. Thompson,
 * Biometrika 1933; O. Chapelle and L. Li, "An Empirical Evaluation of Thompson Sampling", NIPS 2011,
 * Algorithm 2). A reward {@code r} in [0, 1] updates the posterior by {@link RewardUpdate#FRACTIONAL}
 * ({@code alpha += r, beta += 1 - r}, the default) or by the Bernoulli trick of S. Agrawal and N. Goyal
 * (COLT 2012, Algorithm 2). The fractional update is the default because it loses no information and
 * adds no noise: both give a posterior of about the same width, but the Bernoulli trick centres it on
 * coin flips instead of the rewards. The {@code bandit} benchmark measures it (docs/benchmarks.md):
 * on Beta-distributed rewards with K = 10 and T = 10^5 over 100 seeds the trick had 11% and 17% more
 * regret at a gap of 0.02 and the same at 0.1, with two to five times the spread across seeds. And a
 * deterministic update commutes, so concurrent rewards give one posterior whatever order they land in.
 * The posterior of a fractional update is no longer an exact Bayesian posterior, only a conservative
 * one (its variance is at least the true one's).
 *
 * <h2>Rollout, floor and discounting</h2>
 * A deployment may name a production arm. A rollout then starts with a split (the production arm
 * gets {@link BanditConfig#productionShare()}, the other active arms share the rest equally) that
 * hands over to sampling as evidence accumulates: a decision follows the split with probability
 * {@code h / (h + n)} and Thompson sampling otherwise, {@code n} being the rewards observed since the
 * rollout began and {@code h} = {@link BanditConfig#splitHandoverRewards()}. A decaying mixture rather
 * than the split as prior strength, because a prior that encoded traffic would bias the posterior
 * means and credible intervals that the statistics report and the stop rule reads, and because no
 * prior gives a chosen traffic split (Thompson sampling's share depends on the whole posteriors, not
 * their means). The mixture gives exactly the split at the start, hands over at a stated pace, and
 * costs little: the expected number of split-following decisions grows as {@code h ln(n / h)},
 * logarithmically like the regret itself. Adding an arm starts a new rollout. On top of that, each of
 * the {@code K} active arms gets at least {@link BanditConfig#trafficFloor()} of the traffic: with
 * probability {@code K * floor} a decision is uniform among the active arms (a floor is linear regret
 * by design: it buys fresh evidence on every arm). With {@link BanditConfig#discount()} {@code gamma < 1}
 * evidence observed {@code m} rewards ago weighs {@code gamma^m}, towards the flat prior, so an arm that
 * gets no traffic regains uncertainty and is tried again (discounted Thompson sampling, V. Raj and S.
 * Kalyani, "Taming non-stationary bandits: A Bayesian approach", 2017); warm-start pseudo-counts decay
 * the same way.
 *
 * <h2>Guardrails and operations</h2>
 * {@link #recordGates} counts an arm's gate failures per decision; an arm that breaches a
 * {@link Guardrail} is paused with the reason recorded, unless it is the last active arm: a deployment
 * never pauses into having no arm to route to, so that arm keeps serving with the breach recorded as
 * an {@link ArmStatistics#alert() alert}, and is paused by the next breaching check once another arm is
 * active. {@link #pause}, {@link #resume}, {@link #promote} and {@link #rollback} are the operator's.
 *
 * <h2>Sticky assignment</h2>
 * {@link #choose(String)} maps a unit key (a user id) to the same arm for as long as the sticky epoch
 * lasts: an epoch freezes each active arm's traffic share (floor, split and probability to be best,
 * by Monte Carlo) and assigns keys by weighted rendezvous hashing over those shares (C. Schindelhauer
 * and G. Schomaker, "Weighted distributed hash tables", SPAA 2005): each arm's race time is
 * {@code -ln(u) / share} with {@code u} a hash of the key and the arm, and the earliest arm wins, so a
 * key lands on an arm with probability equal to its share and no map of keys is kept. An epoch ends
 * when the arm set changes (add, pause, resume, promote, rollback) or on {@link #rebalance()}, which the
 * caller invokes to let sticky traffic follow the posteriors; when it ends, only the keys whose race
 * changes move (all the keys of a paused arm, a share of the others).
 *
 * <h2>Concurrency and replay</h2>
 * Thread-safe. {@link #choose()} takes no lock: it reads the current arm set (an immutable value
 * published through a volatile field) and each arm's evidence (an immutable value in an atomic
 * reference). A reward updates its arm's evidence by compare-and-set, so no update is lost. Operator
 * actions and guardrail pauses are serialized on the bandit's monitor. Every random draw comes from
 * the seed and the draw's position (the decision's number, the reward's number), never from a shared
 * generator, so a single-threaded sequence of calls replays exactly, also across {@link #snapshot()}
 * and {@link #restore}.
 */
public final class ThompsonBandit {
    private static final long DECISIONS = 1;
    private static final long REWARDS = 2;
    private static final long STATISTICS = 3;
    private static final long STICKY_SHARES = 4;
    private static final long STICKY_KEYS = 5;

    private final BanditConfig config;
    /** Rewards observed so far: the time base of discounting and of the rollout. */
    private final AtomicLong rewardClock;
    /** Non-sticky decisions made so far: decision {@code n} draws from its own seeded generator. */
    private final AtomicLong decisionCount;

    private volatile State state;

    /** One arm's changing parts, each updated without locks. */
    private static final class Arm {
        final String id;
        final WarmStart warmStart;
        final long keyHash;
        final AtomicReference<Evidence> evidence;
        final AtomicReference<GateTally> gates;
        final LongAdder decisions = new LongAdder();

        Arm(String id, WarmStart warmStart, Evidence evidence, GateTally gates, long decisions, long seed) {
            this.id = id;
            this.warmStart = warmStart;
            this.keyHash = Seeds.mix(Seeds.hash(id) ^ Seeds.of(seed, STICKY_KEYS, 0));
            this.evidence = new AtomicReference<>(evidence);
            this.gates = new AtomicReference<>(gates);
            this.decisions.add(decisions);
        }
    }

    /**
     * What operator actions change, replaced whole and read without locks.
     *
     * @param arms every arm, in the order they were added
     * @param active the active arms, in the same order
     * @param production the production arm's id, or null
     * @param stickyShares per active arm, its share of sticky assignments in this epoch
     */
    private record State(
            Map<String, Arm> arms,
            Arm[] active,
            Map<String, Pause> paused,
            Map<String, String> alerts,
            String production,
            List<Promotion> promotions,
            long version,
            long epoch,
            long rolloutStart,
            double[] stickyShares) {}

    /** A copy of the state that an operator action edits before it is published. */
    private static final class Draft {
        final LinkedHashMap<String, Arm> arms;
        final LinkedHashMap<String, Pause> paused;
        final LinkedHashMap<String, String> alerts;
        final ArrayList<Promotion> promotions;
        String production;
        long rolloutStart;

        Draft(State s) {
            arms = new LinkedHashMap<>(s.arms());
            paused = new LinkedHashMap<>(s.paused());
            alerts = new LinkedHashMap<>(s.alerts());
            promotions = new ArrayList<>(s.promotions());
            production = s.production();
            rolloutStart = s.rolloutStart();
        }

        Draft() {
            arms = new LinkedHashMap<>();
            paused = new LinkedHashMap<>();
            alerts = new LinkedHashMap<>();
            promotions = new ArrayList<>();
        }

        List<String> activeIds() {
            return arms.keySet().stream().filter(id -> !paused.containsKey(id)).toList();
        }
    }

    private ThompsonBandit(BanditConfig config, long rewardClock, long decisionCount) {
        this.config = config;
        this.rewardClock = new AtomicLong(rewardClock);
        this.decisionCount = new AtomicLong(decisionCount);
    }

    /** A bandit over {@code arms}, all active, with no production arm (so no rollout split). */
    public static ThompsonBandit create(BanditConfig config, List<ArmSpec> arms) {
        return create(config, arms, Optional.empty());
    }

    /** A bandit over {@code arms}, all active, {@code production} being the arm the rollout starts from. */
    public static ThompsonBandit create(BanditConfig config, List<ArmSpec> arms, String production) {
        return create(config, arms, Optional.of(Objects.requireNonNull(production, "production")));
    }

    private static ThompsonBandit create(BanditConfig config, List<ArmSpec> arms, Optional<String> production) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(arms, "arms");
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a bandit needs at least one arm");
        }
        ThompsonBandit bandit = new ThompsonBandit(config, 0, 0);
        Draft draft = new Draft();
        for (ArmSpec spec : arms) {
            Objects.requireNonNull(spec, "arm");
            if (draft.arms.containsKey(spec.id())) {
                throw new IllegalArgumentException("duplicate arm id '" + spec.id() + "'");
            }
            draft.arms.put(spec.id(), bandit.newArm(spec, 0));
        }
        production.ifPresent(id -> {
            if (!draft.arms.containsKey(id)) {
                throw new IllegalArgumentException("production arm '" + id + "' is not among the arms");
            }
        });
        draft.production = production.orElse(null);
        bandit.state = bandit.build(draft, 1, 1);
        return bandit;
    }

    /** A bandit that continues exactly where the one that took {@code snapshot} was. */
    public static ThompsonBandit restore(BanditSnapshot snapshot) {
        BanditConfig config = snapshot.config();
        ThompsonBandit bandit = new ThompsonBandit(config, snapshot.rewardClock(), snapshot.decisions());
        Map<String, Arm> arms = new LinkedHashMap<>();
        Map<String, Pause> paused = new LinkedHashMap<>();
        Map<String, String> alerts = new LinkedHashMap<>();
        List<Arm> active = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (BanditSnapshot.ArmSnapshot a : snapshot.arms()) {
            Evidence evidence = new Evidence(a.successes(), a.failures(), a.stamp(), a.rewards());
            Arm arm = new Arm(a.id(), a.warmStart(), evidence, a.gates(), a.decisions(), config.seed());
            arms.put(a.id(), arm);
            a.pause().ifPresent(p -> paused.put(a.id(), p));
            a.alert().ifPresent(text -> alerts.put(a.id(), text));
            if (a.pause().isEmpty()) {
                active.add(arm);
                shares.add(a.stickyWeight());
            }
        }
        if (shares.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("the active arms' sticky weights must not all be 0");
        }
        bandit.state = new State(
                Collections.unmodifiableMap(arms),
                active.toArray(Arm[]::new),
                Collections.unmodifiableMap(paused),
                Collections.unmodifiableMap(alerts),
                snapshot.production().orElse(null),
                snapshot.promotions(),
                snapshot.version(),
                snapshot.epoch(),
                snapshot.rolloutStart(),
                shares.stream().mapToDouble(Double::doubleValue).toArray());
        return bandit;
    }

    public BanditConfig config() {
        return config;
    }

    /** Every arm's id, active or paused, in the order they were added. */
    public List<String> armIds() {
        return List.copyOf(state.arms().keySet());
    }

    public List<String> activeArmIds() {
        return Arrays.stream(state.active()).map(a -> a.id).toList();
    }

    public Optional<String> production() {
        return Optional.ofNullable(state.production());
    }

    /** The arm-set version: it changes whenever an arm is added, paused, resumed, promoted or rolled back. */
    public long version() {
        return state.version();
    }

    /**
     * The arm for one decision: with probability {@code K * floor} uniform over the active arms;
     * otherwise, during a rollout, the split with probability {@code h / (h + n)}; otherwise Thompson
     * sampling.
     */
    public String choose() {
        State s = state;
        RandomGenerator random = Seeds.generator(config.seed(), DECISIONS, decisionCount.getAndIncrement());
        Arm arm = pick(s, random);
        arm.decisions.increment();
        return arm.id;
    }

    /**
     * The arm for {@code unitKey}: the same arm on every call within a sticky epoch (see the class
     * comment), drawn in proportion to the arms' traffic shares when the epoch began.
     */
    public String choose(String unitKey) {
        Objects.requireNonNull(unitKey, "unitKey");
        State s = state;
        Arm[] active = s.active();
        Arm chosen = active[0];
        if (active.length > 1) {
            long key = Seeds.hash(unitKey);
            double earliest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < active.length; i++) {
                double share = s.stickyShares()[i];
                if (share > 0) {
                    double race = -Math.log(Seeds.unitOpenZero(Seeds.mix(key ^ active[i].keyHash))) / share;
                    if (race < earliest) {
                        earliest = race;
                        chosen = active[i];
                    }
                }
            }
        }
        chosen.decisions.increment();
        return chosen.id;
    }

    /**
     * Adds a reward in [0, 1] to {@code armId}'s posterior. A paused arm accepts rewards too: they are
     * delayed feedback on decisions made while it was active.
     *
     * @throws IllegalArgumentException if the arm is unknown or the reward is not a number in [0, 1]
     */
    public void reward(String armId, double reward) {
        Arm arm = arm(armId);
        if (!(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException(
                    "reward must be a number in [0, 1], got " + reward + " for arm '" + armId + "'");
        }
        long tick = rewardClock.incrementAndGet();
        double success = switch (config.rewardUpdate()) {
            case FRACTIONAL -> reward;
            case BERNOULLI_TRICK ->
                Seeds.generator(config.seed(), REWARDS, tick).nextDouble() < reward ? 1.0 : 0.0;
        };
        arm.evidence.updateAndGet(e -> e.plus(success, 1 - success, tick, config.discount()));
    }

    /**
     * Records one decision's gate outcome for {@code armId} ({@code failed} empty when every gate
     * passed) and applies the guardrails.
     *
     * @return the pause, if this outcome tripped a guardrail and paused the arm
     */
    public Optional<Pause> recordGates(String armId, Set<Gate> failed) {
        Arm arm = arm(armId);
        Objects.requireNonNull(failed, "failed gates");
        GateTally tally = arm.gates.updateAndGet(t -> t.plus(failed));
        State s = state;
        if (s.paused().containsKey(armId) || (s.alerts().containsKey(armId) && s.active().length == 1)) {
            return Optional.empty();
        }
        return breach(tally).isPresent() ? trip(arm) : Optional.empty();
    }

    private Optional<String> breach(GateTally tally) {
        for (Guardrail guardrail : config.guardrails()) {
            Optional<String> breach = guardrail.breach(tally);
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    private synchronized Optional<Pause> trip(Arm arm) {
        State s = state;
        // Checked again under the lock: a resume may have cleared the tally meanwhile.
        Optional<String> breach = breach(arm.gates.get());
        if (breach.isEmpty() || s.paused().containsKey(arm.id)) {
            return Optional.empty();
        }
        Draft draft = new Draft(s);
        if (s.active().length == 1) {
            draft.alerts.put(arm.id, "guardrail breached, not paused as the last active arm: " + breach.get());
            state = new State(
                    s.arms(),
                    s.active(),
                    s.paused(),
                    Collections.unmodifiableMap(draft.alerts),
                    s.production(),
                    s.promotions(),
                    s.version(),
                    s.epoch(),
                    s.rolloutStart(),
                    s.stickyShares());
            return Optional.empty();
        }
        Pause pause = new Pause(Pause.Cause.GUARDRAIL, breach.get());
        draft.paused.put(arm.id, pause);
        draft.alerts.remove(arm.id);
        publish(draft);
        return Optional.of(pause);
    }

    /** Adds an active arm; it starts a new rollout from the production arm, if there is one. */
    public synchronized void addArm(ArmSpec spec) {
        Objects.requireNonNull(spec, "arm");
        Draft draft = new Draft(state);
        if (draft.arms.containsKey(spec.id())) {
            throw new IllegalArgumentException("arm '" + spec.id() + "' already exists");
        }
        long now = rewardClock.get();
        draft.arms.put(spec.id(), newArm(spec, now));
        draft.rolloutStart = now;
        publish(draft);
    }

    /**
     * Pauses an active arm.
     *
     * @return false if it was paused already
     * @throws IllegalStateException if it is the last active arm
     */
    public synchronized boolean pause(String armId, String reason) {
        arm(armId);
        Objects.requireNonNull(reason, "reason");
        State s = state;
        if (s.paused().containsKey(armId)) {
            return false;
        }
        if (s.active().length == 1) {
            throw new IllegalStateException(
                    "arm '" + armId + "' is the last active arm; add or resume another arm before pausing it");
        }
        Draft draft = new Draft(s);
        draft.paused.put(armId, new Pause(Pause.Cause.MANUAL, reason.isBlank() ? "paused by an operator" : reason));
        draft.alerts.remove(armId);
        publish(draft);
        return true;
    }

    /**
     * Resumes a paused arm. Its gate tally starts again from zero, so the guardrail that paused it
     * judges it on new decisions only.
     *
     * @return false if it was active already
     */
    public synchronized boolean resume(String armId) {
        Arm arm = arm(armId);
        State s = state;
        if (!s.paused().containsKey(armId)) {
            return false;
        }
        Draft draft = new Draft(s);
        draft.paused.remove(armId);
        publish(draft);
        arm.gates.set(GateTally.EMPTY);
        return true;
    }

    /**
     * Makes an active arm the production arm and ends the experiment: every other active arm is
     * paused. {@link #rollback} undoes it.
     *
     * @throws IllegalStateException if the arm is paused, or already the production arm and the only
     *     active one
     */
    public synchronized void promote(String armId) {
        arm(armId);
        State s = state;
        Pause pause = s.paused().get(armId);
        if (pause != null) {
            throw new IllegalStateException(
                    "arm '" + armId + "' is paused (" + pause.reason() + "); resume it before promoting it");
        }
        List<String> others = new Draft(s)
                .activeIds().stream().filter(id -> !id.equals(armId)).toList();
        if (armId.equals(s.production()) && others.isEmpty()) {
            throw new IllegalStateException(
                    "arm '" + armId + "' is already the production arm and the only active one");
        }
        Draft draft = new Draft(s);
        for (String other : others) {
            draft.paused.put(other, new Pause(Pause.Cause.PROMOTION, "superseded by the promotion of '" + armId + "'"));
            draft.alerts.remove(other);
        }
        draft.promotions.add(new Promotion(armId, Optional.ofNullable(s.production()), others));
        draft.production = armId;
        publish(draft);
    }

    /**
     * Undoes the last promotion, which must be {@code armId}'s: the arms it paused are active again
     * (unless paused since for another cause), the production arm before it is production again, and
     * {@code armId} is paused (unless it was that production arm).
     *
     * @return the production arm after the rollback
     * @throws IllegalStateException if the last promotion was not of {@code armId}, or if no other arm
     *     would be left active
     */
    public synchronized Optional<String> rollback(String armId) {
        arm(armId);
        State s = state;
        if (s.promotions().isEmpty()) {
            throw new IllegalStateException("there is no promotion to roll back");
        }
        Promotion last = s.promotions().getLast();
        if (!last.promoted().equals(armId)) {
            throw new IllegalStateException("arm '" + armId
                    + "' is not the last promoted arm; the last promotion was of '" + last.promoted() + "'");
        }
        Draft draft = new Draft(s);
        for (String id : last.pausedArms()) {
            Pause pause = draft.paused.get(id);
            if (pause != null && pause.cause() == Pause.Cause.PROMOTION) {
                draft.paused.remove(id);
            }
        }
        boolean wasProduction = last.previousProduction().filter(armId::equals).isPresent();
        if (!wasProduction) {
            if (draft.activeIds().stream().allMatch(armId::equals)) {
                throw new IllegalStateException("nothing to roll back to: no arm other than '" + armId
                        + "' was active before its promotion and is still available");
            }
            String to = last.previousProduction().map(p -> "'" + p + "'").orElse("the arms before it");
            draft.paused.putIfAbsent(armId, new Pause(Pause.Cause.ROLLBACK, "promotion rolled back to " + to));
            draft.alerts.remove(armId);
        }
        draft.production = last.previousProduction().orElse(null);
        draft.promotions.removeLast();
        publish(draft);
        return Optional.ofNullable(draft.production);
    }

    /**
     * Starts a new sticky epoch: sticky traffic shares are recomputed from the current posteriors, and
     * the keys whose race changes move. The arm set and its version stay as they are.
     */
    public synchronized void rebalance() {
        State s = state;
        state = build(new Draft(s), s.version(), s.epoch() + 1);
    }

    /**
     * Every arm's posterior, credible interval, probability to be best, expected loss and traffic
     * share, and the stop rule's verdict. The Monte Carlo draws are seeded by the state, so the same
     * state gives the same figures.
     */
    public BanditStatistics statistics() {
        State s = state;
        long now = rewardClock.get();
        List<Arm> arms = List.copyOf(s.arms().values());
        int n = arms.size();
        Evidence[] evidence = new Evidence[n];
        double[] alpha = new double[n];
        double[] beta = new double[n];
        boolean[] contending = new boolean[n];
        for (int i = 0; i < n; i++) {
            evidence[i] = arms.get(i).evidence.get();
            alpha[i] = evidence[i].alpha(now, config.discount());
            beta[i] = evidence[i].beta(now, config.discount());
            contending[i] = !s.paused().containsKey(arms.get(i).id);
        }
        Contest contest = Contest.run(
                alpha,
                beta,
                contending,
                config.monteCarloDraws(),
                Seeds.generator(config.seed(), STATISTICS, Seeds.mix(now) + s.version()));
        double[] activeBest = new double[s.active().length];
        int[] activeIndex = new int[n];
        for (int i = 0, a = 0; i < n; i++) {
            activeIndex[i] = contending[i] ? a : -1;
            if (contending[i]) {
                activeBest[a++] = contest.probabilityBest()[i];
            }
        }
        double[] shares = trafficShares(s.active(), s.production(), s.rolloutStart(), now, activeBest);
        List<ArmStatistics> stats = new ArrayList<>(n);
        long decisions = 0;
        for (int i = 0; i < n; i++) {
            Arm arm = arms.get(i);
            BetaDistribution posterior = BetaDistribution.of(alpha[i], beta[i]);
            long armDecisions = arm.decisions.sum();
            decisions += armDecisions;
            stats.add(new ArmStatistics(
                    arm.id,
                    contending[i] ? ArmStatus.ACTIVE : ArmStatus.PAUSED,
                    Optional.ofNullable(s.paused().get(arm.id)),
                    Optional.ofNullable(s.alerts().get(arm.id)),
                    arm.id.equals(s.production()),
                    alpha[i],
                    beta[i],
                    evidence[i].rewards(),
                    armDecisions,
                    alpha[i] / (alpha[i] + beta[i]),
                    posterior.inverseCumulativeProbability(0.025),
                    posterior.inverseCumulativeProbability(0.975),
                    contest.probabilityBest()[i],
                    contest.expectedLoss()[i],
                    contending[i] ? shares[activeIndex[i]] : 0.0,
                    arm.gates.get()));
        }
        return new BanditStatistics(
                s.version(), now, decisions, Optional.ofNullable(s.production()), stats, verdict(s, stats));
    }

    private Verdict verdict(State s, List<ArmStatistics> stats) {
        if (s.active().length == 1) {
            return new Verdict.KeepRunning("one active arm: nothing to compare");
        }
        ArmStatistics leader = stats.stream()
                .filter(a -> a.status() == ArmStatus.ACTIVE)
                .max((a, b) -> Double.compare(a.probabilityBest(), b.probabilityBest()))
                .orElseThrow();
        StopRule rule = config.stopRule();
        if (leader.probabilityBest() < rule.minProbabilityBest()) {
            return new Verdict.KeepRunning(String.format(
                    Locale.ROOT,
                    "no arm is best with probability >= %.2f; the leader '%s' is at %.3f",
                    rule.minProbabilityBest(),
                    leader.armId(),
                    leader.probabilityBest()));
        }
        if (leader.rewards() < rule.minRewards()) {
            return new Verdict.KeepRunning(String.format(
                    Locale.ROOT,
                    "the leader '%s' is best with probability %.3f but has %d of the %d rewards required",
                    leader.armId(),
                    leader.probabilityBest(),
                    leader.rewards(),
                    rule.minRewards()));
        }
        return new Verdict.Promote(leader.armId(), leader.probabilityBest(), leader.rewards());
    }

    /**
     * The whole state, to persist. A snapshot taken while rewards are being applied holds each of them
     * or not; one taken between calls holds exactly what the bandit had.
     */
    public BanditSnapshot snapshot() {
        State s = state;
        long clock = rewardClock.get();
        long decisions = decisionCount.get();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < s.active().length; i++) {
            shares.put(s.active()[i].id, s.stickyShares()[i]);
        }
        List<BanditSnapshot.ArmSnapshot> arms = new ArrayList<>();
        for (Arm arm : s.arms().values()) {
            Evidence e = arm.evidence.get();
            arms.add(new BanditSnapshot.ArmSnapshot(
                    arm.id,
                    arm.warmStart,
                    e.successes(),
                    e.failures(),
                    e.stamp(),
                    e.rewards(),
                    arm.decisions.sum(),
                    arm.gates.get(),
                    Optional.ofNullable(s.paused().get(arm.id)),
                    Optional.ofNullable(s.alerts().get(arm.id)),
                    shares.getOrDefault(arm.id, 0.0)));
        }
        return new BanditSnapshot(
                config,
                arms,
                Optional.ofNullable(s.production()),
                s.promotions(),
                clock,
                decisions,
                s.version(),
                s.epoch(),
                s.rolloutStart());
    }

    private Arm pick(State s, RandomGenerator random) {
        Arm[] active = s.active();
        int k = active.length;
        if (k == 1) {
            return active[0];
        }
        double floorMass = floorMass(k);
        if (floorMass > 0 && random.nextDouble() < floorMass) {
            return active[random.nextInt(k)];
        }
        long now = rewardClock.get();
        int production = indexOf(active, s.production());
        double split = splitWeight(production, s.rolloutStart(), now);
        if (split > 0 && random.nextDouble() < split) {
            if (random.nextDouble() < config.productionShare()) {
                return active[production];
            }
            int other = random.nextInt(k - 1);
            return active[other < production ? other : other + 1];
        }
        return byThompsonSampling(active, now, random);
    }

    private Arm byThompsonSampling(Arm[] active, long now, RandomGenerator random) {
        UniformRandomProvider source = random::nextLong;
        double gamma = config.discount();
        Arm best = active[0];
        double bestDraw = -1;
        for (Arm arm : active) {
            Evidence e = arm.evidence.get();
            double draw = new BetaDraw(source, e.alpha(now, gamma), e.beta(now, gamma)).sample();
            if (draw > bestDraw) {
                bestDraw = draw;
                best = arm;
            }
        }
        return best;
    }

    private double floorMass(int activeArms) {
        return Math.min(1.0, activeArms * config.trafficFloor());
    }

    /** The probability that a decision follows the rollout split; 0 without an active production arm. */
    private double splitWeight(int productionIndex, long rolloutStart, long now) {
        double h = config.splitHandoverRewards();
        if (productionIndex < 0 || h == 0) {
            return 0.0;
        }
        return h / (h + Math.max(0, now - rolloutStart));
    }

    /** Each active arm's share of {@link #choose()} decisions, given its probability to be best. */
    private double[] trafficShares(
            Arm[] active, String productionId, long rolloutStart, long now, double[] probabilityBest) {
        int k = active.length;
        double[] shares = new double[k];
        if (k == 1) {
            shares[0] = 1.0;
            return shares;
        }
        double floorMass = floorMass(k);
        int production = indexOf(active, productionId);
        double split = splitWeight(production, rolloutStart, now);
        for (int i = 0; i < k; i++) {
            double splitShare = production < 0
                    ? 1.0 / k
                    : i == production ? config.productionShare() : (1 - config.productionShare()) / (k - 1);
            shares[i] = floorMass / k + (1 - floorMass) * (split * splitShare + (1 - split) * probabilityBest[i]);
        }
        return shares;
    }

    private static int indexOf(Arm[] active, String id) {
        if (id != null) {
            for (int i = 0; i < active.length; i++) {
                if (active[i].id.equals(id)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private Arm newArm(ArmSpec spec, long now) {
        return new Arm(
                spec.id(),
                spec.warmStart(),
                Evidence.warm(spec.warmStart(), config.warmStartCap(), now),
                GateTally.EMPTY,
                0,
                config.seed());
    }

    private Arm arm(String armId) {
        Objects.requireNonNull(armId, "armId");
        Arm arm = state.arms().get(armId);
        if (arm == null) {
            throw new IllegalArgumentException("unknown arm '" + armId + "'");
        }
        return arm;
    }

    /** Publishes a changed arm set: the next version and a new sticky epoch. */
    private void publish(Draft draft) {
        State s = state;
        state = build(draft, s.version() + 1, s.epoch() + 1);
    }

    private State build(Draft draft, long version, long epoch) {
        Arm[] active = draft.arms.values().stream()
                .filter(a -> !draft.paused.containsKey(a.id))
                .toArray(Arm[]::new);
        if (active.length == 0) {
            throw new IllegalStateException("a bandit needs at least one active arm");
        }
        long now = rewardClock.get();
        double[] alpha = new double[active.length];
        double[] beta = new double[active.length];
        boolean[] contending = new boolean[active.length];
        for (int i = 0; i < active.length; i++) {
            Evidence e = active[i].evidence.get();
            alpha[i] = e.alpha(now, config.discount());
            beta[i] = e.beta(now, config.discount());
            contending[i] = true;
        }
        Contest contest = Contest.run(
                alpha,
                beta,
                contending,
                config.monteCarloDraws(),
                Seeds.generator(config.seed(), STICKY_SHARES, epoch));
        double[] shares = trafficShares(active, draft.production, draft.rolloutStart, now, contest.probabilityBest());
        return new State(
                Collections.unmodifiableMap(new LinkedHashMap<>(draft.arms)),
                active,
                Collections.unmodifiableMap(new LinkedHashMap<>(draft.paused)),
                Collections.unmodifiableMap(new LinkedHashMap<>(draft.alerts)),
                draft.production,
                List.copyOf(draft.promotions),
                version,
                epoch,
                draft.rolloutStart,
                shares);
    }
}
