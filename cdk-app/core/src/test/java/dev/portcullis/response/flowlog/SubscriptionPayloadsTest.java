package dev.portcullis.response.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.Fixtures;
import dev.portcullis.response.finding.MalformedEventException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding CloudWatch Logs subscription payloads and reading flow-log records with their formats. */
class SubscriptionPayloadsTest {

    @Test
    void encodedAndDecodedFormsGiveTheSameBatch() throws Exception {
        SubscriptionBatch encoded = SubscriptionPayloads.decode(Fixtures.event("flow-logs/default-format-reject.awslogs.json"));
        SubscriptionBatch decoded = SubscriptionPayloads.decode(Fixtures.event("flow-logs/default-format-reject.json"));
        assertEquals(decoded, encoded);
        assertEquals(SubscriptionBatch.DATA_MESSAGE, encoded.messageType());
        assertEquals("/portcullis/flow-logs", encoded.logGroup());
        assertEquals(5, encoded.logEvents().size());
    }

    static List<Path> malformed() {
        return Fixtures.list(Fixtures.dir().resolve("flow-logs/malformed"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedPayloadsAreRefusedWithAReason(Path file) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> SubscriptionPayloads.decode(Fixtures.read(file)));
        assertTrue(!e.problems().isEmpty() && !e.problems().get(0).reason().isBlank(), e.getMessage());
    }

    @Test
    void aGzipBombIsRefusedBeforeItIsExpanded() throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 40; i++) {
                out.write(zeros);
            }
        }
        String payload = "{\"awslogs\": {\"data\": \"" + Base64.getEncoder().encodeToString(gzip.toByteArray()) + "\"}}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> SubscriptionPayloads.decode(payload));
        assertTrue(e.getMessage().contains("decompresses to more than"), e.getMessage());
    }

    @Test
    void recordsAreReadWithTheFormatOfTheirFieldCount() {
        FlowLogFormat custom = FlowLogFormat.parse("${interface-id} ${srcaddr} ${dstaddr} ${action}");
        FlowLogRecords reader = new FlowLogRecords(List.of(FlowLogFormat.DEFAULT, FlowLogFormat.PORTCULLIS, custom));
        FlowLogRecord v2 = reader.read("2 123456789012 eni-0a1b2c3d4e5f60718 10.0.1.15 203.0.113.50 49152 4444 6 3 180 "
                + "1795687200 1795687260 REJECT OK").record().orElseThrow();
        assertEquals("eni-0a1b2c3d4e5f60718", v2.interfaceId());
        assertTrue(v2.rejected());
        assertEquals(4444, v2.number("dstport").orElseThrow());
        FlowLogRecord mine = reader.read("eni-1 10.0.0.1 10.0.0.2 ACCEPT").record().orElseThrow();
        assertEquals(custom, mine.format());
        assertTrue(mine.accepted());
        FlowLogRecord noData = reader.read("2 123456789012 eni-1 - - - - - - - 1795687200 1795687260 - NODATA")
                .record().orElseThrow();
        assertTrue(noData.get("srcaddr").isEmpty(), "'-' is no value");
        FlowLogRecords.Line odd = reader.read("one two three");
        assertTrue(odd.record().isEmpty());
        assertTrue(odd.problem().contains("3 fields"), odd.problem());
    }

    @Test
    void theBuiltInFormatsAreWhatTheStackAndAwsWrite() {
        assertEquals(14, FlowLogFormat.DEFAULT.fields().size());
        assertEquals(20, FlowLogFormat.PORTCULLIS.fields().size());
        assertTrue(FlowLogFormat.PORTCULLIS.fields().containsAll(List.of("flow-direction", "pkt-srcaddr",
                "pkt-dstaddr", "tcp-flags", "instance-id")));
        assertTrue(new String(FlowLogFormat.PORTCULLIS.text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .startsWith("${version} ${account-id} ${interface-id}"));
    }
}
