package dev.unroll.runtime.optim;

import dev.unroll.dsl.core.UnrollException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation shared by the optimizers: hyperparameters and the shape of a step's arguments. */
final class Hyper {

    private Hyper() {
    }

    static double learningRate(String who, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UnrollException(who + ": the learning rate must be finite and > 0, got " + lr
                    + "; pass e.g. --lr 1 for SGD or --lr 0.001 for Adam");
        }
        return lr;
    }

    static double beta(String who, String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new UnrollException(who + ": " + name + " must be in [0, 1), got " + beta
                    + "; the usual values are beta1 = 0.9, beta2 = 0.999");
        }
        return beta;
    }

    static double epsilon(String who, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new UnrollException(who + ": eps must be finite and > 0, got " + eps + "; the usual value is 1e-8");
        }
        return eps;
    }

    /** Checks that the three lists have one entry per parameter and that names are distinct. */
    static void checkArity(String who, List<String> names, int params, int grads) {
        if (names.size() != params || params != grads) {
            throw new UnrollException(who + ".step: needs one name, parameter and gradient per parameter, got "
                    + names.size() + " names, " + params + " parameters and " + grads + " gradients");
        }
    }

    /** Checks that names are distinct (allocates; call only when the name list changes). */
    static void checkDistinct(String who, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new UnrollException(who + ".step: parameter names must be distinct, but '" + name
                        + "' appears twice in " + names + "; give each parameter its own name");
            }
        }
    }

    /** Whether the lists hold equal names in the same order; allocates nothing. */
    static boolean sameNames(List<String> names, List<String> previous) {
        if (previous == null || names.size() != previous.size()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(previous.get(i))) {
                return false;
            }
        }
        return true;
    }

    static void checkLength(String who, String name, int param, int grad) {
        if (param != grad) {
            throw new UnrollException(who + ".step: parameter '" + name + "' has " + param
                    + " elements but its gradient has " + grad + "; pass the gradient of that parameter");
        }
    }
}
