package dev.unroll.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Property} method as generated: by the no-argument method named in
 * {@link #value()} (static or instance, in the test class or a superclass, returning a {@link Gen}), or, when
 * unnamed, by the default generator of an {@code int}, {@code long}, {@code double} or {@code boolean} parameter.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ForAll {

    /** The name of the generator method; empty selects the default generator of the parameter's type. */
    String value() default "";
}
