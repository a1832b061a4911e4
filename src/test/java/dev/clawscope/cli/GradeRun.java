package dev.clawscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code clawscope grade} run in this JVM: its exit code, console and report. */
record GradeRun(int exit, String out, String err, Path dir) {

    /** Runs {@code grade} with {@code args}, writing into {@code dir}. */
    static GradeRun of(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("grade", "--out", dir.toString()));
        all.addAll(List.of(args));
        int exit = ClawscopeCommand.run(all.toArray(String[]::new), () -> {
            throw new AssertionError("grade must not open the window");
        }, new PrintWriter(out, true), new PrintWriter(err, true));
        return new GradeRun(exit, out.toString(), err.toString(), dir);
    }

    JsonObject report() throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    /** The checks of {@code report.json} by id, in report order. */
    Map<String, JsonObject> checks() throws IOException {
        Map<String, JsonObject> checks = new LinkedHashMap<>();
        for (JsonElement e : report().getAsJsonArray("checks")) {
            checks.put(e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject());
        }
        return checks;
    }

    /** The verdict of each check, e.g. {@code {handshake=pass, closes_cleanly=fail}}. */
    Map<String, String> verdicts() throws IOException {
        Map<String, String> verdicts = new LinkedHashMap<>();
        checks().forEach((id, c) -> verdicts.put(id, c.get("verdict").getAsString()));
        return verdicts;
    }

    /** Asserts the report's shape: exactly the contract's keys, every check complete, a proof bundle each. */
    void assertComplete(List<String> ids) throws IOException {
        JsonObject report = report();
        assertThat(report.keySet()).containsExactly("client", "clawscope_version", "started", "checks");
        assertThat(checks().keySet()).containsExactlyElementsOf(ids);
        for (JsonObject c : checks().values()) {
            assertThat(c.keySet()).containsExactly("id", "verdict", "measured", "threshold", "detail");
            assertThat(c.get("verdict").getAsString()).isIn("pass", "fail", "skip");
            assertThat(c.get("measured").getAsString()).isNotBlank();
            assertThat(c.get("threshold").getAsString()).isNotBlank();
            assertThat(c.get("detail").getAsString()).isNotBlank();
            Path bundle = dir.resolve(c.get("id").getAsString());
            for (String file : List.of("journal.jsonl", "summary.md", "timeline.svg", "manifest.json")) {
                assertThat(bundle.resolve(file)).as("the proof bundle of " + bundle.getFileName()).exists();
            }
        }
        String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("| check | verdict | measured | threshold | reason |");
        ids.forEach(id -> assertThat(md).contains("| `" + id + "` | "));
    }
}
