package dev.portcullis.response.config;

/** WAFv2 IP set scope: {@code REGIONAL} (ALB, API Gateway, AppSync) or {@code CLOUDFRONT} (us-east-1 only). */
public record WafSettings(String scope) {

    public static WafSettings defaults() {
        return new WafSettings("REGIONAL");
    }
}
