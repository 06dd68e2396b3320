package dev.unroll.check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Map;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Finds the generator of a {@link ForAll} parameter: a named generator method or a default for the type. */
final class GeneratorLookup {

    private static final Map<Class<?>, Gen<?>> DEFAULTS = Map.of(
            int.class, Gens.integers(Integer.MIN_VALUE, Integer.MAX_VALUE),
            Integer.class, Gens.integers(Integer.MIN_VALUE, Integer.MAX_VALUE),
            long.class, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE),
            Long.class, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE),
            double.class, Gens.doubles(),
            Double.class, Gens.doubles(),
            boolean.class, Gens.booleans(),
            Boolean.class, Gens.booleans());

    private GeneratorLookup() {
    }

    static Gen<?> forParameter(Parameter parameter, Class<?> testClass, Object testInstance) {
        String name = parameter.getAnnotation(ForAll.class).value();
        if (!name.isEmpty()) {
            return fromMethod(name, parameter, testClass, testInstance);
        }
        Gen<?> gen = DEFAULTS.get(parameter.getType());
        if (gen == null) {
            throw new ParameterResolutionException("@ForAll parameter '" + parameter.getName() + "' of type "
                    + parameter.getType().getSimpleName() + " in " + describe(parameter) + " has no default "
                    + "generator (only int, long, double and boolean have one); name a generator method, e.g. "
                    + "@ForAll(\"values\") with `static Gen<" + parameter.getType().getSimpleName() + "> values()`");
        }
        return gen;
    }

    private static Gen<?> fromMethod(String name, Parameter parameter, Class<?> testClass, Object testInstance) {
        Method method = find(name, testClass, parameter);
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        if (!isStatic && testInstance == null) {
            throw new ParameterResolutionException("Generator method '" + name + "' for " + describe(parameter)
                    + " is an instance method but there is no test instance; make it static");
        }
        try {
            method.setAccessible(true);
            Object gen = method.invoke(isStatic ? null : testInstance);
            if (gen == null) {
                throw new ParameterResolutionException("Generator method '" + name + "' returned null for "
                        + describe(parameter) + "; it must return a Gen");
            }
            return (Gen<?>) gen;
        } catch (InvocationTargetException e) {
            throw new ParameterResolutionException("Generator method '" + name + "' threw while building the "
                    + "generator for " + describe(parameter), e.getCause());
        } catch (IllegalAccessException e) {
            throw new ParameterResolutionException("Generator method '" + name + "' is not accessible", e);
        }
    }

    private static Method find(String name, Class<?> testClass, Parameter parameter) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 0) {
                    if (!Gen.class.isAssignableFrom(method.getReturnType())) {
                        throw new ParameterResolutionException("Generator method '" + name + "' in "
                                + type.getSimpleName() + " returns " + method.getReturnType().getSimpleName()
                                + ", but @ForAll(\"" + name + "\") needs it to return a Gen");
                    }
                    return method;
                }
            }
        }
        throw new ParameterResolutionException("No generator method '" + name + "' for " + describe(parameter)
                + ": @ForAll(\"" + name + "\") needs a no-argument method `Gen<...> " + name + "()` in "
                + testClass.getSimpleName() + " or a superclass");
    }

    private static String describe(Parameter parameter) {
        Method method = (Method) parameter.getDeclaringExecutable();
        return "parameter '" + parameter.getName() + "' of " + method.getDeclaringClass().getSimpleName() + "."
                + method.getName();
    }
}
