package dev.unroll.check;

/**
 * What a passing property run did, returned by {@link PropertyRunner#check}.
 *
 * @param name the property name, or {@code null} if it was not named
 * @param seed the seed the run used; pin it to replay the same cases
 * @param tries the number of tries that passed
 * @param rejected the number of tries discarded by filters or assumptions
 */
public record CheckReport(String name, long seed, int tries, int rejected) {
}
