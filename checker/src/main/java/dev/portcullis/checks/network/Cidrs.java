package dev.portcullis.checks.network;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.resolve.Value;

/** Questions about CIDR values as a template gives them. */
final class Cidrs {

    private Cidrs() {
    }

    /**
     * Is the value the whole internet of its family? MAYBE when the template does not determine it (a parameter
     * without a default); a resource's attribute (a VPC's block) never is.
     */
    static Answer isWorld(Value cidr) {
        if (cidr == null || cidr instanceof Value.Symbolic) {
            return Answer.NO;
        }
        if (cidr instanceof Value.Unknown) {
            return Answer.MAYBE;
        }
        if (cidr instanceof Value.Scalar s) {
            IpBlock block = IpBlock.parse(s.text());
            return Answer.of(block != null && block.isWorld());
        }
        return Answer.NO;
    }
}
