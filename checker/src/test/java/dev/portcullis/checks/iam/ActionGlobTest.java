package dev.portcullis.checks.iam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActionGlobTest {

    @Test
    void wildcardsMatchAnyRunAndOneCharacter() {
        assertTrue(ActionGlob.matches("*", "iam:PassRole"));
        assertTrue(ActionGlob.matches("iam:*", "iam:PassRole"));
        assertTrue(ActionGlob.matches("iam:Pas*", "iam:PassRole"));
        assertTrue(ActionGlob.matches("iam:*Role", "iam:PassRole"));
        assertTrue(ActionGlob.matches("iam:*Ro*", "iam:PassRole"));
        assertTrue(ActionGlob.matches("iam:*Policy*", "iam:CreatePolicyVersion"));
        assertTrue(ActionGlob.matches("iam:Pass?ole", "iam:PassRole"));
        assertFalse(ActionGlob.matches("iam:Pass?ole", "iam:PassRRole"));
        assertFalse(ActionGlob.matches("s3:*", "iam:PassRole"));
        assertFalse(ActionGlob.matches("iam:PassRoles", "iam:PassRole"));
        assertFalse(ActionGlob.matches("iam:Get*", "iam:PassRole"));
    }

    @Test
    void actionNamesCompareWithoutCase() {
        assertTrue(ActionGlob.matches("IAM:passrole", "iam:PassRole"));
        assertTrue(ActionGlob.matches("Iam:PASS*", "iam:PassRole"));
    }

    @Test
    void everythingAndServiceWide() {
        assertTrue(ActionGlob.isEverything("*"));
        assertTrue(ActionGlob.isEverything("**"));
        assertFalse(ActionGlob.isEverything("s3:*"));
        assertTrue(ActionGlob.isServiceWide("s3:*"));
        assertTrue(ActionGlob.isServiceWide("application-autoscaling:*"));
        assertFalse(ActionGlob.isServiceWide("s3:Get*"));
        assertFalse(ActionGlob.isServiceWide(":*"));
        assertFalse(ActionGlob.isServiceWide("s3:"));
    }

    @Test
    void readOnlyNeedsASpelledOutReadVerb() {
        assertTrue(ActionGlob.isReadOnly("s3:GetObject"));
        assertTrue(ActionGlob.isReadOnly("s3:Get*"));
        assertTrue(ActionGlob.isReadOnly("ec2:Describe*"));
        assertTrue(ActionGlob.isReadOnly("dynamodb:BatchGetItem"));
        assertFalse(ActionGlob.isReadOnly("s3:G*"));
        assertFalse(ActionGlob.isReadOnly("s3:*"));
        assertFalse(ActionGlob.isReadOnly("s3:*Object"));
        assertFalse(ActionGlob.isReadOnly("s3:PutObject"));
        assertFalse(ActionGlob.isReadOnly("*"));
    }
}
