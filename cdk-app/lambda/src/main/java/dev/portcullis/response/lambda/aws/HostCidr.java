package dev.portcullis.response.lambda.aws;

import dev.portcullis.response.net.IpAddress;
import java.util.Optional;

/** Reads back the single-address CIDRs ({@code /32}, {@code /128}) the enforcers write; anything else is not ours. */
final class HostCidr {
    private HostCidr() {
    }

    static Optional<IpAddress> address(String cidr) {
        if (cidr == null) {
            return Optional.empty();
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String prefix = cidr.substring(slash + 1);
        return IpAddress.parse(cidr.substring(0, slash)).filter(a -> prefix.equals(Integer.toString(a.bitLength())));
    }
}
