/**
 * The ports of the response stack: what the pure services need from the outside world, without saying how. The
 * AWS SDK adapters implement them in the Lambda module; tests use in-memory doubles.
 */
package dev.portcullis.response.port;
