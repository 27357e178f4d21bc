package dev.portcullis.resolve;

import java.util.List;

/**
 * A condition of the {@code Conditions} section, compiled once per template: {@code Fn::Equals} whose
 * operands the template and inputs determine folds to a {@link Constant}; one it does not determine
 * becomes an {@link AtomTest} that scenarios assign.
 */
sealed interface ConditionExpr {

    record Constant(boolean value) implements ConditionExpr {
    }

    /** An undetermined {@code Fn::Equals}; {@code atom} indexes {@link Conditions#atoms()}. */
    record AtomTest(int atom) implements ConditionExpr {
    }

    record Not(ConditionExpr operand) implements ConditionExpr {
    }

    /** {@code Fn::And}. */
    record All(List<ConditionExpr> operands) implements ConditionExpr {
        public All {
            operands = List.copyOf(operands);
        }
    }

    /** {@code Fn::Or}. */
    record Any(List<ConditionExpr> operands) implements ConditionExpr {
        public Any {
            operands = List.copyOf(operands);
        }
    }

    /** {@code Condition: Name}, a reference to another named condition. */
    record Named(String name) implements ConditionExpr {
    }
}
