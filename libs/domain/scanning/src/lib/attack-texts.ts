import { PiiKind } from './pii';
import { SecretKind } from './secret-kinds';

export interface AttackText {
  name: string;
  /** The detector or redaction rule the text is made against (`any`: a shape that troubles patterns in general). */
  target: SecretKind | PiiKind | 'any';
  text: string;
}

/**
 * Texts built to make a regular expression backtrack or move super-linearly: long runs of the
 * characters that a pattern's quantifiers accept, behind the prefix that starts it and without
 * the ending it needs (or with one that rejects the match at the last character). The specs run
 * every detector and redaction rule over each of them, and the scanning benchmark times them.
 */
export function attackTexts(length = 50_000): AttackText[] {
  const run = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const after = (prefix: string, unit: string, end: string) => (prefix + run(unit)).slice(0, length - end.length) + end;
  const any = (unit: string): AttackText => ({ name: `${JSON.stringify(unit)} repeated`, target: 'any', text: run(unit) });
  const at = (target: AttackText['target'], prefix: string, unit: string, end = ''): AttackText => ({
    name: `${JSON.stringify(prefix)} then ${JSON.stringify(unit)} repeated${end ? ` then ${JSON.stringify(end)}` : ''}`,
    target,
    text: after(prefix, unit, end),
  });
  return [
    ...['a', 'A', '0', 'a0', ' ', '\n', '-', '_', '.', '<', '{', '$', '*', 'x', 'Aa0+/', 'a:', '://', '"', "'"].map(any),
    at('private_key', '-----BEGIN ', 'A '),
    at('private_key', '', '-----BEGIN A '),
    at('aws_access_key', '', 'AKIA'),
    at('aws_secret_key', 'aws_secret_access_key', ' '),
    at('aws_secret_key', 'aws_secret_access_key = ', 'A'),
    at('gcp_api_key', 'AIza', 'a-'),
    at('gcp_service_account', '', '"type": "service_account", '),
    at('gcp_service_account', '"type"', ' '),
    at('azure_storage_key', 'AccountKey=', 'A'),
    at('azure_storage_key', 'SharedAccessKey=', 'A+'),
    at('azure_client_secret', 'AZURE_CLIENT_SECRET=', 'a.'),
    at('github_token', 'ghp_', 'a'),
    at('github_token', 'github_pat_', 'a_'),
    at('gitlab_token', '', 'glpat-'),
    at('slack_token', 'xoxb-', '-'),
    at('slack_webhook', 'https://hooks.slack.com/services/', 'a/'),
    at('stripe_key', '', 'sk_live_'),
    at('stripe_key', 'whsec_', 'a'),
    at('twilio_key', 'SK', '0'),
    at('twilio_key', '', 'auth_token='),
    at('sendgrid_key', 'SG.', 'a'),
    at('sendgrid_key', '', 'SG.aaaaaaaaaaaaaaaa.'),
    at('npm_token', 'npm_', 'a'),
    at('npm_token', '_authToken=', 'a'),
    at('pypi_token', 'pypi-AgE', 'a'),
    at('openai_key', '', 'sk-'),
    at('openai_key', '', 'sk-ant-'),
    at('anthropic_key', 'sk-ant-api03-', 'a'),
    at('huggingface_token', 'hf_', 'a'),
    at('jwt', '', 'eyJ'),
    at('jwt', 'eyJaaaaaaaa.eyJ', 'a'),
    at('jwt', '', 'eyJaaaaaaaa.'),
    at('database_url_password', 'postgres://', 'a'),
    at('database_url_password', 'postgres://a:', 'a:'),
    at('database_url_password', '', 'mysql://a:'),
    at('broker_url_password', 'redis://:', 'a'),
    at('broker_url_password', '', 'amqp://a:b'),
    at('basic_auth_url', 'http://', 'a'),
    at('basic_auth_url', 'https://a:', 'a'),
    at('basic_auth_url', '', 'http://a:'),
    at('generic_secret_assignment', '', 'token-'),
    at('generic_secret_assignment', 'password=', 'a'),
    at('generic_secret_assignment', 'password=', 'Aa'),
    at('generic_secret_assignment', 'password=', 'a', '!'),
    at('generic_secret_assignment', 'password = "', 'Ab1', '!'),
    at('generic_secret_assignment', '', 'password '),
    at('generic_secret_assignment', '', 'password is '),
    at('generic_secret_assignment', 'password', ' '),
    at('generic_secret_assignment', '', 'secret: '),
    at('generic_secret_assignment', '', 'api_key='),
    at('email', '', 'a@a.a'),
    at('email', '', 'a.'),
    at('email', 'a@', 'a.'),
    at('email', 'a@a', '.a', '.1'),
    at('email', '', 'a-'),
    at('email', '', 'a@'),
    at('email', '', '@a.'),
    at('home_directory_user', '', '/home/'),
    at('home_directory_user', '/home/', 'a'),
    at('home_directory_user', '', 'C:\\Users\\'),
    at('ip_address', '', '1.'),
    at('ip_address', '', '1.1.1.1.'),
    at('phone_number', '', '+1 '),
    at('phone_number', '', '123-'),
    at('phone_number', '', '(123) '),
  ];
}
