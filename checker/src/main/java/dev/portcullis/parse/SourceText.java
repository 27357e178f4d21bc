package dev.portcullis.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;

/**
 * The text of one template file, decoded strictly as UTF-8 (a byte-order mark is dropped). Rejects what
 * is not text before any parser sees it: oversized input, NUL bytes, invalid UTF-8 and blank files.
 */
record SourceText(String file, String text) {

    static SourceText decode(String file, byte[] bytes) {
        if (bytes == null) {
            throw new InputException(file, null, "no content given");
        }
        if (bytes.length > TemplateParser.MAX_BYTES) {
            throw tooLarge(file, bytes.length);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InputException(file, lineAt(bytes, i),
                        "binary content (NUL byte at offset " + i + "), not a JSON or YAML template");
            }
        }
        String text = strictUtf8(file, bytes);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InputException(file, null, "file is empty");
        }
        return new SourceText(file, text);
    }

    static InputException tooLarge(String file, long size) {
        return new InputException(file, null, "file is " + size + " bytes, over the limit of "
                + TemplateParser.MAX_BYTES + " bytes");
    }

    /** JSON when the first character that is not white space opens an object or array; YAML otherwise. */
    Template.Format format() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[' ? Template.Format.JSON : Template.Format.YAML;
            }
        }
        return Template.Format.YAML;
    }

    private static String strictUtf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new InputException(file, lineAt(bytes, offset),
                    "not valid UTF-8 (bad byte 0x" + String.format("%02X", bytes[Math.min(offset, bytes.length - 1)] & 0xFF)
                            + " at offset " + offset + ")");
        }
        out.flip();
        return out.toString();
    }

    /** The 1-based line of a byte offset. */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
