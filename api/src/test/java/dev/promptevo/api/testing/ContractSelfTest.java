package dev.promptevo.api.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contracts pass a well-behaved operator and catch the mistakes they exist to catch. */
class ContractSelfTest {

    /** Flips {@code cot}; the smallest operator that keeps every promise. */
    static final class FlipCot implements MutationOperator {
        @Override
        public String id() {
            return "test.flip-cot";
        }

        @Override
        public Genome mutate(Genome parent, VariationContext context) {
            return context.space().find(Spaces.COT).isPresent()
                    ? parent.with(Spaces.COT, Allele.of(!parent.bool(Spaces.COT)))
                    : parent;
        }

        @Override
        public boolean appliesTo(SearchSpace space) {
            return space.find(Spaces.COT).isPresent();
        }
    }

    /** Each gene from either parent with even odds. */
    static final class Coin implements CrossoverOperator {
        @Override
        public String id() {
            return "test.coin";
        }

        @Override
        public Genome cross(Genome first, Genome second, VariationContext context) {
            Map<String, Allele> child = new LinkedHashMap<>();
            for (Gene gene : context.space().genes()) {
                child.put(gene.name(), (context.random().nextBoolean() ? first : second).allele(gene.name()));
            }
            return Genome.of(child);
        }
    }

    /** Abstract so that no test engine runs it on its own; the tests make anonymous instances. */
    abstract static class MutationContract extends MutationOperatorContract {
        private final MutationOperator operator;

        MutationContract(MutationOperator operator) {
            this.operator = operator;
        }

        @Override
        protected MutationOperator operator() {
            return operator;
        }

        @Override
        protected int draws() {
            return 20;
        }
    }

    /** Abstract for the same reason as {@link MutationContract}. */
    abstract static class CrossoverContract extends CrossoverOperatorContract {
        private final CrossoverOperator operator;

        CrossoverContract(CrossoverOperator operator) {
            this.operator = operator;
        }

        @Override
        protected CrossoverOperator operator() {
            return operator;
        }

        @Override
        protected int draws() {
            return 20;
        }
    }

    @Test
    void aWellBehavedMutationPassesEveryCheck() {
        MutationContract contract = new MutationContract(new FlipCot()) {};
        assertThatCode(() -> {
                    contract.idIsNonBlankAndStable();
                    contract.appliesToItsSpace();
                    contract.doesNothingInAnEmptySpace();
                    contract.childrenStayInTheSpace();
                    contract.sameSeedGivesTheSameChild();
                    contract.parentIsLeftUnchanged();
                    contract.childDiffersFromItsParent();
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aWellBehavedCrossoverPassesEveryCheck() {
        CrossoverContract contract = new CrossoverContract(new Coin()) {};
        assertThatCode(() -> {
                    contract.idIsNonBlankAndStable();
                    contract.childrenStayInTheSpace();
                    contract.sameSeedGivesTheSameChild();
                    contract.parentsAreLeftUnchanged();
                    contract.eachGeneComesFromTheParents();
                    contract.crossingAGenomeWithItselfGivesIt();
                    contract.childrenMixTheirParents();
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aChildOutsideTheSpaceIsCaught() {
        MutationOperator outOfRange = new DelegatingMutation(
                new FlipCot(), (parent, context) -> parent.with(Spaces.MAX_TOKENS, Allele.of(5000L)));
        assertThatThrownBy(new MutationContract(outOfRange) {}::childrenStayInTheSpace)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("max_tokens must be in [64, 1024], got 5000");
    }

    @Test
    void randomnessFromOutsideTheContextIsCaught() {
        Random unseeded = new Random();
        MutationOperator careless = new DelegatingMutation(
                new FlipCot(),
                (parent, context) -> parent.with(Spaces.RETRIEVER_TOPK, Allele.of((long) unseeded.nextInt(21))));
        assertThatThrownBy(new MutationContract(careless) {}::sameSeedGivesTheSameChild)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aMutationThatChangesNothingIsCaught() {
        MutationOperator idle = new DelegatingMutation(new FlipCot(), (parent, context) -> parent);
        assertThatThrownBy(new MutationContract(idle) {}::childDiffersFromItsParent)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aBlankIdIsCaught() {
        MutationOperator anonymous = new DelegatingMutation(new FlipCot(), (parent, context) -> parent) {
            @Override
            public String id() {
                return " ";
            }
        };
        assertThatThrownBy(new MutationContract(anonymous) {}::idIsNonBlankAndStable)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aCrossoverThatInventsValuesIsCaught() {
        CrossoverOperator inventive = new CrossoverOperator() {
            @Override
            public String id() {
                return "test.inventive";
            }

            @Override
            public Genome cross(Genome first, Genome second, VariationContext context) {
                return new Coin().cross(first, second, context).with(Spaces.MODEL_KEY, Allele.of("sim-large"));
            }
        };
        assertThatThrownBy(new CrossoverContract(inventive) {}::eachGeneComesFromTheParents)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("gene model_key");
    }

    @Test
    void aBlendOutsideItsParentsIsCaught() {
        CrossoverOperator overshooting = new CrossoverOperator() {
            @Override
            public String id() {
                return "test.overshooting";
            }

            @Override
            public Genome cross(Genome first, Genome second, VariationContext context) {
                double far = Math.max(first.real(Spaces.TEMPERATURE), second.real(Spaces.TEMPERATURE)) + 0.05;
                return new Coin().cross(first, second, context).with(Spaces.TEMPERATURE, Allele.of(Math.min(2.0, far)));
            }
        };
        CrossoverContract contract = new CrossoverContract(overshooting) {
            @Override
            protected boolean blending() {
                return true;
            }
        };
        assertThatThrownBy(contract::eachGeneComesFromTheParents)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("gene temperature");
    }

    /** A mutation with the id and applicability of another but its own behaviour. */
    static class DelegatingMutation implements MutationOperator {
        interface Behaviour {
            Genome mutate(Genome parent, VariationContext context);
        }

        private final MutationOperator identity;
        private final Behaviour behaviour;

        DelegatingMutation(MutationOperator identity, Behaviour behaviour) {
            this.identity = identity;
            this.behaviour = behaviour;
        }

        @Override
        public String id() {
            return identity.id();
        }

        @Override
        public Genome mutate(Genome parent, VariationContext context) {
            return context.space().genes().isEmpty() ? parent : behaviour.mutate(parent, context);
        }

        @Override
        public boolean appliesTo(SearchSpace space) {
            return identity.appliesTo(space);
        }
    }
}
