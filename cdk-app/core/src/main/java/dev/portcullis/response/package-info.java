/**
 * The response stack's core: typed findings, the pure block decision, configuration, EventBridge patterns and the
 * ports that the AWS adapters implement. Nothing here imports the AWS SDK or the CDK, so all of it runs in plain
 * unit tests and in {@code portcullis replay}.
 */
package dev.portcullis.response;
