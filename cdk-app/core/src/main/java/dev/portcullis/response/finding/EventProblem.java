package dev.portcullis.response.finding;

/** Why (part of) an event could not be read: the JSON path and what is wrong there. */
public record EventProblem(String path, String reason) {

    @Override
    public String toString() {
        return path.isEmpty() ? reason : path + ": " + reason;
    }
}
