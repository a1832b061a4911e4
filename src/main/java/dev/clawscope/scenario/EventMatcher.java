package dev.clawscope.scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selects journal entries by type and, optionally, by fields of their journal line:
 * {@code closed[code=1012]}, {@code reconnect_scheduled[cause=pairing_pending,delay_ms>=1000]}.
 * Fields are those of the JSONL contract, so a scenario reads like the journal it checks.
 */
public record EventMatcher(String type, List<Condition> conditions) {

    private static final Pattern FORM = Pattern.compile("([a-z_]+)(?:\\[(.*)])?");
    private static final Pattern CONDITION = Pattern.compile("([a-z_]+)\\s*(==|!=|>=|<=|=|>|<)\\s*([^,\\]]+)");

    public EventMatcher {
        Objects.requireNonNull(type, "type");
        conditions = List.copyOf(conditions);
    }

    /**
     * Reads {@code type} or {@code type[field OP value,…]}, OP one of {@code = != >= <= > <}.
     *
     * @throws IllegalArgumentException with a message fit for the scenario author
     */
    public static EventMatcher parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected an event type such as hello_ok or closed[code=1012], got '"
                    + text + "'");
        }
        String type = m.group(1);
        if (!EventTypes.ALL.contains(type)) {
            throw new IllegalArgumentException("unknown event type '" + type + "'");
        }
        List<Condition> conditions = new ArrayList<>();
        if (m.group(2) != null) {
            for (String part : m.group(2).split(",")) {
                Matcher c = CONDITION.matcher(part.strip());
                if (!c.matches()) {
                    throw new IllegalArgumentException("expected field=value inside [], got '" + part.strip() + "'");
                }
                String op = c.group(2).equals("==") ? "=" : c.group(2);
                conditions.add(new Condition(c.group(1), op, c.group(3).strip()));
            }
        }
        return new EventMatcher(type, conditions);
    }

    public boolean matches(JournalEntry entry) {
        if (!entry.event().type().equals(type)) {
            return false;
        }
        if (conditions.isEmpty()) {
            return true;
        }
        JsonObject line = JsonParser.parseString(JournalJson.toLine(entry)).getAsJsonObject();
        return conditions.stream().allMatch(c -> c.holds(line.get(c.field())));
    }

    @Override
    public String toString() {
        if (conditions.isEmpty()) {
            return type;
        }
        List<String> parts = conditions.stream().map(c -> c.field() + c.op() + c.value()).toList();
        return type + "[" + String.join(",", parts) + "]";
    }

    /** One {@code field OP value} test; numbers compare as numbers, anything else as text. */
    public record Condition(String field, String op, String value) {

        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        boolean holds(JsonElement actual) {
            if (actual == null || actual.isJsonNull()) {
                return op.equals("!=");
            }
            String text = actual.isJsonPrimitive() ? actual.getAsString() : actual.toString();
            BigDecimal left = number(text);
            BigDecimal right = number(value);
            int cmp;
            if (left != null && right != null) {
                cmp = left.compareTo(right);
            } else if (op.equals("=") || op.equals("!=")) {
                cmp = text.equals(value) ? 0 : 1;
            } else {
                return false;
            }
            return switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">=" -> cmp >= 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp < 0;
            };
        }

        private static BigDecimal number(String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
