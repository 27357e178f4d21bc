package dev.portcullis.response.decision;

import dev.portcullis.response.flowlog.FlowLogRecord;
import dev.portcullis.response.net.IpAddress;

/**
 * A flow-log record that calls for a response to the instance behind its network interface.
 *
 * @param instanceId the instance the interface is attached to (as looked up; in replay the record's
 *                   {@code instance-id} field, or a placeholder naming the interface)
 * @param why        what the record shows, for the notification and the plan
 */
public record FlowLogTrigger(String instanceId, String interfaceId, Kind kind, IpAddress remote, String why,
                             FlowLogRecord record) {

    public enum Kind {
        /** The instance started traffic that was rejected (a security group or network ACL said no). */
        INITIATED_REJECT,
        /** Traffic between the instance and a blocked or known-bad address. */
        KNOWN_BAD_CONTACT
    }
}
