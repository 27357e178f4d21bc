package dev.portcullis.audit;

import java.util.List;

/**
 * What a change event says was changed: the resources (the first is the one the change is about), the ingress
 * permissions it added (security group calls only: a revert revokes only those), and the function and alias of a
 * function URL (URL calls only, for its deletion).
 */
record ChangeDescription(List<ChangedResource> resources, List<Permission> permissions, String functionName,
                         String qualifier) {

    ChangeDescription {
        resources = List.copyOf(resources);
        permissions = List.copyOf(permissions);
    }

    static ChangeDescription of(ChangedResource... resources) {
        return new ChangeDescription(List.of(resources), List.of(), null, null);
    }

    ChangedResource subject() {
        return resources.get(0);
    }
}
