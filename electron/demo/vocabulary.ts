/**
 * Word lists behind the simulated inventory. Repository slugs are `stem-suffix` pairs so they
 * read like a real company's repositories (payments-api, terraform-modules, android-app).
 */
export interface ProjectTemplate {
  key: string;
  name: string;
  description: string;
  /** Relative share of the repositories. */
  weight: number;
  stems: readonly string[];
  suffixes: readonly string[];
}

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  {
    key: 'PLAT',
    name: 'Platform',
    description: 'Core services and shared libraries',
    weight: 14,
    stems: ['platform', 'auth', 'identity', 'gateway', 'config', 'scheduler', 'discovery', 'feature-flags', 'tenant', 'audit', 'notification', 'search'],
    suffixes: ['service', 'api', 'lib', 'sdk', 'client', 'operator', 'worker', 'proxy'],
  },
  {
    key: 'PAY',
    name: 'Payments',
    description: 'Card processing, ledger and billing',
    weight: 12,
    stems: ['payments', 'ledger', 'billing', 'invoice', 'checkout', 'refund', 'fraud', 'settlement', 'card-vault', 'wallet', 'payout', 'currency'],
    suffixes: ['api', 'service', 'worker', 'gateway', 'lib', 'jobs', 'adapter', 'reconciler'],
  },
  {
    key: 'MOB',
    name: 'Mobile',
    description: 'Android apps and shared mobile code',
    weight: 8,
    stems: ['android', 'mobile', 'push', 'deep-link', 'offline-sync', 'wear', 'kotlin', 'app-config'],
    suffixes: ['app', 'sdk', 'lib', 'tools', 'ui-kit', 'bridge', 'tests', 'release'],
  },
  {
    key: 'DATA',
    name: 'Data Engineering',
    description: 'Pipelines, warehouse models and connectors',
    weight: 11,
    stems: ['etl', 'warehouse', 'ingest', 'kafka-connect', 'spark', 'airflow', 'dbt', 'lakehouse', 'events', 'cdc', 'metrics', 'reporting'],
    suffixes: ['pipelines', 'jobs', 'models', 'connectors', 'schemas', 'dags', 'service', 'utils'],
  },
  {
    key: 'INFRA',
    name: 'Infrastructure',
    description: 'Provisioning, clusters and build agents',
    weight: 10,
    stems: ['terraform', 'ansible', 'helm', 'k8s', 'packer', 'vault', 'dns', 'network', 'ci-runners', 'bastion'],
    suffixes: ['modules', 'charts', 'playbooks', 'config', 'images', 'tooling', 'operator', 'bootstrap'],
  },
  {
    key: 'WEB',
    name: 'Web',
    description: 'Customer-facing web applications',
    weight: 10,
    stems: ['web', 'storefront', 'admin-console', 'design-system', 'landing', 'customer-portal', 'marketing', 'account'],
    suffixes: ['app', 'ui', 'components', 'frontend', 'bff', 'e2e', 'assets', 'widgets'],
  },
  {
    key: 'SEC',
    name: 'Security',
    description: 'Scanning, secrets and access policies',
    weight: 6,
    stems: ['secrets', 'sast', 'dependency', 'iam', 'pki', 'threat', 'compliance', 'siem', 'policy'],
    suffixes: ['rules', 'scanner', 'service', 'tools', 'policies', 'audit', 'agent', 'automation'],
  },
  {
    key: 'QA',
    name: 'Quality Assurance',
    description: 'Test suites and harnesses',
    weight: 7,
    stems: ['e2e', 'load', 'contract', 'regression', 'smoke', 'perf', 'api', 'ui'],
    suffixes: ['tests', 'suite', 'harness', 'fixtures', 'framework', 'data', 'runner', 'reports'],
  },
  {
    key: 'ML',
    name: 'Machine Learning',
    description: 'Models, training and serving',
    weight: 7,
    stems: ['recommender', 'ranking', 'feature-store', 'embeddings', 'forecast', 'churn', 'nlp', 'vision'],
    suffixes: ['service', 'training', 'notebooks', 'pipelines', 'serving', 'experiments', 'models', 'eval'],
  },
  {
    key: 'OPS',
    name: 'Operations',
    description: 'Monitoring, alerting and runbooks',
    weight: 8,
    stems: ['monitoring', 'alerting', 'runbooks', 'oncall', 'incident', 'backup', 'logging', 'status-page', 'capacity', 'grafana'],
    suffixes: ['config', 'dashboards', 'scripts', 'bot', 'exporter', 'automation', 'rules', 'tools'],
  },
  {
    key: 'DOCS',
    name: 'Documentation',
    description: 'Developer portal and handbooks',
    weight: 3,
    stems: ['developer-portal', 'api-docs', 'handbook', 'architecture', 'adr', 'style-guide', 'onboarding', 'release-notes'],
    suffixes: ['site', 'content', 'templates', 'docs'],
  },
  {
    key: 'IOS',
    name: 'iOS',
    description: 'iPhone and iPad apps',
    weight: 4,
    stems: ['ios', 'swift', 'watchos', 'widgets', 'ipad'],
    suffixes: ['app', 'kit', 'sdk', 'ui', 'extensions', 'tests', 'fastlane'],
  },
];

/** Used once every stem-suffix pair of a project is taken. */
export const SLUG_VARIANTS: readonly string[] = ['legacy', 'v2', 'next', 'old', 'poc', 'migration'];

export const FIRST_NAMES: readonly string[] = [
  'Anna',
  'Ben',
  'Chloe',
  'Daniel',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kavya',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Samir',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Yusuf',
  'Zoe',
];
export const LAST_NAMES: readonly string[] = [
  'Andersen',
  'Baker',
  'Costa',
  'Dubois',
  'Eriksson',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Virtanen',
  'Weber',
  'Zhang',
];

/** The fleet's primaries, in order; more primaries than listed get numbered names. */
export const PRIMARY_NAMES: readonly { id: string; name: string }[] = [
  { id: 'prod-eu', name: 'Production EU' },
  { id: 'prod-us', name: 'Production US' },
  { id: 'prod-apac', name: 'Production APAC' },
  { id: 'staging', name: 'Staging' },
  { id: 'dr', name: 'Disaster recovery' },
];

/**
 * Bitbucket versions by primary index: a multi-primary demo shows mixed versions. The second is
 * older than 7.4, so the default demo has both SCM cache generations: ref-advertisement caching
 * (its endpoints answer 404 from 7.4 on) and the repository-listing statistics of later versions.
 * The simulated inventory API is the 8.x one on every version (`archived` is accepted throughout).
 */
export const PRIMARY_VERSIONS: readonly { version: string; buildDate: string }[] = [
  { version: '8.19.5', buildDate: '1716862431000' },
  { version: '7.3.1', buildDate: '1592905361000' },
  { version: '9.4.22', buildDate: '1783935727556' },
  { version: '8.9.22', buildDate: '1721203856000' },
  { version: '9.6.1', buildDate: '1747313194000' },
  { version: '8.14.6', buildDate: '1698661240000' },
];
