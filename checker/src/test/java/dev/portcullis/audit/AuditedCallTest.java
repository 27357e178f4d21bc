package dev.portcullis.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.catalog.Revert;
import dev.portcullis.catalog.Rule;
import dev.portcullis.gate.Gate;
import dev.portcullis.response.events.EventPatterns;

/** The audited calls agree with the stack's pattern and with the catalog. */
class AuditedCallTest {

    private static final Catalog CATALOG = new Gate().catalog(List.of());

    @Test
    void everyCallOfThePatternIsMappedAndNothingElse() {
        Set<String> pattern = new TreeSet<>();
        EventPatterns.AUDITED_CALLS.values().forEach(pattern::addAll);
        Set<String> mapped = new TreeSet<>(Arrays.stream(AuditedCall.values()).map(AuditedCall::callName).toList());
        assertEquals(pattern, mapped);
    }

    @Test
    void everyNamedRuleExistsAndAppliesToTheCallsResourceType() {
        List<String> problems = new ArrayList<>();
        for (AuditedCall call : AuditedCall.values()) {
            for (String id : call.rules()) {
                Rule rule = CATALOG.rule(id).orElse(null);
                if (rule == null) {
                    problems.add(call + ": no rule " + id);
                } else if (!rule.resourceTypes().contains(call.resourceType())) {
                    problems.add(call + ": " + id + " does not apply to " + call.resourceType());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void revertsAreDeclaredWhereTheyUndoTheChange() {
        assertEquals(Revert.REVOKE_INGRESS, revert("ec2-sg-no-world-admin-ports"));
        assertEquals(Revert.REVOKE_INGRESS, revert("ec2-sg-no-world-all-ports"));
        assertEquals(Revert.RESTORE_PUBLIC_ACCESS_BLOCK, revert("s3-bucket-block-public-policy"));
        assertEquals(Revert.DELETE_FUNCTION_URL, revert("lambda-url-auth-iam"));
        assertEquals(null, revert("iam-user-no-active-access-keys"));
        // A revert acts on the resource type its call changes: a rule's revert must fit every call naming it.
        for (AuditedCall call : AuditedCall.values()) {
            for (String id : call.rules()) {
                Revert r = revert(id);
                if (r == Revert.REVOKE_INGRESS) {
                    assertEquals("AWS::EC2::SecurityGroup", call.resourceType(), id);
                } else if (r == Revert.RESTORE_PUBLIC_ACCESS_BLOCK) {
                    assertEquals("AWS::S3::Bucket", call.resourceType(), id);
                } else if (r == Revert.DELETE_FUNCTION_URL) {
                    assertEquals("AWS::Lambda::Url", call.resourceType(), id);
                }
            }
        }
        assertTrue(CATALOG.rules().stream().filter(r -> r.revert() != null).count() >= 10);
    }

    @Test
    void lambdaEventNamesCarryAnApiVersion() {
        assertEquals("CreateFunctionUrlConfig",
                EventPatterns.auditedCall("lambda.amazonaws.com", "CreateFunctionUrlConfig20211031").orElseThrow());
        assertTrue(EventPatterns.auditedCall("lambda.amazonaws.com", "CreateFunctionUrlConfigX-1").isEmpty());
        assertTrue(EventPatterns.auditedCall("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress2").isEmpty());
    }

    private static Revert revert(String id) {
        return CATALOG.rule(id).orElseThrow().revert();
    }
}
