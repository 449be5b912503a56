/**
 * Fake credentials for the secret-scan tests: fixed strings, so every run plants exactly the same bytes (a random
 * value can miss a rule in a fraction of runs). Each is well-formed for the rule that must find it, and each is
 * put together from pieces at run time so that no credential-shaped string sits in this repository's own files
 * (its own scanners and push protection stay quiet). None of them was ever valid anywhere.
 */
const j = (...parts: string[]) => parts.join('');

/** 40 characters of base64 that end in a letter (a `\b` must follow the value). */
const AWS_SECRET = j('Qm9vZ3kr', 'ZmFrZS9u', 'b3RyZWFs', 'L2F3cy9r', 'ZXkxMjNa');
const ALNUM36 = j('Zk9rT3', 'dwQmFr', 'ZVRva2', 'VuRm9y', 'VGVzdH', 'MxMjM0');
const PEM_BODY = [
  j('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'BKcwggSjAgEAAoIBAQDfakefakefake0'),
  j('Tm90QVJlYWxLZXlKdXN0VGVzdERhdGFG', 'b3JSb29TZXNzaW9uU2VjcmV0U2NhbjEy'),
  j('MzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9w', 'cXJzdHV2d3h5ekFCQ0RFRkdISUpLTE1O'),
];
/** A PEM private key block (header, body, footer). */
export const PEM = [
  j('-----BEGIN ', 'PRIVATE KEY-----'),
  ...PEM_BODY,
  j('-----END ', 'PRIVATE KEY-----'),
].join('\n');

export type Credential = {
  /** What it is, for the table in the report. */
  kind: string;
  /** The line(s) to plant: the first line is where the finding is. */
  text: string;
  /** The part that must never be printed. */
  secret: string;
  /** The rule expected to block it (`ruleId`, then part of the message for roo's patterns). */
  rule: RegExp;
};

const PATTERN = '@secretlint/secretlint-rule-pattern';

/** Fifteen-plus kinds, each on its own line(s) of a Markdown note. */
export const CREDENTIALS: Credential[] = [
  {
    kind: 'AWS access key ID',
    text: `aws_access_key_id = ${j('AKIA', 'QYLPMN5H', 'HHFPZAM2')}`,
    secret: j('AKIA', 'QYLPMN5H', 'HHFPZAM2'),
    rule: /@secretlint\/secretlint-rule-aws +found AWS Access Key ID/,
  },
  {
    kind: 'AWS secret access key',
    text: `aws_secret_access_key = ${AWS_SECRET}`,
    secret: AWS_SECRET,
    rule: /@secretlint\/secretlint-rule-aws +found AWS Secret Access Key/,
  },
  {
    kind: 'GitHub personal access token',
    text: `export GITHUB_TOKEN=${j('ghp_', ALNUM36)}`,
    secret: j('ghp_', ALNUM36),
    rule: /@secretlint\/secretlint-rule-github +found GitHub Token/,
  },
  {
    kind: 'GitLab personal access token',
    text: `gitlab: ${j('glpat', '-', 'Xk2mP9qR4vT7wY1zB3nL')}`,
    secret: j('glpat', '-', 'Xk2mP9qR4vT7wY1zB3nL'),
    rule: new RegExp(`${PATTERN} +found matching GitLab token`),
  },
  {
    kind: 'Slack bot token',
    text: `slack bot: ${j('xoxb', '-', '2048613579', '-', '4096357913579', '-', 'q2W3e4R5t6Y7u8I9o0P1a2S3')}`,
    secret: j('xoxb', '-', '2048613579', '-', '4096357913579', '-', 'q2W3e4R5t6Y7u8I9o0P1a2S3'),
    rule: /@secretlint\/secretlint-rule-slack +found slack token/i,
  },
  {
    kind: 'Slack incoming webhook',
    text: `alerts go to ${j('https://hooks.slack', '.com/services/', 'T0ABCD1234/B0EFGH5678/', 'x9Y8z7W6v5U4t3S2r1Q0p9O8')}`,
    secret: j('T0ABCD1234/B0EFGH5678/', 'x9Y8z7W6v5U4t3S2r1Q0p9O8'),
    rule: /@secretlint\/secretlint-rule-slack +found Slack Incoming Webhook/i,
  },
  {
    kind: 'Stripe live secret key',
    text: `stripe: ${j('sk_', 'live_', '4eC39HqLyjWDarjtT1zdp7dc', 'Qz9')}`,
    secret: j('sk_', 'live_', '4eC39HqLyjWDarjtT1zdp7dc', 'Qz9'),
    rule: new RegExp(`${PATTERN} +found matching Stripe API key`),
  },
  {
    kind: 'JSON Web Token',
    text: `Authorization: Bearer ${j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiJyb28tdGVzdCIsIm5hbWUiOiJmYWtlIn0', '.', 'c2lnbmF0dXJlLW5vdC1yZWFsLWF0LWFsbA')}`,
    secret: j('eyJzdWIiOiJyb28tdGVzdCIsIm5hbWUiOiJmYWtlIn0', '.', 'c2lnbmF0dXJlLW5vdC1yZWFsLWF0LWFsbA'),
    rule: new RegExp(`${PATTERN} +found matching JSON Web Token`),
  },
  {
    kind: 'private key (PEM)',
    text: PEM,
    secret: PEM_BODY[1]!,
    rule: /@secretlint\/secretlint-rule-privatekey +found private key/,
  },
  {
    kind: '`password=` assignment',
    text: `db_password=${j('Tr0ub4', 'dor&3xQ')}`,
    secret: j('Tr0ub4', 'dor&3xQ'),
    rule: new RegExp(`${PATTERN} +found matching password or secret assignment`),
  },
  {
    kind: '`secret=` assignment',
    text: `client_secret = "${j('9vB2', 'kLq7Mz')}"`,
    secret: j('9vB2', 'kLq7Mz'),
    rule: new RegExp(`${PATTERN} +found matching password or secret assignment`),
  },
  {
    kind: '`api_key=` assignment',
    text: `api_key=${j('mYk3y', '4Pr0d')}`,
    secret: j('mYk3y', '4Pr0d'),
    rule: new RegExp(`${PATTERN} +found matching password or secret assignment`),
  },
  {
    kind: 'PostgreSQL URL with password',
    text: `DATABASE_URL=${j('postgres://', 'app:', 'S3cretPgPw0rd', '@db.internal:5432/app')}`,
    secret: j('S3cretPgPw0rd'),
    rule: /@secretlint\/secretlint-rule-database-connection-string +found PostgreSQL connection string/,
  },
  {
    kind: 'MySQL URL with password',
    text: `mysql: ${j('mysql://', 'root2:', 'My5qlPassw0rd', '@10.0.0.7:3306/shop')}`,
    secret: j('My5qlPassw0rd'),
    rule: /@secretlint\/secretlint-rule-database-connection-string +found MySQL connection string/,
  },
  {
    kind: 'MongoDB URL with password',
    text: `mongo: ${j('mongodb+srv://', 'svc:', 'M0ngoPassw0rd', '@cluster0.mongodb.internal/app')}`,
    secret: j('M0ngoPassw0rd'),
    rule: /@secretlint\/secretlint-rule-database-connection-string +found MongoDB connection string/,
  },
  {
    kind: 'Redis URL with password',
    text: `cache: ${j('redis://', ':R3disPassw0rd', '@cache.internal:6379/0')}`,
    secret: j('R3disPassw0rd'),
    rule: new RegExp(`${PATTERN} +found matching URL with a password`),
  },
  {
    kind: 'npm access token',
    text: `//registry.npmjs.org/:_authToken=${j('npm_', ALNUM36)}`,
    secret: j('npm_', ALNUM36),
    rule: /@secretlint\/secretlint-rule-npm +found/,
  },
  {
    kind: 'OpenAI API key',
    text: `OPENAI: ${j('sk-', 'Ab3De6Gh9Jk2Mn5Pq8St', 'T3Blbk', 'FJ', 'Uv1Wx4Yz7Ab0Cd3Ef6Gh')}`,
    secret: j('Ab3De6Gh9Jk2Mn5Pq8St', 'T3Blbk', 'FJ'),
    rule: /@secretlint\/secretlint-rule-openai +found/,
  },
  {
    kind: 'Anthropic API key',
    text: `ANTHROPIC: ${j('sk-ant-', 'api03-', 'Qw3'.repeat(31), 'AA')}`,
    secret: j('Qw3'.repeat(31), 'AA'),
    rule: /@secretlint\/secretlint-rule-anthropic +found/,
  },
  {
    kind: 'generic high-entropy assignment',
    text: `DEPLOY_TOKEN: ${j('q8Z3rT6w', 'Y1uI4oP7', 'aS0dF3gH', '6jK9lZ2x')}`,
    secret: j('q8Z3rT6w', 'Y1uI4oP7', 'aS0dF3gH', '6jK9lZ2x'),
    rule: new RegExp(`${PATTERN} +found matching credential-like value`),
  },
];

/** A GCP service-account key file (JSON): found by secretlint's GCP rule in a `.json` file. */
export const GCP_KEY_JSON = `${JSON.stringify(
  {
    type: 'service_account',
    project_id: 'roo-fake-project',
    private_key_id: j('3f1c5a', '9e7b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5'),
    private_key: `${PEM}\n`,
    client_email: 'roo-fake@roo-fake-project.iam.gserviceaccount.com',
    client_id: '104729104729104729104',
  },
  null,
  2,
)}\n`;
