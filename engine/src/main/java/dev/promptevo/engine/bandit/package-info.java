/**
 * Online routing: a Thompson-sampling bandit over the best genomes, with a gradual rollout, a traffic
 * floor, discounting, guardrails, sticky assignment, per-arm statistics and a stop rule. The entry
 * point is {@link dev.promptevo.engine.bandit.ThompsonBandit}; its whole state is a
 * {@link dev.promptevo.engine.bandit.BanditSnapshot} for the web layer to persist.
 */
package dev.promptevo.engine.bandit;
