package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.net.IpAddress;
import dev.portcullis.response.port.BlockRecord;
import dev.portcullis.response.port.Blocklist;
import dev.portcullis.response.port.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The blocklist in DynamoDB. Table layout (the CDK stack creates it to match):
 * partition key {@value #IP} (S), sort key {@value #ENFORCEMENT_POINT} (S), TTL attribute {@value #TTL} (N, epoch
 * seconds). Other attributes: {@value #CREATED_AT} and {@value #EXPIRES_AT} (ISO-8601), {@value #EXPIRES_AT_MILLIS}
 * (N, what conditions compare, since TTL seconds would round), {@value #FINDING_IDS} (L of S), {@value #DRY_RUN} (BOOL).
 * <p>
 * Expired records are paged in key order, (ip, enforcement point) as text, and the cursor is the last key returned:
 * each page is a filtered scan for keys after the cursor. DynamoDB's own scan cursor is not used because pruning
 * deletes the records of each page before asking for the next, and a scan resumed after deleted items skips records
 * in DynamoDB Local. The price is one scan per page; the table is bounded by enforcement capacity (a few thousand
 * live records at most), so that stays small and needs no index, and records left in place by a failed unblock can
 * never make the pages loop.
 */
public final class DynamoDbBlocklist implements Blocklist {
    public static final String IP = "ip";
    public static final String ENFORCEMENT_POINT = "enforcementPoint";
    public static final String CREATED_AT = "createdAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String EXPIRES_AT_MILLIS = "expiresAtMillis";
    public static final String FINDING_IDS = "findingIds";
    public static final String DRY_RUN = "dryRun";
    public static final String TTL = "ttl";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbBlocklist(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean putIfAbsent(BlockRecord record) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(toItem(record))
                    // Stored when the key is free, when the holder expired by now (TTL deletion lags by hours),
                    // or when the holder is a dry-run record and this block is real.
                    .conditionExpression("attribute_not_exists(#ip) OR #expires <= :now OR (#dry = :true AND :real = :true)")
                    .expressionAttributeNames(Map.of("#ip", IP, "#expires", EXPIRES_AT_MILLIS, "#dry", DRY_RUN))
                    .expressionAttributeValues(Map.of(
                            ":now", number(record.createdAt().toEpochMilli()),
                            ":true", AttributeValue.fromBool(true),
                            ":real", AttributeValue.fromBool(!record.dryRun()))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    @Override
    public Optional<BlockRecord> get(IpAddress ip, String enforcementPoint) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(ip, enforcementPoint)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    @Override
    public Page<BlockRecord> expired(Instant now, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be positive");
        }
        Map<String, String> names = new HashMap<>(Map.of("#expires", EXPIRES_AT_MILLIS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", number(now.toEpochMilli())));
        String filter = "#expires <= :now";
        if (cursor != null) {
            RecordKey after = RecordKey.decode(cursor);
            names.put("#ip", IP);
            names.put("#point", ENFORCEMENT_POINT);
            values.put(":ip", AttributeValue.fromS(after.ip()));
            values.put(":point", AttributeValue.fromS(after.point()));
            filter += " AND (#ip > :ip OR (#ip = :ip AND #point > :point))";
        }
        List<BlockRecord> matching = scanAll(ScanRequest.builder().tableName(table).consistentRead(true)
                .filterExpression(filter).expressionAttributeNames(names).expressionAttributeValues(values).build());
        List<BlockRecord> sorted = matching.stream()
                .sorted(Comparator.comparing((BlockRecord r) -> r.ip().toString()).thenComparing(BlockRecord::enforcementPoint))
                .toList();
        if (sorted.size() <= limit) {
            return new Page<>(sorted, Optional.empty());
        }
        List<BlockRecord> page = sorted.subList(0, limit);
        BlockRecord last = page.get(limit - 1);
        return new Page<>(page, Optional.of(new RecordKey(last.ip().toString(), last.enforcementPoint()).encode()));
    }

    @Override
    public boolean remove(BlockRecord record) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(key(record.ip(), record.enforcementPoint()))
                    .conditionExpression("#created = :created")
                    .expressionAttributeNames(Map.of("#created", CREATED_AT))
                    .expressionAttributeValues(Map.of(":created", AttributeValue.fromS(record.createdAt().toString()))));
            return true;
        } catch (ConditionalCheckFailedException changedOrGone) {
            return false;
        }
    }

    @Override
    public List<BlockRecord> list(String enforcementPoint) {
        return scanAll(ScanRequest.builder().tableName(table).consistentRead(true)
                .filterExpression("#point = :point")
                .expressionAttributeNames(Map.of("#point", ENFORCEMENT_POINT))
                .expressionAttributeValues(Map.of(":point", AttributeValue.fromS(enforcementPoint)))
                .build());
    }

    @Override
    public List<BlockRecord> recordsOf(IpAddress ip) {
        List<BlockRecord> records = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("#ip = :ip")
                        .expressionAttributeNames(Map.of("#ip", IP))
                        .expressionAttributeValues(Map.of(":ip", AttributeValue.fromS(ip.toString()))))
                .items().forEach(item -> records.add(fromItem(item)));
        return records;
    }

    /** Every enforcement point that holds a record, for reconciliation of points not named in the configuration. */
    public Set<String> enforcementPoints() {
        Set<String> points = new TreeSet<>();
        ScanRequest request = ScanRequest.builder().tableName(table).projectionExpression("#point")
                .expressionAttributeNames(Map.of("#point", ENFORCEMENT_POINT)).build();
        dynamo.scanPaginator(request).items().forEach(item -> points.add(item.get(ENFORCEMENT_POINT).s()));
        return points;
    }

    private List<BlockRecord> scanAll(ScanRequest request) {
        List<BlockRecord> records = new ArrayList<>();
        dynamo.scanPaginator(request).items().forEach(item -> records.add(fromItem(item)));
        return records;
    }

    private static Map<String, AttributeValue> key(IpAddress ip, String enforcementPoint) {
        return Map.of(IP, AttributeValue.fromS(ip.toString()), ENFORCEMENT_POINT, AttributeValue.fromS(enforcementPoint));
    }

    static Map<String, AttributeValue> toItem(BlockRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.ip(), record.enforcementPoint()));
        item.put(CREATED_AT, AttributeValue.fromS(record.createdAt().toString()));
        item.put(EXPIRES_AT, AttributeValue.fromS(record.expiresAt().toString()));
        item.put(EXPIRES_AT_MILLIS, number(record.expiresAt().toEpochMilli()));
        item.put(TTL, number(record.ttlEpochSeconds()));
        item.put(FINDING_IDS, AttributeValue.fromL(record.findingIds().stream().map(AttributeValue::fromS).toList()));
        item.put(DRY_RUN, AttributeValue.fromBool(record.dryRun()));
        return item;
    }

    static BlockRecord fromItem(Map<String, AttributeValue> item) {
        List<String> findings = item.containsKey(FINDING_IDS)
                ? item.get(FINDING_IDS).l().stream().map(AttributeValue::s).toList() : List.of();
        AttributeValue dry = item.get(DRY_RUN);
        return new BlockRecord(
                IpAddress.of(item.get(IP).s()),
                item.get(ENFORCEMENT_POINT).s(),
                Instant.parse(item.get(CREATED_AT).s()),
                Instant.parse(item.get(EXPIRES_AT).s()),
                findings,
                dry != null && Boolean.TRUE.equals(dry.bool()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The key a page ended at, as text the state machine can carry; pages continue strictly after it. */
    private record RecordKey(String ip, String point) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((ip + "\n" + point).getBytes(StandardCharsets.UTF_8));
        }

        static RecordKey decode(String cursor) {
            String text;
            try {
                text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a blocklist cursor: " + cursor, e);
            }
            int newline = text.indexOf('\n');
            if (newline <= 0 || newline == text.length() - 1) {
                throw new IllegalArgumentException("not a blocklist cursor: " + cursor);
            }
            return new RecordKey(text.substring(0, newline), text.substring(newline + 1));
        }
    }
}
