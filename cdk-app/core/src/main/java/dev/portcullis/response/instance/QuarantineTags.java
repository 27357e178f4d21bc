package dev.portcullis.response.instance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags that record a quarantine on the instance itself, so that Release needs no other store and anyone looking
 * at the instance in the console sees why it is cut off: {@value #QUARANTINED} (when), {@value #REASON},
 * {@value #FINDING}, and one {@value #GROUPS_PREFIX}{@code <interface-id>} tag per network interface with the
 * security groups it had, space-separated (continued in {@code ...#2}, {@code ...#3} past EC2's 256-character
 * value limit). Tags are chosen over a table because they travel with the instance, survive a redeployment of the
 * stack and are what an operator restoring by hand would look at.
 */
public final class QuarantineTags {

    public static final String PREFIX = "portcullis:";
    public static final String QUARANTINED = "portcullis:quarantined";
    public static final String REASON = "portcullis:quarantine-reason";
    public static final String FINDING = "portcullis:quarantine-finding";
    public static final String GROUPS_PREFIX = "portcullis:groups:";
    /** Opt-in to termination by the flow-log kill switch: {@code true}. */
    public static final String TERMINATE_OPT_IN = "portcullis:terminate-on-threat";
    /** Tag on the isolation security group that marks it as ours (IAM conditions scope rule edits to it). */
    public static final String ISOLATION_GROUP = "portcullis:isolation";
    /** Tag on forensic snapshots. */
    public static final String FORENSICS = "portcullis:forensics";

    private static final int MAX_VALUE = 256;

    private QuarantineTags() {
    }

    /** The tags written when an instance is quarantined or isolated. */
    public static Map<String, String> quarantine(Instant at, String reason, String findingId,
                                                 Map<String, List<String>> groupsByInterface) {
        Map<String, String> tags = new LinkedHashMap<>(groups(groupsByInterface));
        tags.put(QUARANTINED, at.toString());
        tags.put(REASON, clip(reason));
        tags.put(FINDING, clip(findingId == null ? "" : findingId));
        return tags;
    }

    /** The recorded groups alone: written before the groups are swapped, so a failed swap can still be released. */
    public static Map<String, String> groups(Map<String, List<String>> groupsByInterface) {
        Map<String, String> tags = new LinkedHashMap<>();
        new TreeMap<>(groupsByInterface).forEach((eni, groups) -> {
            String value = String.join(" ", groups);
            int part = 1;
            while (true) {
                String key = GROUPS_PREFIX + eni + (part == 1 ? "" : "#" + part);
                if (value.length() <= MAX_VALUE) {
                    tags.put(key, value);
                    break;
                }
                int cut = value.lastIndexOf(' ', MAX_VALUE);
                tags.put(key, value.substring(0, cut));
                value = value.substring(cut + 1);
                part++;
            }
        });
        return tags;
    }

    /** The groups recorded on an instance, by interface id; empty when none were. */
    public static Map<String, List<String>> recordedGroups(Map<String, String> tags) {
        Map<String, List<String>> out = new TreeMap<>();
        new TreeMap<>(tags).forEach((key, value) -> {
            if (key.startsWith(GROUPS_PREFIX)) {
                String rest = key.substring(GROUPS_PREFIX.length());
                int hash = rest.indexOf('#');
                String eni = hash < 0 ? rest : rest.substring(0, hash);
                if (!value.isBlank()) {
                    out.computeIfAbsent(eni, k -> new ArrayList<>()).addAll(Arrays.asList(value.trim().split("\\s+")));
                }
            }
        });
        return out;
    }

    /** Every tag key of ours on the instance that Release removes (the terminate opt-in is the owner's, kept). */
    public static List<String> releaseKeys(Map<String, String> tags) {
        return tags.keySet().stream()
                .filter(k -> k.equals(QUARANTINED) || k.equals(REASON) || k.equals(FINDING)
                        || k.startsWith(GROUPS_PREFIX))
                .sorted().toList();
    }

    private static String clip(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 3) + "...";
    }
}
