package dev.portcullis.checks.iam;

import dev.portcullis.checks.values.Answer;
import dev.portcullis.checks.values.PartialText;
import dev.portcullis.checks.values.Sources;
import dev.portcullis.resolve.Value;

/**
 * Whether a statement's {@code Principal} names everyone: {@code "*"}, or {@code *} among the {@code AWS}
 * principals ({@code {AWS: "*"}}, {@code {AWS: [..., "*"]}}). Service, federated and canonical-user principals
 * name specific parties.
 */
final class Principals {

    private Principals() {
    }

    static PublicGrant everyone(Value principal, String path, Sources sources) {
        if (principal == null) {
            return PublicGrant.NONE;
        }
        if (principal instanceof Value.Struct struct) {
            Value aws = struct.get("AWS");
            return aws == null ? PublicGrant.NONE : anyWildcard(aws, path + "/AWS", sources);
        }
        return anyWildcard(principal, path, sources);
    }

    private static PublicGrant anyWildcard(Value value, String path, Sources sources) {
        if (value instanceof Value.Seq seq) {
            PublicGrant best = PublicGrant.NONE;
            for (int i = 0; i < seq.items().size(); i++) {
                PublicGrant e = anyWildcard(seq.items().get(i), path + "/" + i, sources);
                if (e.answer() == Answer.YES) {
                    return e;
                }
                if (e.answer() == Answer.MAYBE && best.answer() == Answer.NO) {
                    best = e;
                }
            }
            return best;
        }
        if (value instanceof Value.Struct) {
            return PublicGrant.NONE;
        }
        Answer a = PartialText.of(value, sources).isWildcard();
        return a == Answer.NO ? PublicGrant.NONE : new PublicGrant(a, value, path);
    }
}
