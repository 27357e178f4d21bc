package dev.portcullis.response.finding;

import dev.portcullis.response.net.IpAddress;

import java.util.Optional;

/**
 * A remote IP exactly as the finding gave it, with where it was found. The text is kept raw so that an invalid
 * value can be reported in a skip reason; {@link #address()} parses it (literals only, never DNS).
 *
 * @param text     the value of the field, or the JSON text of a non-string value
 * @param location the action block it came from
 * @param path     the JSON path in the event, e.g. {@code detail.service.action.portProbeAction.portProbeDetails[1]...}
 */
public record RemoteIp(String text, IpLocation location, String path) {

    public Optional<IpAddress> address() {
        return IpAddress.parse(text);
    }
}
