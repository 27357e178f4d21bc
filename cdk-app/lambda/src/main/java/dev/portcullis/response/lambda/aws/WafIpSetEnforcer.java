package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafOptimisticLockException;

/**
 * Blocks addresses through two WAFv2 IP sets, one per address family (an IP set holds one family), which the
 * stack's web ACL rule references. Each write reads the set with its LockToken, recomputes its address list and
 * updates; a lost race (WAFOptimisticLockException) reads again. Entries that are not single addresses (a CIDR
 * added by hand) are kept as they are and never counted as ours. Capacity is WAF's 10,000 addresses per IP set,
 * counted over both families together so the one number the enforce step sees is never too high for either set.
 */
public final class WafIpSetEnforcer implements Enforcer {
    /** WAFv2 quota: addresses per IP set. */
    public static final int MAX_ADDRESSES_PER_SET = 10_000;

    /** One IP set as the WAFv2 API addresses it. */
    public record IpSet(String name, String id) {
    }

    private final Wafv2Client client;
    private final EnforcementPoint point;
    private final Scope scope;
    private final IpSet ipv4;
    private final IpSet ipv6;
    private final int attempts;

    public WafIpSetEnforcer(Wafv2Client client, EnforcementPoint point, String scope, IpSet ipv4, IpSet ipv6) {
        this.client = client;
        this.point = point;
        this.scope = Scope.fromValue(scope);
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.attempts = OptimisticWrite.DEFAULT_ATTEMPTS;
    }

    @Override
    public EnforcementPoint point() {
        return point;
    }

    @Override
    public Set<IpAddress> current() {
        Set<IpAddress> all = new TreeSet<>(singles(get(ipv4).ipSet().addresses()));
        all.addAll(singles(get(ipv6).ipSet().addresses()));
        return all;
    }

    @Override
    public int capacity() {
        return MAX_ADDRESSES_PER_SET;
    }

    @Override
    public void update(Collection<IpAddress> add, Collection<IpAddress> remove) {
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        if (!add.isEmpty()) {
            Set<IpAddress> after = current();
            after.addAll(add);
            after.removeAll(remove);
            if (after.size() > capacity()) {
                throw new CapacityExceededException(point, after.size(), capacity());
            }
        }
        write(ipv4, IpAddress.Version.V4, add, remove);
        write(ipv6, IpAddress.Version.V6, add, remove);
    }

    private void write(IpSet set, IpAddress.Version family, Collection<IpAddress> add, Collection<IpAddress> remove) {
        List<IpAddress> adding = add.stream().filter(ip -> ip.version() == family).toList();
        List<IpAddress> removing = remove.stream().filter(ip -> ip.version() == family).toList();
        if (adding.isEmpty() && removing.isEmpty()) {
            return;
        }
        OptimisticWrite.run(attempts, WafOptimisticLockException.class::isInstance, () -> {
            GetIpSetResponse read = get(set);
            List<String> entries = read.ipSet().addresses();
            Set<IpAddress> ours = singles(entries);
            Set<IpAddress> wanted = new TreeSet<>(ours);
            wanted.addAll(adding);
            wanted.removeAll(removing);
            if (wanted.equals(ours)) {
                return null;
            }
            if (wanted.size() > MAX_ADDRESSES_PER_SET && wanted.size() > ours.size()) {
                throw new CapacityExceededException(point, wanted.size(), MAX_ADDRESSES_PER_SET);
            }
            List<String> addresses = new ArrayList<>();
            entries.stream().filter(e -> HostCidr.address(e).isEmpty()).forEach(addresses::add);
            wanted.forEach(ip -> addresses.add(ip.toCidr()));
            client.updateIPSet(b -> b.name(set.name()).id(set.id()).scope(scope)
                    .lockToken(read.lockToken())
                    .addresses(addresses)
                    .description(read.ipSet().description()));
            return null;
        });
    }

    private GetIpSetResponse get(IpSet set) {
        return client.getIPSet(b -> b.name(set.name()).id(set.id()).scope(scope));
    }

    private static Set<IpAddress> singles(List<String> entries) {
        Set<IpAddress> out = new TreeSet<>();
        entries.forEach(e -> HostCidr.address(e).ifPresent(out::add));
        return out;
    }
}
