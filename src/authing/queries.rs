//! The GraphQL documents sent to Authing, as its SDKs sent them. Each is validated against
//! Authing's published `schema.graphql` by the tests below.

/// Step 1: email a reset code.
pub const SEND_RESET_PASSWORD_EMAIL: &str = "mutation sendResetPasswordEmail($email: String!, $client: String!) { sendResetPasswordEmail(email: $email, client: $client) { message code } }";

/// Step 2: check the code.
pub const VERIFY_RESET_PASSWORD_VERIFY_CODE: &str = "mutation verifyResetPasswordVerifyCode($email: String!, $client: String!, $verifyCode: String!) { verifyResetPasswordVerifyCode(email: $email, client: $client, verifyCode: $verifyCode) { message code } }";

/// Step 3: set the new password (RSA-encrypted, base64).
pub const CHANGE_PASSWORD: &str = "mutation changePassword($email: String!, $client: String!, $password: String!, $verifyCode: String!) { changePassword(email: $email, client: $client, password: $password, verifyCode: $verifyCode) { _id email } }";

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::validation::Valid;
    use apollo_compiler::{ExecutableDocument, Schema};

    const SCHEMA: &str = include_str!("schema.graphql");

    fn schema() -> Valid<Schema> {
        match Schema::parse_and_validate(SCHEMA, "schema.graphql") {
            Ok(schema) => schema,
            // Authing's 2020 schema has small flaws of its own; the documents are still
            // checked against every type and field it declares.
            Err(with_errors) => Valid::assume_valid(with_errors.partial),
        }
    }

    fn validate(document: &str) -> Result<(), String> {
        let schema = schema();
        ExecutableDocument::parse_and_validate(&schema, document, "query.graphql")
            .map(|_| ())
            .map_err(|e| e.errors.to_string())
    }

    #[test]
    fn every_document_is_valid_against_authings_schema() {
        for document in [
            SEND_RESET_PASSWORD_EMAIL,
            VERIFY_RESET_PASSWORD_VERIFY_CODE,
            CHANGE_PASSWORD,
        ] {
            validate(document).unwrap();
        }
    }

    #[test]
    fn the_validator_catches_a_misspelled_field_or_argument() {
        let misspelled_field =
            SEND_RESET_PASSWORD_EMAIL.replace("sendResetPasswordEmail(", "sendResetPasswordMail(");
        assert!(validate(&misspelled_field).is_err());
        let misspelled_argument =
            VERIFY_RESET_PASSWORD_VERIFY_CODE.replace("client: $client", "clientId: $client");
        assert!(validate(&misspelled_argument).is_err());
        let missing_argument = CHANGE_PASSWORD.replace(", verifyCode: $verifyCode", "");
        assert!(validate(&missing_argument).is_err());
    }
}
