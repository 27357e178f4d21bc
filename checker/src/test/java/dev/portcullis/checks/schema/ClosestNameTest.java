package dev.portcullis.checks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClosestNameTest {

    private static final List<String> S3 = List.of("BucketEncryption", "BucketName", "VersioningConfiguration",
            "LoggingConfiguration", "Tags");

    @Test
    void swappedLettersCountAsOneEdit() {
        assertEquals(1, ClosestName.distance("encrpytion", "encryption", 3));
        assertEquals(Optional.of("BucketEncryption"), ClosestName.among("BucketEncrpytion", S3));
    }

    @Test
    void caseOnlyDifferenceWins() {
        assertEquals(Optional.of("BucketName"), ClosestName.among("BUCKETNAME", S3));
    }

    @Test
    void insertionsDeletionsAndSubstitutionsAreCounted() {
        assertEquals(2, ClosestName.distance("tag", "tags!", 5));
        assertEquals(3, ClosestName.distance("kitten", "sitting", 5));
        assertEquals(0, ClosestName.distance("", "", 1));
    }

    @Test
    void distanceStopsCountingPastTheLimit() {
        assertEquals(2, ClosestName.distance("abcdef", "uvwxyz", 1));
    }

    @Test
    void distantNamesGetNoSuggestion() {
        assertEquals(Optional.empty(), ClosestName.among("Encryption", S3));
        assertEquals(Optional.empty(), ClosestName.among("Tax", List.of("Tags", "Name")));
        assertEquals(Optional.empty(), ClosestName.among("Xy", List.of("Tags")));
    }

    @Test
    void tinyNamesMatchOnlyByCaseShortNamesAllowOneEditLongNamesUpToThree() {
        assertEquals(0, ClosestName.allowedEdits(2));
        assertEquals(Optional.empty(), ClosestName.among("Ix", List.of("Id")));
        assertEquals(Optional.of("Id"), ClosestName.among("ID", List.of("Id")));
        assertEquals(1, ClosestName.allowedEdits(3));
        assertEquals(2, ClosestName.allowedEdits(9));
        assertEquals(3, ClosestName.allowedEdits(40));
        assertEquals(Optional.of("Tags"), ClosestName.among("Tag", List.of("Tags", "Name")));
        assertEquals(Optional.empty(), ClosestName.among("Tg", List.of("Tags")));
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstCandidate() {
        assertEquals(Optional.of("Abc"), ClosestName.among("Abd", List.of("Abe", "Abc")));
    }
}
