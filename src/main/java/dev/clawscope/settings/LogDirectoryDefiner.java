package dev.clawscope.settings;

import ch.qos.logback.core.PropertyDefinerBase;

/** Gives the Logback configuration the platform's log folder (see {@link AppDirectories}). */
public final class LogDirectoryDefiner extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return AppDirectories.current().logs().toAbsolutePath().toString();
    }
}
