package dev.portcullis.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.portcullis.model.InputException;
import dev.portcullis.model.Template;

/** Parameter precedence (supplied, Default, unknown), list parameters, AllowedValues and pseudo-parameters. */
class ParametersTest {

    private static final String TEMPLATE = """
            Parameters:
              Env:
                Type: String
                Default: dev
                AllowedValues: [dev, prod]
              Name:
                Type: String
              Ids:
                Type: List<AWS::EC2::Subnet::Id>
                Default: subnet-1,subnet-2
              Zones:
                Type: CommaDelimitedList
                AllowedValues: [a, b, c]
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
                Default: /aws/service/ami
            Resources:
              Thing:
                Type: AWS::S3::Bucket
                Properties:
                  Env: !Ref Env
                  Name: !Ref Name
                  Ids: !Ref Ids
                  Zones: !Ref Zones
                  Ami: !Ref Ami
                  Region: !Ref AWS::Region
                  Account: !Ref AWS::AccountId
                  Partition: !Ref AWS::Partition
                  Suffix: !Ref AWS::URLSuffix
                  Stack: !Ref AWS::StackName
                  StackId: !Ref AWS::StackId
                  Topics: !Ref AWS::NotificationARNs
                  Nothing: !Ref AWS::NoValue
            """;

    private static Value.Struct properties(Inputs inputs) {
        Template t = Templates.yaml(TEMPLATE);
        return (Value.Struct) new Resolver(t, inputs).resolve(t.resources().get("Thing").properties(), Scenario.NONE);
    }

    private static String reason(Value v) {
        return ((Value.Unknown) v).reason();
    }

    @Test
    void suppliedValueBeatsDefault() {
        assertEquals("prod", properties(new Inputs(Map.of("Env", "prod"), null, null)).get("Env").toPlain());
        assertEquals("dev", properties(Inputs.NONE).get("Env").toPlain());
    }

    @Test
    void aValuePassedButNotDeterminedIsUnknownAndItsDefaultDoesNotApply() {
        Value.Struct p = properties(new Inputs(Map.of(), null, null,
                Map.of("Env", "passed by its parent stack as ${Bucket.Arn}")));
        assertEquals("parameter Env is passed by its parent stack as ${Bucket.Arn}", reason(p.get("Env")));
        // An undetermined value is not checked against AllowedValues: it may well be one of them.
        assertEquals("dev", properties(Inputs.NONE).get("Env").toPlain());
    }

    @Test
    void noDefaultAndNothingSuppliedIsUnknown() {
        Value.Struct p = properties(Inputs.NONE);
        assertEquals("parameter Name has no default", reason(p.get("Name")));
        assertEquals("parameter Zones has no default", reason(p.get("Zones")));
        assertEquals("bucket", properties(new Inputs(Map.of("Name", "bucket"), null, null)).get("Name").toPlain());
    }

    @Test
    void listParametersAreListsOfTrimmedMembers() {
        Value.Struct p = properties(new Inputs(Map.of("Zones", "a, c"), null, null));
        assertEquals(List.of("subnet-1", "subnet-2"), p.get("Ids").toPlain());
        assertEquals(List.of("a", "c"), p.get("Zones").toPlain());
        assertInstanceOf(Value.Seq.class, p.get("Zones"));
    }

    @Test
    void suppliedValueOutsideAllowedValuesNamesTheParameter() {
        InputException e = assertThrows(InputException.class,
                () -> properties(new Inputs(Map.of("Env", "staging"), null, null)));
        assertTrue(e.getMessage().contains("Env") && e.getMessage().contains("staging"), e.getMessage());
        assertEquals(2, e.line(), "points at the parameter's declaration");
        assertThrows(InputException.class, () -> properties(new Inputs(Map.of("Zones", "a,z"), null, null)));
    }

    @Test
    void ssmParameterTypesAreReadAtDeployment() {
        assertTrue(reason(properties(Inputs.NONE).get("Ami")).contains("SSM parameter store (/aws/service/ami)"));
    }

    @Test
    void pseudoParametersWithoutRegionOrAccount() {
        Value.Struct p = properties(Inputs.NONE);
        assertEquals("AWS::Region is not known; pass --region", reason(p.get("Region")));
        assertEquals("AWS::AccountId is not known; pass --account", reason(p.get("Account")));
        assertEquals("AWS::Partition is not known; pass --region", reason(p.get("Partition")));
        assertInstanceOf(Value.Unknown.class, p.get("Suffix"));
    }

    @Test
    void stackIdentityIsSymbolicAndNoValueRemovesTheProperty() {
        Value.Struct p = properties(Inputs.NONE);
        assertEquals(new Value.Symbolic("${AWS::StackName}", p.get("Stack").span()), p.get("Stack"));
        assertInstanceOf(Value.Symbolic.class, p.get("StackId"));
        assertInstanceOf(Value.Symbolic.class, p.get("Topics"));
        assertEquals(null, p.field("Nothing"));
    }

    @ParameterizedTest
    @CsvSource({
            "us-east-1, aws, amazonaws.com",
            "eu-west-1, aws, amazonaws.com",
            "cn-north-1, aws-cn, amazonaws.com.cn",
            "cn-northwest-1, aws-cn, amazonaws.com.cn",
            "us-gov-west-1, aws-us-gov, amazonaws.com",
            "us-iso-east-1, aws-iso, c2s.ic.gov",
            "us-isob-east-1, aws-iso-b, sc2s.sgov.gov",
    })
    void partitionAndSuffixFollowTheRegion(String region, String partition, String suffix) {
        Value.Struct p = properties(new Inputs(Map.of(), region, "111122223333"));
        assertEquals(region, p.get("Region").toPlain());
        assertEquals("111122223333", p.get("Account").toPlain());
        assertEquals(partition, p.get("Partition").toPlain());
        assertEquals(suffix, p.get("Suffix").toPlain());
    }

    @Test
    void unrecognisedRegionHasUnknownPartition() {
        Value.Struct p = properties(new Inputs(Map.of(), "moon-base", null));
        assertEquals("moon-base", p.get("Region").toPlain());
        assertInstanceOf(Value.Unknown.class, p.get("Partition"));
    }

    @Test
    void transformsThatGenerateResourcesMakeUndeclaredNamesUnknown() {
        Template t = Templates.yaml("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Role: !GetAtt FnRole.Arn
                      Api: !Ref ServerlessRestApi
                """);
        Value.Struct p = (Value.Struct) new Resolver(t, Inputs.NONE).resolve(t.resources().get("Fn").properties(), Scenario.NONE);
        assertInstanceOf(Value.Unknown.class, p.get("Role"));
        assertInstanceOf(Value.Unknown.class, p.get("Api"));
    }
}
