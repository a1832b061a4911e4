package dev.clawscope.bench;

import com.google.gson.JsonObject;

/**
 * One table of the benchmark report.
 *
 * @param id short key in {@code results.json}, e.g. {@code detection}
 * @param title the heading in {@code docs/benchmarks.md}
 * @param markdown the table and any notes under it, Markdown
 * @param json the same numbers, every repetition included, for {@code results.json}
 */
record Section(String id, String title, String markdown, JsonObject json) {
}
