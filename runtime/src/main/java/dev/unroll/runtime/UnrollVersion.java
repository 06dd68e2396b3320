package dev.unroll.runtime;

import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this Unroll build, which ahead-of-time kernels are stamped with (written into a resource by the build). */
public final class UnrollVersion {

    private static final String RESOURCE = "unroll.properties";

    private UnrollVersion() {
    }

    /** This build's version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        Properties p = new Properties();
        try (InputStream in = UnrollVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UnrollException("the resource dev/unroll/runtime/" + RESOURCE + " is missing from the"
                        + " runtime's classes; build the runtime with Maven, whose resource filtering writes it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UnrollException("cannot read dev/unroll/runtime/" + RESOURCE + ": " + e.getMessage(), e);
        }
        String version = p.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new UnrollException("dev/unroll/runtime/" + RESOURCE + " holds no version (got '" + version
                    + "'); build the runtime with Maven, whose resource filtering writes it");
        }
        return version;
    }
}
