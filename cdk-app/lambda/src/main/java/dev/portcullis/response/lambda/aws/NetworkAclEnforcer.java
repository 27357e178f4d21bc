package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.config.NaclSettings;
import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.EnforcementPoint;
import dev.portcullis.response.port.Enforcer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/**
 * Blocks addresses in one network ACL (the ACL of the attacked instance's subnet) with deny entries in a reserved
 * rule-number range, the same number inbound and outbound for each address. Only entries in that range are ours.
 * Capacity is the range, further limited by the ACL's rules-per-direction quota minus the entries that are not ours.
 * A NACL has no version token: a lost race shows as a rule number taken meanwhile (NetworkAclEntryAlreadyExists),
 * and the write starts over from a fresh read. An address with an entry in one direction only (a write that half
 * failed) is completed on the next write that wants it.
 */
public final class NetworkAclEnforcer implements Enforcer {
    /** AWS default quota of rules per direction in a network ACL (raisable to 40). */
    public static final int DEFAULT_RULES_PER_DIRECTION = 20;
    /** The rule every ACL ends with; it does not count against the quota. */
    private static final int DEFAULT_RULE_NUMBER = 32767;

    private final Ec2Client ec2;
    private final EnforcementPoint point;
    private final String networkAclId;
    private final NaclSettings range;
    private final int quota;
    private final int attempts;

    public NetworkAclEnforcer(Ec2Client ec2, EnforcementPoint point, String networkAclId, NaclSettings range) {
        this.ec2 = ec2;
        this.point = point;
        this.networkAclId = networkAclId;
        this.range = range;
        this.quota = Math.max(DEFAULT_RULES_PER_DIRECTION, range.maxEntries());
        this.attempts = OptimisticWrite.DEFAULT_ATTEMPTS;
    }

    @Override
    public EnforcementPoint point() {
        return point;
    }

    @Override
    public Set<IpAddress> current() {
        return new TreeSet<>(ours(read()).keySet());
    }

    @Override
    public int capacity() {
        return capacity(read());
    }

    @Override
    public void update(Collection<IpAddress> add, Collection<IpAddress> remove) {
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        OptimisticWrite.run(attempts, NetworkAclEnforcer::ruleNumberTaken, () -> {
            NetworkAcl acl = read();
            Map<IpAddress, Slot> ours = ours(acl);
            Set<Integer> used = usedNumbers(acl);
            for (IpAddress ip : remove) {
                Slot slot = ours.remove(ip);
                if (slot != null) {
                    used.remove(slot.ruleNumber());
                    if (slot.inbound()) {
                        delete(slot.ruleNumber(), false);
                    }
                    if (slot.outbound()) {
                        delete(slot.ruleNumber(), true);
                    }
                }
            }
            Set<IpAddress> adding = new TreeSet<>(add);
            adding.removeAll(remove);
            Set<IpAddress> wanted = new TreeSet<>(ours.keySet());
            wanted.addAll(adding);
            int room = capacity(acl);
            if (wanted.size() > room && wanted.size() > ours.size()) {
                throw new CapacityExceededException(point, wanted.size(), room);
            }
            for (IpAddress ip : adding) {
                Slot slot = ours.get(ip);
                if (slot == null) {
                    int number = freeNumber(used);
                    used.add(number);
                    slot = new Slot(number, false, false);
                }
                if (!slot.inbound()) {
                    create(slot.ruleNumber(), false, ip);
                }
                if (!slot.outbound()) {
                    create(slot.ruleNumber(), true, ip);
                }
            }
            return null;
        });
    }

    /** Where one address's pair of entries sits and which directions exist. */
    private record Slot(int ruleNumber, boolean inbound, boolean outbound) {
    }

    private NetworkAcl read() {
        return ec2.describeNetworkAcls(b -> b.networkAclIds(networkAclId)).networkAcls().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("network ACL " + networkAclId + " does not exist"));
    }

    private boolean reserved(int ruleNumber) {
        return ruleNumber >= range.firstRuleNumber() && ruleNumber <= range.lastRuleNumber();
    }

    private Map<IpAddress, Slot> ours(NetworkAcl acl) {
        Map<IpAddress, Slot> slots = new TreeMap<>();
        for (NetworkAclEntry entry : acl.entries()) {
            if (!reserved(entry.ruleNumber()) || entry.ruleAction() != RuleAction.DENY) {
                continue;
            }
            Optional<IpAddress> ip = HostCidr.address(entry.cidrBlock() != null ? entry.cidrBlock() : entry.ipv6CidrBlock());
            if (ip.isEmpty()) {
                continue;
            }
            boolean egress = Boolean.TRUE.equals(entry.egress());
            Slot before = slots.getOrDefault(ip.get(), new Slot(entry.ruleNumber(), false, false));
            slots.put(ip.get(), new Slot(before.ruleNumber(), before.inbound() || !egress, before.outbound() || egress));
        }
        return slots;
    }

    private int capacity(NetworkAcl acl) {
        int foreignIn = 0;
        int foreignOut = 0;
        for (NetworkAclEntry entry : acl.entries()) {
            if (entry.ruleNumber() == DEFAULT_RULE_NUMBER || reserved(entry.ruleNumber())) {
                continue;
            }
            if (Boolean.TRUE.equals(entry.egress())) {
                foreignOut++;
            } else {
                foreignIn++;
            }
        }
        return Math.max(0, Math.min(range.maxEntries(), quota - Math.max(foreignIn, foreignOut)));
    }

    private Set<Integer> usedNumbers(NetworkAcl acl) {
        Set<Integer> used = new HashSet<>();
        acl.entries().forEach(e -> used.add(e.ruleNumber()));
        return used;
    }

    private int freeNumber(Set<Integer> used) {
        for (int n = range.firstRuleNumber(); n <= range.lastRuleNumber(); n++) {
            if (!used.contains(n)) {
                return n;
            }
        }
        throw new CapacityExceededException(point, range.maxEntries() + 1, range.maxEntries());
    }

    private void create(int ruleNumber, boolean egress, IpAddress ip) {
        ec2.createNetworkAclEntry(b -> {
            b.networkAclId(networkAclId).ruleNumber(ruleNumber).egress(egress).protocol("-1").ruleAction(RuleAction.DENY);
            if (ip.version() == IpAddress.Version.V4) {
                b.cidrBlock(ip.toCidr());
            } else {
                b.ipv6CidrBlock(ip.toCidr());
            }
        });
    }

    private void delete(int ruleNumber, boolean egress) {
        try {
            ec2.deleteNetworkAclEntry(b -> b.networkAclId(networkAclId).ruleNumber(ruleNumber).egress(egress));
        } catch (AwsServiceException e) {
            if (!"InvalidNetworkAclEntry.NotFound".equals(errorCode(e))) {
                throw e;
            }
        }
    }

    private static boolean ruleNumberTaken(RuntimeException e) {
        return e instanceof AwsServiceException aws && "NetworkAclEntryAlreadyExists".equals(errorCode(aws));
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
