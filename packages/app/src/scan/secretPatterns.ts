/**
 * roo's own patterns for `@secretlint/secretlint-rule-pattern`: only credentials that no secretlint rule package
 * covers (see secretScan.ts for the rules used). Each is a RegExp-like string (`/…/flags`, run with `u` and `g`
 * added). They are written to stay linear: no nested quantifiers, bounded repeats.
 */

// Names of settings that hold a password or secret: DB_PASSWORD, client_secret, api-key, X_AUTH_TOKEN, ….
// A match starts at the keyword (whatever prefixes it): a pattern that starts with a literal word is cheap to
// run over a multi-megabyte log, one that starts with a character class is not.
const SECRET_NAME =
  '(?:password|passwd|passphrase|pwd|secret|api[_\\-]?key|apikey|auth[_\\-]?token|' +
  'access[_\\-]?token|refresh[_\\-]?token|private[_\\-]?key)';

// What a value must not start with to count: a variable, a template, a mask, a call, a documentation stand-in.
const NOT_PLACEHOLDER =
  '(?![$<{%*\\[(]|\\.\\.\\.|(?:None|null|nil|undefined|true|false|os\\.|process\\.env|ENV\\[|getenv|' +
  'redacted|changeme|placeholder|example|your[_\\-]|x{3,})|[A-Za-z_][A-Za-z0-9_.]{0,60}\\()';

export const SECRET_PATTERNS: { name: string; patterns: string[] }[] = [
  {
    name: 'Stripe API key',
    patterns: [
      '/(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{16,247}(?![0-9A-Za-z])/',
      '/(?<![A-Za-z0-9])whsec_[0-9A-Za-z]{24,128}(?![0-9A-Za-z])/',
    ],
  },
  {
    name: 'JSON Web Token',
    patterns: [
      '/(?<![A-Za-z0-9_\\-])eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{0,1024}/',
    ],
  },
  {
    name: 'GitLab token',
    patterns: [
      '/(?<![A-Za-z0-9_\\-])(?:glpat|gldt|glrt|glptt|glft|glsoat|glcbt|gloas|glimt|glagent)-[A-Za-z0-9_\\-]{20,128}/',
      '/(?<![A-Za-z0-9])GR1348941[A-Za-z0-9_\\-]{20,64}/',
    ],
  },
  {
    name: 'private key',
    patterns: ['/-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/'],
  },
  {
    name: 'password or secret assignment',
    patterns: [
      // password=…, SECRET := …, api_key => …, "client_secret" = "…"
      `/${SECRET_NAME}["']?[ \\t]{0,8}(?:=|:=|=>)[ \\t]{0,8}["']?${NOT_PLACEHOLDER}[^\\s'"\`,;]{6,512}/i`,
      // "password": "…" and password: '…' (JSON, YAML): a quoted value only, so `password: string` is no finding.
      `/${SECRET_NAME}["']?[ \\t]{0,8}:[ \\t]{0,8}["']${NOT_PLACEHOLDER}[^\\s'"]{6,512}["']/i`,
    ],
  },
  {
    name: 'credential-like value',
    patterns: [
      // DEPLOY_KEY=…, SERVICE_TOKEN: "…": a long run of letters and digits (both) under a credential-like name.
      '/(?:key|token|secret|credentials?|auth|pass)[A-Za-z0-9_.\\-]{0,30}' +
        '["\']?[ \\t]{0,8}(?:=|:=|=>|:)[ \\t]{0,8}["\']?' +
        '(?=[A-Za-z0-9+/_=.\\-]{0,512}[0-9])(?=[A-Za-z0-9+/_=.\\-]{0,512}[A-Za-z])[A-Za-z0-9+/_=.\\-]{24,512}/i',
    ],
  },
  {
    name: 'URL with a password',
    patterns: [
      // redis://:pw@host, amqp://user:pw@host, https://user:p%40ss@host, …; secretlint's own rules cover some.
      '/:\\/\\/(?<=[A-Za-z][A-Za-z0-9+.\\-]{0,20}:\\/\\/)[^\\s:\\/@\'"<>`]{0,100}:' +
        '(?![$<{%*]|(?:password|pass|secret|pwd)@)[^\\s@\\/\'"<>`]{3,200}@[^\\s\\/@\'"<>`]{1,200}/',
    ],
  },
];
