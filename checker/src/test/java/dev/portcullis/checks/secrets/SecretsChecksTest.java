package dev.portcullis.checks.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.portcullis.catalog.NoParams;
import dev.portcullis.catalog.Violations;
import dev.portcullis.checks.CheckContexts;

class SecretsChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"MasterUserPassword", "AuthToken", "PrivateKey", "HECToken", "DB_PASSWORD", "api-key",
            "ClientSecret", "TokenKey", "SecretString", "AWS_SECRET_ACCESS_KEY", "aws_session_token", "Passwords",
            "OAuthToken", "jwtSecret", "PreSharedKey", "AWS_ACCESS_KEY_ID", "GenerateSecretString"})
    void secretNames(String name) {
        assertTrue(SecretName.isSecret(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PasswordLength", "SecretArn", "TOKEN_TABLE", "KmsKeyId", "TokenKeyId", "ClientToken",
            "ServiceToken", "ManageMasterUserPassword_Enabled", "MasterUsername", "SecretsManagerArn", "PublicKey",
            "PasswordResetRequired", "ACCESS_KEY_ID", ""})
    void namesThatAreNotSecrets(String name) {
        assertFalse(SecretName.isSecret(name), name);
    }

    @Test
    void wordsSplitOnCaseAndSeparators() {
        assertEquals(List.of("hec", "token"), SecretName.words("HECToken"));
        assertEquals(List.of("master", "user", "password"), SecretName.words("MasterUserPassword"));
        assertEquals(List.of("db", "password", "2"), SecretName.words("db_password-2"));
        assertEquals(List.of("o", "auth", "token"), SecretName.words("OAuthToken"));
    }

    @Test
    void credentialShapes() {
        assertEquals("access key id", AwsCredentials.credentialIn("key=AKIA2OGYBAH6STMMNXNN", null));
        assertEquals("access key id", AwsCredentials.credentialIn("ASIAY34FZKBOKMUTVV7A", null));
        assertNull(AwsCredentials.credentialIn("AKIAIOSFODNN7EXAMPLE", null), "the documentation's example");
        assertNull(AwsCredentials.credentialIn("XAKIA2OGYBAH6STMMNXNN", null), "inside a longer word");
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzRQ9xTb4kA";
        assertEquals("secret access key", AwsCredentials.credentialIn("aws_secret_access_key = " + secret, null));
        assertEquals("secret access key", AwsCredentials.credentialIn(secret, "UploaderSecret"));
        assertNull(AwsCredentials.credentialIn(secret, "Checksum"), "a random string alone is not a key");
        assertNull(AwsCredentials.credentialIn("secret: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", null),
                "a hex digest has no upper case");
    }

    @Test
    void secretPropertiesByHowTheValueIsWritten() {
        String yaml = """
                Parameters:
                  Quiet: {Type: String, NoEcho: true}
                  QuietWithDefault: {Type: String, NoEcho: true, Default: hunter2}
                  Loud: {Type: String}
                Resources:
                  Db:
                    Type: AWS::RDS::DBCluster
                    Properties:
                      Engine: aurora-postgresql
                      MasterUsername: app
                      MasterUserPassword: !Ref Quiet
                      ManageMasterUserPassword: false
                  Other:
                    Type: AWS::DMS::Endpoint
                    Properties:
                      EndpointType: source
                      EngineName: mysql
                      Password: !Ref QuietWithDefault
                      MongoDbSettings: {Password: !Ref Loud}
                      KafkaSettings: {SaslPassword: '{{resolve:ssm-secure:/kafka/password:1}}'}
                      RedshiftSettings: {SecretsManagerSecretId: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:x'}
                """;
        assertEquals(List.of(), CheckContexts.run(new SecretProperties(), new NoParams(), yaml, "Db").all());
        Violations v = CheckContexts.run(new SecretProperties(), new NoParams(), yaml, "Other");
        assertEquals(List.of("Password", "MongoDbSettings/Password"), v.all().stream().map(x -> x.path()).toList());
        assertEquals("parameter QuietWithDefault, which has a Default", v.all().get(0).args().get("how"));
        assertEquals("parameter Loud, which is not NoEcho", v.all().get(1).args().get("how"));
    }
}
