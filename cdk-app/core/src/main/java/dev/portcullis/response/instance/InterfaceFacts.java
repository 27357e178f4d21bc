package dev.portcullis.response.instance;

import dev.portcullis.response.net.IpAddress;

import java.util.Optional;
import java.util.Set;

/**
 * A network interface named in a flow-log record, as {@code DescribeNetworkInterfaces} describes it: the instance it
 * is attached to (none for NAT gateways, load balancers, Lambda and other managed interfaces) and its own private
 * addresses, which tell which side of a record is ours.
 *
 * @param assumed true when nothing was looked up (replay without AWS): the instance comes from the record's
 *                {@code instance-id} field, if any, and the addresses are not known
 */
public record InterfaceFacts(String interfaceId, Optional<String> instanceId, Set<IpAddress> addresses,
                             boolean assumed) {

    public InterfaceFacts {
        addresses = Set.copyOf(addresses);
    }
}
