package dev.portcullis.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written Markdown page in {@code docs/} with generated sections between
 * {@code <!-- generated: NAME -->} and {@code <!-- end generated: NAME -->}. A test renders the sections, writes them
 * when run with {@code -Dportcullis.regenerateDocs=true} (the convention of {@code docs/rules}), and otherwise
 * reports the sections that differ from what is checked in.
 */
final class GeneratedDoc {

    static final String REGENERATE = "portcullis.regenerateDocs";

    private final Path file;
    private String text;

    private GeneratedDoc(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** {@code docs/<name>} of the project root (the {@code portcullis.root} property, as surefire sets it). */
    static GeneratedDoc of(String name) {
        Path file = Path.of(System.getProperty("portcullis.root", "."), "docs", name);
        try {
            return new GeneratedDoc(file, Files.isRegularFile(file) ? Files.readString(file) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page that exists only in memory, never written. */
    static GeneratedDoc parse(String text) {
        return new GeneratedDoc(null, text);
    }

    String text() {
        return text;
    }

    String displayName() {
        return file == null ? "(in memory)" : "docs/" + file.getFileName();
    }

    /** The section's current content, or null when the page has no such section. */
    String section(String name) {
        Matcher m = pattern(name).matcher(text);
        return m.find() ? m.group(2) : null;
    }

    /**
     * Puts {@code content} into the section (in memory). Returns a problem when the checked-in section differs (or is
     * missing), else null.
     */
    String update(String name, String content) {
        String current = section(name);
        if (current == null) {
            return displayName() + " has no section <!-- generated: " + name + " -->";
        }
        if (current.equals(content)) {
            return null;
        }
        Matcher m = pattern(name).matcher(text);
        m.find();
        text = text.substring(0, m.start(2)) + content + text.substring(m.end(2));
        return displayName() + ": section '" + name + "' is out of date; regenerate with -D" + REGENERATE + "=true";
    }

    /** Writes the page when regeneration was asked for; returns whether it did. */
    boolean writeIfRegenerating() {
        if (file == null || !Boolean.getBoolean(REGENERATE)) {
            return false;
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The cells of every Markdown table row in the section (header and separator rows excluded). */
    static List<List<String>> tableRows(String section) {
        List<List<String>> rows = new ArrayList<>();
        if (section == null) {
            return rows;
        }
        for (String line : section.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("|") || !t.endsWith("|") || t.matches("\\|[\\s:|-]*\\|")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : t.substring(1, t.length() - 1).split("(?<!\\\\)\\|", -1)) {
                cells.add(cell.strip().replace("\\|", "|"));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Escapes a table cell. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static Pattern pattern(String name) {
        return Pattern.compile("(<!-- generated: " + Pattern.quote(name) + " -->\n)(.*?)(?=<!-- end generated: "
                + Pattern.quote(name) + " -->)", Pattern.DOTALL);
    }
}
