package dev.clawscope.archfixture;

import javafx.beans.property.SimpleStringProperty;

/** A deliberate violation, used to show that the architecture rule bites. */
public final class UsesJavaFx {

    public String read() {
        return new SimpleStringProperty("x").get();
    }
}
