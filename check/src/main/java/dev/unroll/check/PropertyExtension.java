package dev.unroll.check;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link Property}: it replaces the single invocation of a property method with
 * the tried, shrinking loop of {@link PropertyRunner}, invoking the method reflectively once per try.
 *
 * <p>JUnit must resolve every parameter before the interceptor runs, so {@link ForAll} parameters first resolve to
 * placeholders (zero or {@code null}) that the generated values replace on each try. Tries and seed come from the
 * annotation, else from the JUnit configuration parameters {@value CheckConfig#TRIES_KEY},
 * {@value CheckConfig#TRIES_FACTOR_KEY} and {@value CheckConfig#SEED_KEY}, which JUnit also looks up as system
 * properties; they are read here, once per property.
 */
public final class PropertyExtension implements ParameterResolver, InvocationInterceptor {

    private static final Map<Class<?>, Object> PRIMITIVE_PLACEHOLDERS = Map.of(
            int.class, 0, long.class, 0L, double.class, 0.0, float.class, 0.0f, boolean.class, false,
            short.class, (short) 0, byte.class, (byte) 0, char.class, '\0');

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(ForAll.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (property(context.getRequiredTestMethod()).isEmpty()) {
            throw new ParameterResolutionException("@ForAll on parameter '" + parameter.getParameter().getName()
                    + "' of " + context.getRequiredTestMethod().getName() + " only works in a @Property method; "
                    + "replace @Test with @Property");
        }
        return PRIMITIVE_PLACEHOLDERS.get(parameter.getParameter().getType());
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Method method = invocationContext.getExecutable();
        Optional<Property> property = property(method);
        if (property.isEmpty()) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        Class<?> testClass = context.getRequiredTestClass();
        PropertyMethod propertyMethod = new PropertyMethod(method, testClass,
                invocationContext.getTarget().orElse(null), invocationContext.getArguments());
        runner(propertyMethod, property.get(), testClass.getSimpleName() + "." + method.getName(), context)
                .check(propertyMethod::invoke);
    }

    private static PropertyRunner<PropertyArguments> runner(PropertyMethod propertyMethod, Property property,
                                                            String name, ExtensionContext context) {
        CheckConfig config = CheckConfig.from(key -> context.getConfigurationParameter(key).orElse(null));
        PropertyRunner<PropertyArguments> runner = PropertyRunner.forAll(propertyMethod.arguments())
                .named(name)
                .withConfig(config);
        if (property.tries() < 0) {
            throw new IllegalArgumentException("@Property(tries = " + property.tries() + ") on " + name
                    + " must be positive, or 0 for the default");
        }
        if (property.tries() > 0) {
            runner = runner.tries(property.tries());
        }
        OptionalLong seed = property.seed().isBlank()
                ? OptionalLong.empty()
                : OptionalLong.of(CheckConfig.parseSeed(property.seed(), "@Property(seed = ...) on " + name));
        return seed.isPresent() ? runner.seed(seed.getAsLong()) : runner;
    }

    private static Optional<Property> property(Method method) {
        return AnnotationSupport.findAnnotation(method, Property.class);
    }
}
