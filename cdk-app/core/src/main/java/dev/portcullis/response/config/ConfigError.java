package dev.portcullis.response.config;

/** One configuration problem, naming the key (dotted for nested keys, with list indexes). */
public record ConfigError(String key, String message) {

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
