package dev.portcullis.response.port;

import dev.portcullis.response.instance.InstanceFacts;
import dev.portcullis.response.instance.InterfaceFacts;

import java.util.Optional;

/** Looks up instances and network interfaces (EC2 Describe*, Auto Scaling and ELB in AWS). Empty: no such thing. */
public interface InstanceInventory {

    Optional<InstanceFacts> instance(String instanceId);

    Optional<InterfaceFacts> networkInterface(String interfaceId);
}
