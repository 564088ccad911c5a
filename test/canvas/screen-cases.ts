// One state per screen situation, rendered to a golden file each (canvas/__golden__/<name>.json).
import type { CanvasResponse } from '../../canvas/canvas.js';
import {
  checklistScreen,
  connectScreen,
  demoScreen,
  fullRunScreen,
  homeScreen,
  mappingSummaryScreen,
  optionsScreen,
  postMigrationScreen,
  scopeScreen,
  withLanguage,
  type EntityCount,
  type RunView,
} from '../../canvas/screens/index.js';
import { translator } from '../../canvas/i18n/index.js';

const console = (page: string) => `https://ferry.test/console/${page}?token=t`;
const reports = (run: string) => ({
  migrated: console(`reports/${run}/migrated.csv`),
  failed: console(`reports/${run}/failed.csv`),
  skipped: console(`reports/${run}/skipped.csv`),
});
const count = (
  entity: EntityCount['entity'],
  available: number | null,
  total: number,
  migrated: number,
  failed = 0,
  skipped = 0,
  deletedInSource = 0,
): EntityCount => ({ entity, available, total, migrated, failed, skipped, deletedInSource });

/** Zendesk's incremental export also lists tickets deleted in the source: skipped, in total, not available. */
const deletedInSource = (c: EntityCount, n: number): EntityCount =>
  c.entity === 'tickets' ? { ...c, total: c.total + n, skipped: c.skipped + n, deletedInSource: n } : c;

const demoDone: RunView = {
  id: 'run-demo',
  kind: 'demo',
  status: 'completed',
  counts: [
    count('companies', 310, 9, 9),
    count('contacts', 5120, 23, 22, 0, 1),
    count('tickets', 1204, 20, 19, 1),
    count('comments', null, 87, 85, 1, 1),
    count('attachments', null, 0, 0),
    count('articles', 42, 0, 0),
  ],
  reports: reports('run-demo'),
};
const fullRunning: RunView = {
  id: 'run-full',
  kind: 'full',
  status: 'running',
  stage: 'tickets',
  etaSeconds: 5_400,
  counts: [
    count('companies', 310, 310, 310),
    count('contacts', 5120, 5120, 3000, 2, 10),
    count('tickets', 1204, 1204, 400, 3),
    count('articles', 42, 42, 0),
  ],
};
const migration = { name: 'Zendesk migration', platform: 'zendesk', account: 'acme' } as const;
const estimate = { records: 6676, intercomCalls: 11_950, seconds: 3_960, limitedBy: 'source' } as const;

/** A full run done and its source data wiped by retention. */
const fullArchived = (locale: 'en' | 'de') =>
  fullRunScreen({
    locale,
    readOnly: false,
    platform: 'zendesk',
    estimate,
    checklistComplete: true,
    run: { ...demoDone, id: 'run-full', kind: 'full', reports: reports('run-full') },
    archiveAt: null,
    wipedAt: new Date('2026-12-01T10:00:00Z'),
  });

export const screenCases: [name: string, render: () => CanvasResponse][] = [
  ['home-no-migration', () => homeScreen({ readOnly: false, migration: null })],
  ['home-no-migration-read-only', () => homeScreen({ readOnly: true, migration: null })],
  ['home-no-migration-de', () => homeScreen({ locale: 'de', readOnly: false, migration: null })],
  [
    'home-draft',
    () => homeScreen({ readOnly: false, migration: { ...migration, status: 'draft', nextStep: 'connect' } }),
  ],
  [
    'home-demo-done',
    () =>
      homeScreen({
        readOnly: false,
        migration: { ...migration, status: 'ready', nextStep: 'checklist', run: demoDone },
      }),
  ],
  [
    'home-full-running',
    () =>
      homeScreen({
        readOnly: false,
        notice: { key: 'full.started' },
        migration: { ...migration, status: 'running', nextStep: 'full', run: fullRunning },
      }),
  ],
  [
    'home-full-running-de-read-only',
    () =>
      homeScreen({
        locale: 'de',
        readOnly: true,
        migration: { ...migration, status: 'running', nextStep: 'full', run: fullRunning },
      }),
  ],
  [
    'home-paused',
    () =>
      homeScreen({
        readOnly: false,
        migration: {
          ...migration,
          status: 'paused',
          nextStep: 'full',
          run: {
            ...fullRunning,
            status: 'paused',
            reason: 'Intercom refused the token (401): reinstall Ferry.',
          },
        },
      }),
  ],
  [
    'connect-empty',
    () =>
      connectScreen({
        readOnly: false,
        platform: 'zendesk',
        subdomain: '',
        hasCredentials: false,
        credentialsUrl: console('credentials'),
      }),
  ],
  [
    'connect-subdomain-error',
    () =>
      connectScreen({
        readOnly: false,
        platform: 'zendesk',
        subdomain: 'acme.zendesk.com',
        hasCredentials: true,
        credentialsUrl: console('credentials'),
        errors: {
          subdomain: { key: 'connect.error.subdomain_dot', params: { host: 'zendesk.com' }, error: true },
        },
      }),
  ],
  [
    'connect-credentials-rejected-de',
    () =>
      connectScreen({
        locale: 'de',
        readOnly: false,
        platform: 'freshdesk',
        subdomain: 'acme',
        hasCredentials: true,
        credentialsUrl: console('credentials'),
        errors: {
          credentials: { key: 'connect.error.rejected', params: { platform: 'Freshdesk' }, error: true },
        },
        detail: 'Freshdesk rejected the API key',
      }),
  ],
  [
    'connect-ok',
    () =>
      connectScreen({
        readOnly: false,
        platform: 'zendesk',
        subdomain: 'acme',
        hasCredentials: true,
        credentialsUrl: console('credentials'),
        result: {
          account: 'acme',
          user: 'Ada Admin',
          available: {
            tickets: 1204,
            contacts: 5120,
            companies: 310,
            agents: 45,
            groups: 4,
            custom_fields: 8,
            articles: null,
          },
        },
      }),
  ],
  [
    'scope',
    () =>
      scopeScreen({
        readOnly: false,
        entities: ['tickets', 'contacts', 'companies'],
        target: 'tickets',
        createdFrom: '2023-01-01',
        createdTo: '',
        filters: { tags: 2, groups: 1, organizations: 0, assignees: 0, fields: 0 },
        filtersUrl: console('filters'),
      }),
  ],
  [
    'scope-date-error',
    () =>
      scopeScreen({
        readOnly: false,
        entities: ['tickets'],
        target: 'conversations',
        createdFrom: '01/02/2023',
        createdTo: '',
        filters: { tags: 0, groups: 0, organizations: 0, assignees: 0, fields: 0 },
        filtersUrl: console('filters'),
        errors: { createdFrom: { key: 'scope.error.date', error: true } },
      }),
  ],
  [
    'mapping',
    () =>
      mappingSummaryScreen({
        readOnly: false,
        summary: {
          agents: { matched: 42, total: 45 },
          groups: { matched: 3, total: 4 },
          fields: { matched: 5, total: 8 },
          fallback: 'Ada Admin',
        },
        missingAttributes: 3,
        createMissing: false,
        mappingsUrl: console('mappings'),
      }),
  ],
  [
    'mapping-de',
    () =>
      mappingSummaryScreen({
        locale: 'de',
        readOnly: false,
        summary: {
          agents: { matched: 42, total: 45 },
          groups: { matched: 3, total: 4 },
          fields: { matched: 5, total: 8 },
          fallback: null,
        },
        missingAttributes: 3,
        createMissing: true,
        mappingsUrl: console('mappings'),
      }),
  ],
  [
    'options',
    () =>
      optionsScreen({
        readOnly: false,
        flags: ['tag_migrated', 'translations'],
        tagName: '',
        defaultTagName: 'migrated-from-zendesk',
        inactiveAgents: 'fallback',
        attachmentsPerPart: 5,
        redirects: '',
      }),
  ],
  [
    'options-redirects-refused',
    () =>
      optionsScreen({
        readOnly: false,
        flags: [],
        tagName: '',
        defaultTagName: 'migrated-from-zendesk',
        inactiveAgents: 'fallback',
        attachmentsPerPart: 5,
        redirects: 'http://help.acme.com',
        errors: { redirects: { key: 'options.error.redirects', error: true } },
      }),
  ],
  [
    'checklist-incomplete',
    () =>
      checklistScreen({
        readOnly: false,
        verified: { teammates: true, attributes: null, demo: false },
        ticked: ['phone_validation_off', 'pause_fin'],
        agreed: false,
        complete: false,
      }),
  ],
  [
    'checklist-complete-de',
    () =>
      checklistScreen({
        locale: 'de',
        readOnly: false,
        verified: { teammates: true, attributes: true, demo: true },
        ticked: [
          'phone_validation_off',
          'unassigned_preference',
          'notifications_off',
          'team_informed',
          'date_chosen',
          'pause_workflows',
          'pause_fin',
          'pause_assignment',
          'pause_outbound',
          'pause_csat',
        ],
        agreed: true,
        complete: true,
      }),
  ],
  ['demo-not-run', () => demoScreen({ readOnly: false, run: null })],
  [
    'demo-running',
    () =>
      demoScreen({
        readOnly: false,
        run: { ...demoDone, status: 'running', reports: undefined, counts: demoDone.counts.slice(0, 3) },
      }),
  ],
  ['demo-results', () => demoScreen({ readOnly: false, run: demoDone })],
  ['demo-results-de', () => demoScreen({ locale: 'de', readOnly: false, run: demoDone })],
  [
    'full-estimate',
    () =>
      fullRunScreen({
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: null,
        archiveAt: null,
      }),
  ],
  [
    'full-refused',
    () =>
      fullRunScreen({
        readOnly: false,
        platform: 'freshdesk',
        estimate: { ...estimate, limitedBy: 'intercom' },
        checklistComplete: false,
        run: null,
        archiveAt: null,
      }),
  ],
  [
    'full-running',
    () =>
      fullRunScreen({
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: fullRunning,
        archiveAt: null,
      }),
  ],
  [
    'full-paused-read-only',
    () =>
      fullRunScreen({
        readOnly: true,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: { ...fullRunning, status: 'paused', reason: 'Paused by an operator' },
        archiveAt: null,
      }),
  ],
  [
    'full-done',
    () =>
      fullRunScreen({
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: {
          ...fullRunning,
          status: 'completed',
          etaSeconds: null,
          counts: fullRunning.counts.map((c) =>
            deletedInSource(
              { ...c, total: c.available ?? 0, migrated: (c.available ?? 0) - c.failed - c.skipped },
              1,
            ),
          ),
          reports: reports('run-full'),
        },
        archiveAt: new Date('2026-12-01T10:00:00Z'),
      }),
  ],
  [
    'full-done-de',
    () =>
      fullRunScreen({
        locale: 'de',
        timeZone: 'Europe/Berlin',
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: {
          ...demoDone,
          id: 'run-full',
          kind: 'full',
          counts: demoDone.counts.map((c) => deletedInSource(c, 1)),
          reports: reports('run-full'),
        },
        archiveAt: new Date('2026-12-01T10:00:00Z'),
      }),
  ],
  ['full-archived', () => fullArchived('en')],
  ['full-archived-de', () => fullArchived('de')],
  [
    'full-clear-demo',
    () =>
      fullRunScreen({
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: null,
        archiveAt: null,
        clearDemo: { records: 47, url: console('rollback/run-demo') },
      }),
  ],
  [
    'full-done-undo-de',
    () =>
      fullRunScreen({
        locale: 'de',
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: { ...fullRunning, status: 'completed', etaSeconds: null, reports: reports('run-full') },
        archiveAt: null,
        undoUrl: console('rollback/run-full'),
      }),
  ],
  [
    'post-migration',
    () =>
      postMigrationScreen({ readOnly: false, ticked: ['notifications_on'], reportsUrl: console('reports') }),
  ],
  [
    'home-full-done-delta',
    () =>
      homeScreen({
        readOnly: false,
        migration: {
          ...migration,
          status: 'completed',
          nextStep: 'post',
          deltaAvailable: true,
          run: { ...fullRunning, status: 'completed', etaSeconds: null },
        },
      }),
  ],
  [
    'home-no-migration-language-de',
    () =>
      withLanguage(
        homeScreen({ locale: 'de', readOnly: false, migration: null }),
        translator('de'),
        'de',
        true,
      ),
  ],
  [
    'demo-running-so-far',
    () => demoScreen({ readOnly: false, run: { ...demoDone, status: 'running', reports: undefined } }),
  ],
  [
    'checklist-refused-demo',
    () =>
      checklistScreen({
        readOnly: false,
        notice: {
          key: 'checklist.refused_demo',
          params: { items: 'I have gone through the checklist' },
          error: true,
        },
        verified: { teammates: true, attributes: true, demo: false },
        ticked: ['pause_csat'],
        agreed: false,
        complete: false,
      }),
  ],
  [
    'full-confirm',
    () =>
      fullRunScreen({
        readOnly: false,
        platform: 'zendesk',
        estimate,
        checklistComplete: true,
        run: null,
        archiveAt: null,
        confirmName: 'Acme Support',
        writes: [
          { entity: 'tickets', count: 1204, target: 'conversations' },
          { entity: 'contacts', count: 5120 },
          { entity: 'companies', count: 310 },
        ],
      }),
  ],
  [
    'full-estimate-uncounted-de',
    () =>
      fullRunScreen({
        locale: 'de',
        readOnly: false,
        platform: 'freshdesk',
        estimate: {
          records: 0,
          intercomCalls: 0,
          seconds: 0,
          limitedBy: 'intercom',
          uncounted: ['tickets', 'contacts', 'companies'],
          perThousandTickets: { seconds: 2_700, from: 'demo' },
        },
        checklistComplete: true,
        run: null,
        archiveAt: null,
        confirmName: null,
        writes: [
          { entity: 'tickets', count: null, target: 'tickets' },
          { entity: 'contacts', count: null },
        ],
      }),
  ],
  [
    'post-migration-url-map',
    () =>
      postMigrationScreen({
        readOnly: false,
        ticked: ['kb_links'],
        reportsUrl: console('reports'),
        urlMapUrl: console('reports/run-full/url-map.csv'),
      }),
  ],
  [
    'post-migration-delta',
    () =>
      postMigrationScreen({
        readOnly: false,
        ticked: [],
        reportsUrl: console('reports'),
        deltaAvailable: true,
      }),
  ],
  [
    'post-migration-follow-offered',
    () =>
      postMigrationScreen({
        readOnly: false,
        ticked: [],
        reportsUrl: console('reports'),
        deltaAvailable: true,
        live: { following: false, lastAppliedMinutes: null, lagSeconds: 0 },
      }),
  ],
  [
    'post-migration-following',
    () =>
      postMigrationScreen({
        readOnly: false,
        ticked: [],
        reportsUrl: console('reports'),
        deltaAvailable: true,
        live: { following: true, lastAppliedMinutes: 3, lagSeconds: 12 },
      }),
  ],
  [
    'post-migration-following-freshdesk-de',
    () =>
      postMigrationScreen({
        locale: 'de',
        readOnly: false,
        ticked: [],
        reportsUrl: console('reports'),
        live: {
          following: true,
          lastAppliedMinutes: 0,
          lagSeconds: 4,
          automationUrl: 'https://ferry.example.test/webhooks/source/m-1/token',
        },
      }),
  ],
  [
    'post-migration-following-read-only-de',
    () =>
      postMigrationScreen({
        locale: 'de',
        readOnly: true,
        ticked: [],
        reportsUrl: null,
        live: { following: true, lastAppliedMinutes: null, lagSeconds: 0 },
      }),
  ],
  [
    'home-full-running-read-only-named',
    () =>
      homeScreen({
        readOnly: true,
        operators: 'Ada Admin, Bo Builder',
        migration: { ...migration, status: 'running', nextStep: 'full', run: fullRunning },
      }),
  ],
];
