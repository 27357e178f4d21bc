package dev.portcullis.checks.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.portcullis.checks.CheckContexts;
import dev.portcullis.engine.ResourceContext;
import dev.portcullis.resolve.Value;

class PartialTextTest {

    private static final String TEMPLATE = """
            Parameters:
              Anything: {Type: String}
              AccountId: {Type: String, AllowedPattern: '^\\d{12}$'}
              Stage: {Type: String, AllowedValues: [dev, prod]}
              Open: {Type: String, AllowedPattern: '.*'}
              Vpc: {Type: 'AWS::EC2::VPC::Id'}
            Mappings:
              Accounts:
                us-east-1: {Elb: '127311923021'}
                eu-west-1: {Elb: '156460612806'}
              Loose:
                us-east-1: {Who: '*'}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Thing:
                Type: Custom::Thing
                Properties:
                  Star: '*'
                  SubArn: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'
                  SubParam: !Sub '${Anything}'
                  SubStars: !Sub '*${Anything}'
                  Escaped: !Sub '${!Literal}-${Anything}'
                  JoinArn: !Join ['', ['arn:', !Ref 'AWS::Partition', ':iam::aws:policy/AdministratorAccess']]
                  Account: !Ref AccountId
                  StageRef: !Ref Stage
                  OpenRef: !Ref Open
                  VpcRef: !Ref Vpc
                  Attribute: !GetAtt Bucket.Arn
                  Imported: !ImportValue shared-role-arn
                  FromMap: !FindInMap [Accounts, !Ref 'AWS::Region', Elb]
                  FromLooseMap: !FindInMap [Loose, !Ref 'AWS::Region', Who]
                  Pieces: !Select [0, !Split [',', !Ref AccountId]]
            """;

    private static PartialText text(String property) {
        ResourceContext c = CheckContexts.of(TEMPLATE, "Thing");
        Value v = ((Value.Struct) c.properties()).get(property);
        return PartialText.of(v, new Sources(c.template(), c.resource()));
    }

    @Test
    void literalsAreWholeText() {
        assertEquals("*", text("Star").literal());
        assertEquals(Answer.YES, text("Star").isWildcard());
    }

    @Test
    void fixedTextOfASubRulesOutAWildcard() {
        PartialText arn = text("SubArn");
        assertNull(arn.literal());
        assertEquals("arn:${AWS::Partition}:s3:::${Bucket}/*", arn.display());
        assertEquals(Answer.NO, arn.isWildcard());
        assertFalse(arn.hasOpenGap());
    }

    @Test
    void anOpenParameterMayBeAnything() {
        assertEquals(Answer.MAYBE, text("SubParam").isWildcard());
        assertEquals(Answer.MAYBE, text("SubStars").isWildcard());
        assertEquals(Answer.NO, text("Escaped").isWildcard());
        assertEquals("${Literal}-${Anything}", text("Escaped").display());
        assertEquals(Answer.MAYBE, text("OpenRef").isWildcard(), "a pattern that admits any character");
    }

    @Test
    void constrainedParametersAreNotWildcards() {
        assertEquals(Answer.NO, text("Account").isWildcard());
        assertEquals(Answer.NO, text("StageRef").isWildcard());
        assertEquals(Answer.NO, text("VpcRef").isWildcard());
        assertEquals(Answer.NO, text("Pieces").isWildcard(), "a piece of a twelve-digit list");
    }

    @Test
    void resourceAttributesImportsAndMappingsWithoutStars() {
        assertEquals(Answer.NO, text("Attribute").isWildcard());
        assertEquals(Answer.NO, text("Imported").isWildcard());
        assertEquals(Answer.NO, text("FromMap").isWildcard());
        assertEquals(Answer.MAYBE, text("FromLooseMap").isWildcard(), "the mapping holds a *");
    }

    @Test
    void suffixesSurviveGaps() {
        assertEquals(Answer.YES, text("JoinArn").endsWithIgnoreCase(":policy/administratoraccess"));
        assertEquals(Answer.NO, text("SubArn").endsWithIgnoreCase(":policy/AdministratorAccess"));
        assertEquals(Answer.MAYBE, text("SubParam").endsWithIgnoreCase(":policy/AdministratorAccess"));
    }

    @Test
    void regexReadingIsConservative() {
        assertTrue(ParameterConstraints.cannotMatchStar("^\\d{12}$"));
        assertTrue(ParameterConstraints.cannotMatchStar("^(\\d{12})$|^((\\d{12}(,|, ))*\\d{12})$"));
        assertTrue(ParameterConstraints.cannotMatchStar("[a-z0-9-]+"));
        assertFalse(ParameterConstraints.cannotMatchStar(".+"));
        assertFalse(ParameterConstraints.cannotMatchStar("[^,]+"));
        assertFalse(ParameterConstraints.cannotMatchStar("[*a-z]+"));
        assertFalse(ParameterConstraints.cannotMatchStar("\\S+"));
        assertFalse(ParameterConstraints.cannotMatchStar("\\*"));
        assertFalse(ParameterConstraints.cannotMatchStar("(?i)abc"));
        assertFalse(ParameterConstraints.cannotMatchStar("[a-z"));
    }
}
