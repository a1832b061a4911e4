package dev.clawscope.protocol;

/** Why a field of a frame or payload was rejected. */
public enum FieldProblem {
    /** A required field is absent. */
    MISSING,
    /** The field has the wrong JSON type or is outside its range (e.g. a negative integer). */
    WRONG_TYPE,
    /** The field has the right type but an unexpected value (e.g. {@code type} is not {@code hello-ok}). */
    WRONG_VALUE
}
