package dev.unroll.check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Property} method bound to its test instance: generates all {@link ForAll} arguments as one value (so
 * they shrink jointly) and invokes the method with them, keeping the arguments JUnit resolved for the others.
 */
final class PropertyMethod {

    private final Method method;
    private final Object target;
    private final List<Object> resolvedArguments;
    private final List<Integer> forAllIndices = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Gen<?>> gens = new ArrayList<>();

    PropertyMethod(Method method, Class<?> testClass, Object target, List<Object> resolvedArguments) {
        this.method = method;
        this.target = target;
        // JUnit may resolve a parameter to null, which List.copyOf would reject.
        this.resolvedArguments = Collections.unmodifiableList(new ArrayList<>(resolvedArguments));
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isAnnotationPresent(ForAll.class)) {
                forAllIndices.add(i);
                names.add(parameters[i].getName());
                gens.add(GeneratorLookup.forParameter(parameters[i], testClass, target));
            }
        }
    }

    Gen<PropertyArguments> arguments() {
        return choices -> {
            List<Object> values = new ArrayList<>(gens.size());
            for (Gen<?> gen : gens) {
                values.add(gen.generate(choices));
            }
            return new PropertyArguments(names, values);
        };
    }

    void invoke(PropertyArguments arguments) throws Throwable {
        Object[] all = resolvedArguments.toArray();
        for (int k = 0; k < forAllIndices.size(); k++) {
            all[forAllIndices.get(k)] = arguments.values().get(k);
        }
        try {
            method.setAccessible(true);
            method.invoke(target, all);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
