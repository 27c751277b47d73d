import { REQUEST_NAMES, type RequestArgs, type RequestName } from '../../shared/contract';

const primary = {
  id: 'prod',
  name: 'Production',
  baseUrl: 'https://bitbucket.example.com',
  read: { kind: 'none' },
  admin: { kind: 'none' },
} as const;

/**
 * The smallest valid arguments of every contract request, for tests that must get past
 * validation (dispatch parity, adversarial calls). A new request without an entry here fails
 * those tests by name.
 */
export const VALID_ARGS: { [N in RequestName]: RequestArgs<N> } = {
  getSnapshot: {},
  getHistory: { targetId: 'prod', metric: 'nodes.up', rangeSeconds: 60 },
  pollNow: {},
  getAuditLog: {},
  getDemoState: {},
  getSession: {},
  getHostLink: {},
  connectCollector: { url: 'https://collector.example.com:4780/', token: 'team-token-0123456789abcdef' },
  disconnectCollector: {},
  setDemoFault: { targetId: 'prod', fault: { kind: 'server-error' }, enabled: true },
  getSettings: {},
  savePrimary: { primary },
  removePrimary: { id: 'prod' },
  saveStorage: { source: { id: 'shared-home' } },
  removeStorage: { id: 'shared-home' },
  setPollInterval: { seconds: 15 },
  testConnection: { primary },
  exportConfig: {},
  importConfig: { yaml: 'primaries: []' },
  clearCache: { primaryId: 'prod' },
  setCacheTtl: { primaryId: 'prod', cache: 'upload-pack', seconds: 60 },
  setCacheEnabled: { primaryId: 'prod', cache: 'upload-pack', enabled: true },
  setCacheProtocol: { primaryId: 'prod', protocol: 'http', enabled: true },
  getCacheRepositories: { primaryId: 'prod' },
  getCacheRepository: { primaryId: 'prod', projectKey: 'PLAT', repoSlug: 'api' },
  getCacheHistory: { primaryId: 'prod', rangeSeconds: 60 },
  acceptMirrorRequest: { primaryId: 'prod', requestId: '1' },
  rejectMirrorRequest: { primaryId: 'prod', requestId: '1' },
  setMirrorProjects: { primaryId: 'prod', mirrorId: 'm1', mode: 'ALL_PROJECTS' },
  removeMirror: { primaryId: 'prod', mirrorId: 'm1' },
  getMirrorRepos: { farmId: 'm1' },
  getMirrorHistory: { farmId: 'm1', metric: 'mirror.queue', rangeSeconds: 60 },
  getMirrorProjects: { primaryId: 'prod' },
  getStorageHistory: { storageId: 'shared-home', volume: 'bbshared', metric: 'heal.pending', rangeSeconds: 60 },
  getRepositoryIndex: {},
  getRepository: { projectKey: 'WEB', repoSlug: 'web-ui' },
  getRepositoryHistory: { primaryId: 'prod', projectKey: 'WEB', repoSlug: 'web-ui', rangeSeconds: 3_600 },
  shiftDemoClock: { seconds: 60 },
  getEvents: {},
  getAlertHistory: {},
  acknowledgeAlert: { fingerprint: 'prod:down' },
  silenceAlerts: { matcher: { targetId: 'prod' }, durationSeconds: 60 },
  expireSilence: { silenceId: 's1' },
  probeClone: { projectKey: 'WEB', repoSlug: 'web-ui' },
  cancelProbe: { projectKey: 'WEB', repoSlug: 'web-ui' },
  getLogSources: {},
  chooseLogFiles: {},
  getIncidentReport: { from: 1_700_000_000_000, to: 1_700_003_600_000 },
  getIncidentReportPdf: { from: 1_700_000_000_000, to: 1_700_003_600_000 },
  getSupportBundle: { from: 1_700_000_000_000, to: 1_700_003_600_000 },
  startLogAnalysis: { paths: ['/var/log/atlassian-bitbucket-access.log'] },
  getLogAnalysis: { jobId: 'job-1' },
  cancelLogAnalysis: { jobId: 'job-1' },
  getProbeHistory: { primaryId: 'prod', projectKey: 'WEB', repoSlug: 'web-ui' },
  getRepositoryLogFigures: { projectKey: 'WEB', repoSlug: 'web-ui' },
};

export const requestNamesWithoutValidArgs = (): string[] => REQUEST_NAMES.filter((n) => !(n in VALID_ARGS));
