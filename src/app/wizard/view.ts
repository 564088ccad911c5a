// Builds each screen's state from the database (fresh on every request: Inbox canvases do not refresh by
// themselves) and renders it. Console links are signed for the asking admin and their workspace only.
import type { CanvasResponse } from '../../../canvas/canvas.js';
import {
  checklistScreen,
  connectScreen,
  demoScreen,
  fullRunScreen,
  homeScreen,
  mappingSummaryScreen,
  optionsScreen,
  postMigrationScreen,
  REPORTED_ENTITIES,
  scopeScreen,
  withLanguage,
  helpdeskAddress,
  SCOPE_ENTITIES,
  OPTION_FLAGS,
  type ConnectState,
  type EntityCount,
  type FullRunWrite,
  type Notice,
  type OptionFlag,
  type OptionsState,
  type RunView,
  type ScopeEntity,
  type ScopeState,
  type WizardScreen,
} from '../../../canvas/screens/index.js';
import { translator, type Locale } from '../../../canvas/i18n/index.js';
import type { MigrationSettings } from '../../settings/settings.js';
import type { CanvasActor } from '../canvas-auth.js';
import { consoleLink } from '../console-link.js';
import { createdInRun } from '../rollback.js';
import type { RunStatusView } from '../runs.js';
import { estimateFullRun, timeLeft } from './estimate.js';
import { checklistComplete, nextStep, type WizardProgress } from './progress.js';
import type { WizardDeps } from './ports.js';
import { summarize } from './mapping.js';
import * as store from './store.js';
import { retentionState } from '../retention.js';

/** The full-run screen's retention dates: kept until, or wiped on (the retention job sets both). */
function retentionDates(m: store.MigrationRow): { archiveAt: Date | null; wipedAt: Date | null } {
  const state = retentionState(m);
  if (state.kind === 'wiped') return { archiveAt: null, wipedAt: state.on };
  return { archiveAt: state.kind === 'kept' ? state.until : null, wipedAt: null };
}

export type Installed = Extract<CanvasActor, { installed: true }>;

export interface WizardContext {
  deps: WizardDeps;
  actor: Installed;
  locale: Locale;
  /** The teammate's own language choice (null: the workspace's, from context.locale). */
  chosenLocale: Locale | null;
  /** context.locale of the request (2.11: the workspace's default Messenger language). */
  contextLocale: string | undefined;
  /** The workspace's migration (null before Start). */
  scoped: store.Scoped | null;
}

/** What an action hands to the screen it shows: a notice, and a form's rejected values with their messages. */
export interface Overlay {
  notice?: Notice;
  connect?: Pick<ConnectState, 'errors' | 'detail' | 'subdomain' | 'platform'>;
  scope?: Pick<ScopeState, 'errors' | 'createdFrom' | 'createdTo' | 'entities' | 'target'>;
  options?: Pick<OptionsState, 'errors' | 'tagName' | 'redirects'>;
}

/** A console page for this admin and workspace: PUBLIC_URL/console/<page>?token=<15-minute JWT>. */
export function consolePage(ctx: WizardContext, page: string): string {
  const url = new URL(
    consoleLink(ctx.deps.publicUrl, ctx.deps.consoleSecret, {
      workspaceId: ctx.actor.workspace.id,
      adminId: ctx.actor.adminId,
      locale: ctx.locale,
    }),
  );
  url.pathname = `${url.pathname}/${page}`;
  return url.toString();
}

/** "Clear the demo" before the first full run, "Undo this run" once a run ended: the console's
 * confirmation pages (they name per entity what is deleted), opened from the canvas. */
async function rollbackLinks(
  ctx: WizardContext,
  migrationId: string,
  demo: RunStatusView | null,
  run: RunStatusView | null,
): Promise<{ clearDemo: { records: number; url: string } | null; undoUrl: string | null }> {
  const page = (r: RunStatusView) => consolePage(ctx, `rollback/${r.runId}`);
  const demoRecords = demo && !run ? await createdInRun(ctx.deps.knex, migrationId, demo.runId) : 0;
  return {
    clearDemo: demo && demoRecords > 0 ? { records: demoRecords, url: page(demo) } : null,
    undoUrl: run && ['completed', 'failed', 'cancelled'].includes(run.status) ? page(run) : null,
  };
}

function runView(ctx: WizardContext, run: RunStatusView | null): RunView | null {
  if (!run) return null;
  const counts: EntityCount[] = REPORTED_ENTITIES.map((entity) => {
    const c = run.counters[entity];
    return {
      entity,
      available: c?.available ?? null,
      total: c?.total ?? 0,
      migrated: c?.migrated ?? 0,
      failed: c?.failed ?? 0,
      skipped: c?.skipped ?? 0,
      deletedInSource: c?.deletedInSource ?? 0,
      migratedWithLosses: c?.migratedWithLosses ?? 0,
    };
  });
  const now = ctx.deps.now?.() ?? new Date();
  const finished = ['completed', 'failed', 'cancelled'].includes(run.status);
  return {
    id: run.runId,
    kind: run.kind,
    status: run.status,
    stage: run.stage,
    reason: run.pauseReason ?? run.lastError,
    counts,
    etaSeconds: run.status === 'running' ? timeLeft(counts, run.startedAt, now) : null,
    ...(finished && run.verification ? { verification: run.verification } : {}),
    ...(finished
      ? {
          reports: {
            migrated: consolePage(ctx, `reports/${run.runId}/migrated.csv`),
            failed: consolePage(ctx, `reports/${run.runId}/failed.csv`),
            skipped: consolePage(ctx, `reports/${run.runId}/skipped.csv`),
          },
        }
      : {}),
  };
}

function optionFlags(s: MigrationSettings): OptionFlag[] {
  const on: Record<OptionFlag, boolean> = {
    tag_migrated: s.options.tagMigrated,
    old_id_in_subject: s.options.oldIdInSubject,
    translations: s.options.translations,
    events_as_notes: s.options.eventsAsNotes,
    requester_fields_as_note: s.options.requesterFieldsAsNote,
    rewrite_comment_links: s.options.rewriteCommentLinks,
  };
  return OPTION_FLAGS.filter((f) => on[f]);
}

function commentsPerTicket(run: RunStatusView | null): number | null {
  const tickets = run?.counters.tickets?.total ?? 0;
  return tickets > 0 ? (run?.counters.comments?.total ?? 0) / tickets : null;
}

/** For a reader: the operators by name (the installer first), or null when Intercom cannot be read now. */
async function operatorNames(ctx: WizardContext): Promise<string | null> {
  const ids = await store.operatorIds(ctx.scoped, ctx.actor.workspace.installedByAdminId);
  if (ids.length === 0) return null;
  try {
    const { admins } = await ctx.deps.intercom.directory(ctx.actor.workspace);
    return ids.map((id) => admins.find((a) => a.id === id)?.name || id).join(', ');
  } catch {
    return null;
  }
}

/** Live catch-up as the post-migration screen shows it; null where the server offers none. */
async function liveView(ctx: WizardContext, migrationId: string) {
  const live = ctx.deps.live;
  if (!live) return null;
  const status = await live.status(migrationId);
  if (!status) return { following: false, lastAppliedMinutes: null, lagSeconds: 0, automationUrl: null };
  const now = (ctx.deps.now ?? (() => new Date()))();
  return {
    following: status.following,
    lastAppliedMinutes: status.lastAppliedAt
      ? Math.max(0, Math.floor((now.getTime() - status.lastAppliedAt.getTime()) / 60_000))
      : null,
    lagSeconds: status.lagSeconds,
    automationUrl: status.automationUrl,
  };
}

/** A delta can start: a full run completed and no run is going (the run API refuses a second one). */
/** url-map.csv through the latest full or delta run's report (the map is the migration's, not a run's). */
async function urlMapLink(s: store.Scoped, link: (page: string) => string | null): Promise<string | null> {
  if (!(await store.hasUrlMap(s))) return null;
  const latest = await store.latestRunOf(s, ['full', 'delta']);
  return latest ? link(`reports/${latest.runId}/url-map.csv`) : null;
}

async function deltaAvailable(s: store.Scoped): Promise<boolean> {
  if (!(await store.runFacts(s)).fullDone) return false;
  const latest = await store.latestRunOf(s, ['demo', 'full', 'delta']);
  return latest !== null && !['planned', 'running', 'paused'].includes(latest.status);
}

/** What a full run writes, per entity, as the source counted it (contacts and companies come along). */
function writesOf(settings: MigrationSettings, available: Record<string, number | null>): FullRunWrite[] {
  const entities = ['tickets', 'contacts', 'companies', 'articles'] as const;
  return entities
    .filter((e) => e === 'contacts' || e === 'companies' || settings.entities.includes(e))
    .map((entity) => ({
      entity,
      count: available[entity] ?? null,
      ...(entity === 'tickets' ? { target: settings.target } : {}),
    }));
}

/** The completed demo's pace: tickets it took in hand and the seconds it ran. */
function demoPace(run: RunStatusView | null): { tickets: number; seconds: number } | null {
  if (run?.status !== 'completed' || !run.startedAt || !run.finishedAt) return null;
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  return { tickets: run.counters.tickets?.total ?? 0, seconds };
}

/** The screen asked for, with the teammate's language choice at its foot. */
export async function renderScreen(
  ctx: WizardContext,
  screen: WizardScreen,
  overlay: Overlay = {},
): Promise<CanvasResponse> {
  const response = await renderBare(ctx, screen, overlay);
  const first = response.canvas.stored_data?.screen === 'home';
  return withLanguage(response, translator(ctx.locale), ctx.chosenLocale ?? 'auto', first);
}

async function renderBare(
  ctx: WizardContext,
  screen: WizardScreen,
  overlay: Overlay,
): Promise<CanvasResponse> {
  const common = {
    locale: ctx.locale,
    timeZone: ctx.actor.workspace.timeZone ?? null,
    readOnly: !ctx.actor.isOperator,
    ...(overlay.notice ? { notice: overlay.notice } : {}),
    ...(ctx.actor.isOperator ? {} : { operators: await operatorNames(ctx) }),
  };
  const m = ctx.scoped && (await store.loadMigration(ctx.scoped));
  if (!ctx.scoped || !m || screen === 'home') return renderHome(ctx, common, m ?? undefined);
  const s = ctx.scoped;
  const progress = store.progressOf(m);
  const settings = store.settingsOf(m);
  const link = (page: string) => (ctx.actor.isOperator ? consolePage(ctx, page) : null);
  switch (screen) {
    case 'connect':
      return connectScreen({
        ...common,
        platform: overlay.connect?.platform ?? m.source_platform,
        subdomain: overlay.connect?.subdomain ?? m.source_account ?? '',
        hasCredentials: m.source_credentials_enc !== null,
        credentialsUrl: link('credentials'),
        ...(overlay.connect?.errors ? { errors: overlay.connect.errors } : {}),
        ...(overlay.connect?.detail ? { detail: overlay.connect.detail } : {}),
        result:
          overlay.connect?.errors || !progress.source
            ? null
            : {
                ...progress.source,
                account: helpdeskAddress(m.source_platform, m.source_account ?? progress.source.account),
              },
      });
    case 'scope': {
      const f = settings.filters;
      return scopeScreen({
        ...common,
        entities:
          overlay.scope?.entities ??
          settings.entities.filter((e): e is ScopeEntity =>
            (SCOPE_ENTITIES as readonly string[]).includes(e),
          ),
        target: overlay.scope?.target ?? settings.target,
        createdFrom: overlay.scope?.createdFrom ?? f.createdFrom?.slice(0, 10) ?? '',
        createdTo: overlay.scope?.createdTo ?? f.createdTo?.slice(0, 10) ?? '',
        filters: {
          tags: f.tags.length,
          groups: f.groupIds.length,
          organizations: f.organizationIds.length,
          assignees: f.assigneeIds.length,
          fields: f.customFieldValues.length,
        },
        filtersUrl: link('filters'),
        ...(overlay.scope?.errors ? { errors: overlay.scope.errors } : {}),
      });
    }
    case 'mapping': {
      // The mapping as saved now (the console may have changed it since the matching).
      const saved = progress.mapping?.snapshot
        ? summarize(settings, progress.mapping.snapshot)
        : progress.mapping;
      return mappingSummaryScreen({
        ...common,
        summary: saved,
        missingAttributes: saved?.missingAttributes ?? 0,
        createMissing: settings.options.createMissingAttributes,
        mappingsUrl: link('mappings'),
      });
    }
    case 'options':
      return optionsScreen({
        ...common,
        flags: optionFlags(settings),
        tagName: overlay.options?.tagName ?? settings.options.migratedTagName ?? '',
        defaultTagName: `migrated-from-${m.source_platform}`,
        inactiveAgents: settings.options.inactiveAgents,
        attachmentsPerPart: settings.options.attachmentsPerPart,
        redirects: overlay.options?.redirects ?? settings.options.helpCenterRedirects ?? '',
        ...(overlay.options?.errors ? { errors: overlay.options.errors } : {}),
      });
    case 'checklist': {
      const facts = await store.runFacts(s);
      return checklistScreen({
        ...common,
        verified: { ...progress.verified, demo: facts.demoDone },
        ticked: progress.ticked,
        agreed: progress.agreed,
        complete: checklistComplete(progress, facts),
      });
    }
    case 'demo':
      return demoScreen({ ...common, run: runView(ctx, await store.latestRunOf(s, ['demo'])) });
    case 'full': {
      const facts = await store.runFacts(s);
      const run = await store.latestRunOf(s, ['full', 'delta']);
      const demo = await store.latestRunOf(s, ['demo']);
      return fullRunScreen({
        ...common,
        platform: m.source_platform,
        estimate: progress.source
          ? estimateFullRun({
              platform: m.source_platform,
              available: progress.source.available,
              entities: settings.entities,
              commentsPerTicket: commentsPerTicket(demo),
              demo: demoPace(demo),
            })
          : null,
        checklistComplete: checklistComplete(progress, facts),
        writes: writesOf(settings, progress.source?.available ?? {}),
        confirmName: await store.workspaceName(s),
        run: runView(ctx, run),
        ...(await rollbackLinks(ctx, m.id, demo, run)),
        ...retentionDates(m),
      });
    }
    case 'post':
      return postMigrationScreen({
        ...common,
        ticked: progress.post,
        reportsUrl: link('reports'),
        urlMapUrl: await urlMapLink(s, link),
        deltaAvailable: await deltaAvailable(s),
        live: await liveView(ctx, m.id),
      });
  }
}

async function renderHome(
  ctx: WizardContext,
  common: { locale: Locale; timeZone: string | null; readOnly: boolean; notice?: Notice },
  m: store.MigrationRow | undefined,
): Promise<CanvasResponse> {
  if (!m || !ctx.scoped) return homeScreen({ ...common, migration: null });
  const progress: WizardProgress = store.progressOf(m);
  const facts = await store.runFacts(ctx.scoped);
  const run = await store.latestRunOf(ctx.scoped, ['demo', 'full', 'delta']);
  return homeScreen({
    ...common,
    migration: {
      name: m.name,
      platform: m.source_platform,
      account: m.source_account ? helpdeskAddress(m.source_platform, m.source_account) : null,
      status: m.status,
      nextStep: nextStep(progress, facts),
      run: runView(ctx, run),
      deltaAvailable: await deltaAvailable(ctx.scoped),
    },
  });
}
