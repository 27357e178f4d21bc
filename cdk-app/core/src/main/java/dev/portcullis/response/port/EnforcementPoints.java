package dev.portcullis.response.port;

import dev.portcullis.response.plan.PlannedAction.BlockIp;

import java.util.Optional;

/**
 * Where a block-ip action is enforced: the configured rule group or IP sets, or for NACL the ACL of the attacked
 * instance's subnet (which needs an EC2 lookup, hence a port). Empty when there is none, e.g. a NACL block for a
 * finding that names no instance.
 */
@FunctionalInterface
public interface EnforcementPoints {

    Optional<EnforcementPoint> resolve(BlockIp block);
}
