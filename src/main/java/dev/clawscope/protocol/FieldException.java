package dev.clawscope.protocol;

/**
 * Internal control flow of {@link FieldReader}: thrown on the first bad field and turned into a
 * typed result at the public boundary. The message names the field and its JSON type only.
 */
final class FieldException extends RuntimeException {

    private final FieldProblem problem;
    private final String field;

    FieldException(FieldProblem problem, String field, String message) {
        super(message, null, false, false);
        this.problem = problem;
        this.field = field;
    }

    FieldProblem problem() {
        return problem;
    }

    String field() {
        return field;
    }

    <T> PayloadResult<T> toResult() {
        return new PayloadResult.Invalid<>(field, problem, getMessage());
    }
}
