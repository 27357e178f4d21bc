package dev.portcullis.checks.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

class OpenPortsTest {

    private static final Span AT = new Span("t.yaml", 1, 1, 1, 1);

    private static Value v(Object o) {
        return new Value.Scalar(o, AT);
    }

    @Test
    void everyProtocolMeansEveryPort() {
        assertTrue(OpenPorts.of(v("-1"), null, null).range().isAll());
        assertTrue(OpenPorts.of(v(-1L), v(22L), v(22L)).range().isAll(), "ports are ignored for protocol -1");
        assertTrue(OpenPorts.of(v("ALL"), null, null).range().isAll());
    }

    @Test
    void tcpAndUdpByNameOrNumberUseTheirRange() {
        assertEquals(new PortRange(22, 22), OpenPorts.of(v("tcp"), v(22L), v(22L)).range());
        assertEquals(new PortRange(3000, 4000), OpenPorts.of(v("6"), v("3000"), v("4000")).range());
        assertEquals(new PortRange(53, 53), OpenPorts.of(v(17L), v(53L), null).range(), "a lone bound is the range");
        assertTrue(OpenPorts.of(v("udp"), v(-1L), v(-1L)).range().isAll(), "-1 bounds mean every port");
        assertTrue(OpenPorts.of(v("tcp"), null, null).range().isAll());
    }

    @Test
    void protocolsWithoutPortsOpenNone() {
        assertNull(OpenPorts.of(v("icmp"), v(-1L), v(-1L)).range());
        assertNull(OpenPorts.of(v("58"), v(8L), v(0L)).range());
        assertNull(OpenPorts.of(v("50"), null, null).range(), "ESP has no ports");
        assertEquals(Answer.NO, OpenPorts.of(v("icmp"), null, null).includesAny(List.of(22)));
    }

    @Test
    void undeterminedPartsAnswerMaybe() {
        Value unknown = new Value.Unknown("parameter Port has no default", AT);
        OpenPorts ports = OpenPorts.of(v("tcp"), unknown, unknown);
        assertFalse(ports.isDetermined());
        assertEquals(Answer.MAYBE, ports.includesAny(List.of(22)));
        assertEquals(Answer.MAYBE, OpenPorts.of(unknown, v(22L), v(22L)).isAll());
    }

    @Test
    void rangeQuestions() {
        PortRange r = new PortRange(80, 443);
        assertEquals(80, r.firstOf(List.of(443, 80)));
        assertEquals(-1, r.firstOf(List.of(22, 3389)));
        assertEquals(81, r.firstOutside(Set.of(80, 443)));
        assertEquals(-1, new PortRange(443, 443).firstOutside(Set.of(80, 443)));
        assertEquals(new PortRange(10, 20), new PortRange(20, 10), "reversed bounds are normalized");
        assertEquals("0-65535", PortRange.ALL.display());
        assertEquals(Answer.YES, OpenPorts.of(v("tcp"), v(0L), v(65535L)).isAll());
        assertEquals(Answer.YES, OpenPorts.of(v("tcp"), v(3000L), v(4000L)).includesAny(List.of(22, 3389)));
        assertEquals(Answer.NO, OpenPorts.of(v("tcp"), v(443L), v(443L)).includesOtherThan(Set.of(80, 443)));
    }
}
