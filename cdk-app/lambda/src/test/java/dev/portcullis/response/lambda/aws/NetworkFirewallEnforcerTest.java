package dev.portcullis.response.lambda.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.response.config.Backend;
import dev.portcullis.response.lambda.localaws.FakeNetworkFirewall;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.networkfirewall.NetworkFirewallClient;
import software.amazon.awssdk.services.networkfirewall.model.InvalidTokenException;

class NetworkFirewallEnforcerTest {
    private static final EnforcementPoint POINT = EnforcementPoint.of(Backend.NETWORK_FIREWALL);

    private FakeNetworkFirewall fake;
    private NetworkFirewallClient client;

    private NetworkFirewallEnforcer enforcer(int groupCapacity, int configuredCapacity) {
        fake = FakeNetworkFirewall.start("portcullis-blocklist", groupCapacity);
        client = fake.client();
        return new NetworkFirewallEnforcer(client, POINT, fake.ruleGroupArn(), configuredCapacity);
    }

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    @Test
    void blocksAndUnblocksIpv4AndIpv6InBothDirections() {
        NetworkFirewallEnforcer nfw = enforcer(100, 100);
        nfw.block(ips("198.51.100.7", "2001:db8::5"));
        assertEquals(Set.of(ip("198.51.100.7"), ip("2001:db8::5")), nfw.current());
        assertEquals(Set.of("198.51.100.7/32", "2001:db8::5/128"), fake.droppedAddresses());
        assertEquals(4, fake.consumedCapacity(), "one rule per direction per address");
        nfw.unblock(ips("198.51.100.7"));
        assertEquals(Set.of(ip("2001:db8::5")), nfw.current());
        assertEquals(2, fake.consumedCapacity());
    }

    @Test
    void addingWhatIsThereWritesNothing() {
        NetworkFirewallEnforcer nfw = enforcer(100, 100);
        nfw.block(ips("192.0.2.1"));
        int writes = fake.updates();
        nfw.block(ips("192.0.2.1"));
        nfw.unblock(ips("203.0.113.1"));
        assertEquals(writes, fake.updates());
    }

    @Test
    void aStaleUpdateTokenIsRetriedWithAFreshRead() {
        NetworkFirewallEnforcer nfw = enforcer(100, 100);
        nfw.block(ips("192.0.2.1"));
        fake.interleaveForeignUpdates(3);
        nfw.block(ips("192.0.2.2"));
        assertEquals(3, fake.staleTokenRejections());
        assertEquals(Set.of(ip("192.0.2.1"), ip("192.0.2.2")), nfw.current());
    }

    @Test
    void givesUpAfterItsAttemptsWithTheServiceError() {
        fake = FakeNetworkFirewall.start("contended", 100);
        client = fake.client();
        NetworkFirewallEnforcer nfw = new NetworkFirewallEnforcer(client, POINT, fake.ruleGroupArn(), 100, 3);
        fake.interleaveForeignUpdates(10);
        assertThrows(InvalidTokenException.class, () -> nfw.block(ips("192.0.2.1")));
        assertEquals(3, fake.staleTokenRejections());
        assertTrue(nfw.current().isEmpty());
    }

    @Test
    void capacityIsTheSmallerOfTheGroupsAndTheConfiguredAndIsCheckedBeforeWriting() {
        NetworkFirewallEnforcer nfw = enforcer(6, 100);
        assertEquals(3, nfw.capacity());
        nfw.block(ips("192.0.2.1", "192.0.2.2", "192.0.2.3"));
        assertThrows(CapacityExceededException.class, () -> nfw.block(ips("192.0.2.4")));
        assertEquals(0, fake.capacityRejections(), "the over-capacity write was never sent");
        nfw.update(ips("192.0.2.4"), ips("192.0.2.1"));
        assertEquals(Set.of(ip("192.0.2.2"), ip("192.0.2.3"), ip("192.0.2.4")), nfw.current());
        assertEquals(2, new NetworkFirewallEnforcer(client, POINT, fake.ruleGroupArn(), 5).capacity());
    }

    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        NetworkFirewallEnforcer nfw = enforcer(1000, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        Set<IpAddress> expected = new TreeSet<>();
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 5; w++) {
                for (int i = 1; i <= 12; i++) {
                    IpAddress address = ip("198.51.100." + (w * 12 + i));
                    expected.add(address);
                    writers.add(() -> {
                        nfw.block(List.of(address));
                        return null;
                    });
                }
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(expected, nfw.current());
    }

    private static IpAddress ip(String text) {
        return IpAddress.of(text);
    }

    private static List<IpAddress> ips(String... texts) {
        return java.util.Arrays.stream(texts).map(IpAddress::of).toList();
    }
}
