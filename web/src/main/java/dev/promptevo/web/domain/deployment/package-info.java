/**
 * Deployments (online routing): a bandit over a fixed set of genomes (arms) serving live traffic, the
 * rewards that feed it, and the signed decision ids that tie a reward to the decision it rewards.
 */
package dev.promptevo.web.domain.deployment;
