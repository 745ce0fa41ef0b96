/** Kinds of credential the scanner names when it refuses a text (never the value itself). */
export const SECRET_KINDS = [
  'private_key',
  'aws_access_key',
  'aws_secret_key',
  'gcp_service_account',
  'gcp_api_key',
  'azure_storage_key',
  'azure_client_secret',
  'github_token',
  'gitlab_token',
  'slack_token',
  'slack_webhook',
  'stripe_key',
  'twilio_key',
  'sendgrid_key',
  'npm_token',
  'pypi_token',
  'openai_key',
  'anthropic_key',
  'huggingface_token',
  'jwt',
  'database_url_password',
  'broker_url_password',
  'basic_auth_url',
  'generic_secret_assignment',
  'other_secret',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** secretlint's rule (and, for AWS, message) to our kind. */
export function kindOfSecretlintMessage(ruleId: string, messageId: string): SecretKind {
  const rule = ruleId.replace('@secretlint/secretlint-rule-', '');
  switch (rule) {
    case 'aws':
      return /secret/i.test(messageId) ? 'aws_secret_key' : 'aws_access_key';
    case 'privatekey':
      return 'private_key';
    case 'gcp':
      return 'gcp_service_account';
    case 'github':
      return 'github_token';
    case 'gitlab':
      return 'gitlab_token';
    case 'slack':
      return /webhook/i.test(messageId) ? 'slack_webhook' : 'slack_token';
    case 'sendgrid':
      return 'sendgrid_key';
    case 'npm':
      return 'npm_token';
    case 'openai':
      return 'openai_key';
    case 'anthropic':
      return 'anthropic_key';
    case 'huggingface':
      return 'huggingface_token';
    case 'basicauth':
      return 'basic_auth_url';
    case 'database-connection-string':
      return 'database_url_password';
    default:
      return 'other_secret';
  }
}
