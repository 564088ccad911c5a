// Ferry's console: server-rendered pages reached from the canvas through a signed link (console-session.ts).
// Story of each route: who is asking (the session's actor), one use case, one page. A form refused by a use
// case is rendered again with the message at its field and status 400; nothing was stored.
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { ConsoleDeps } from '../../app/console/index.js';
import { requireOperator, type ConsoleActor } from '../../app/console/access.js';
import { loadCatalog, loadOrganizations, type MappingCatalog } from '../../app/console/catalog.js';
import {
  saveCredentials,
  testStoredCredentials,
  type ConnectionResult,
} from '../../app/console/credentials.js';
import { fieldMessages, refusalText } from '../../app/console/field-errors.js';
import { messengerBoot } from '../../app/console/messenger.js';
import { addOperator, listOperators, removeOperator, teammatesOf } from '../../app/console/operators.js';
import {
  listRuns,
  progressSamples,
  recordsPage,
  reportCsv,
  reportStatusSchema,
  runOf,
} from '../../app/console/reports.js';
import { saveFilters, saveMappings, settingsOf } from '../../app/console/settings-forms.js';
import { latestRun } from '../../app/runs.js';
import type { OrganizationDirectory } from '../../app/wizard/ports.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import type { Platform } from '../../model/canonical.js';
import { messengerScript, readStatic } from '../../console/assets.js';
import { markup, type Html } from '../../console/html.js';
import { wordsOf, type Words } from '../../console/i18n.js';
import { page } from '../../console/layout.js';
import { credentialsBody, type CredentialsView } from '../../console/pages/credentials.js';
import { filtersBody, type FiltersView } from '../../console/pages/filters.js';
import { mappingsBody } from '../../console/pages/mappings.js';
import { operatorsBody } from '../../console/pages/operators.js';
import { overviewBody } from '../../console/pages/overview.js';
import { reportsBody, runReportBody } from '../../console/pages/reports.js';
import { mismatchesBody } from '../../console/pages/mismatches.js';
import { mismatchesCsv, mismatchesPage } from '../../app/console/mismatches.js';
import { urlMapOfRun } from '../../app/console/url-map.js';
import { consoleSession } from './console-session.js';
import { consoleRollbackRoutes } from './console-rollback.js';

export interface ConsoleRouteDeps extends ConsoleDeps {
  /** The sandbox shows its sample help desk's credentials on the credentials page. */
  sampleCredentials?(platform: Platform): CredentialsView['sample'];
}

// Intercom help article 3894 ("Using Intercom with Content Security Policy"): the Messenger's hosts.
const MESSENGER_CSP = [
  "default-src 'self'",
  "script-src 'self' https://app.intercom.io https://widget.intercom.io https://js.intercomcdn.com",
  "connect-src 'self' https://*.intercom.io wss://*.intercom.io https://*.intercom-messenger.com wss://*.intercom-messenger.com https://uploads.intercomcdn.com",
  "img-src 'self' data: https:",
  "font-src 'self' https://js.intercomcdn.com https://fonts.intercomcdn.com",
  "media-src 'self' https://js.intercomcdn.com",
  'frame-src https://intercom-sheets.com https://www.intercom-reporting.com',
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'self'",
].join('; ');

const CATALOG_TTL_MS = 60_000;

export function consoleRoutes(deps: ConsoleRouteDeps): Router {
  const router = Router();
  const base = new URL(deps.publicUrl).pathname.replace(/\/+$/, '');
  const catalogs = new Map<string, { at: number; catalog: Promise<MappingCatalog> }>();
  const organizationLists = new Map<string, { at: number; list: Promise<OrganizationDirectory | null> }>();

  router.get('/console/static/console.css', async (_req, res) => {
    res
      .type('css')
      .set('Cache-Control', 'public, max-age=300')
      .send(await readStatic('console.css'));
  });
  router.get('/console/static/local-time.js', async (_req, res) => {
    res
      .type('js')
      .set('Cache-Control', 'public, max-age=300')
      .send(await readStatic('local-time.js'));
  });
  router.get('/console/static/messenger.js', async (_req, res) => {
    if (!deps.supportMessenger) throw new NotFoundError('No support Messenger is configured.');
    res
      .type('js')
      .set('Cache-Control', 'public, max-age=300')
      .send(await messengerScript());
  });

  router.use(['/console', '/console/*rest'], consoleSession(deps));

  const actorOf = (res: Response): ConsoleActor => res.locals.actor!;
  const words = (res: Response): Words => wordsOf(res.locals.locale ?? 'en');
  const send = (res: Response, status: number, title: string, active: string, body: Html) => {
    const actor = actorOf(res);
    if (deps.supportMessenger) res.set('Content-Security-Policy', MESSENGER_CSP);
    res
      .status(status)
      .type('html')
      .send(
        page(title, body, {
          base,
          actor,
          active,
          locale: res.locals.locale,
          messenger: deps.supportMessenger ? messengerBoot(deps.supportMessenger, actor) : undefined,
          csrfToken: res.locals.csrfToken,
        }),
      );
  };
  const form = (req: Request): Record<string, unknown> => (req.body as Record<string, unknown>) ?? {};
  /** A refused form: its messages at their fields (status 400), or a 403 for a reader. Else rethrow. */
  const refusal = (res: Response, error: unknown, fallbackField: string) => {
    if (error instanceof ForbiddenError)
      return { status: 403, errors: { form: refusalText(error, words(res).t) } };
    const errors = fieldMessages(error, fallbackField, words(res).t);
    if (errors) return { status: 400, errors };
    throw error;
  };

  router.get('/console', async (_req, res) => {
    const actor = actorOf(res);
    const run = actor.migration ? await latestRun(deps.db, actor.migration.id) : null;
    const samples = run ? await progressSamples(deps.db, run) : [];
    const body = overviewBody(actor, run, samples, base, words(res));
    send(res, 200, 'Overview', '/console', body);
  });

  // --- source credentials
  const credentials = (res: Response, status: number, v: CredentialsView) =>
    send(
      res,
      status,
      'Source credentials',
      '/console/credentials',
      credentialsBody(
        words(res),
        actorOf(res),
        { sample: deps.sampleCredentials?.(actorOf(res).migration?.source_platform ?? 'zendesk'), ...v },
        base,
      ),
    );
  router.get('/console/credentials', (_req, res) => credentials(res, 200, {}));
  router.post('/console/credentials', async (req, res) => {
    const f = form(req);
    const values = { subdomain: String(f.subdomain ?? ''), email: String(f.email ?? '') };
    try {
      const saved = await saveCredentials(deps, actorOf(res), f);
      catalogs.delete(saved.migration.id);
      organizationLists.delete(saved.migration.id);
      res.locals.actor = { ...actorOf(res), migration: saved.migration };
      credentials(res, 200, { result: saved, message: words(res).t('credentials.saved') });
    } catch (error) {
      const r = refusal(res, error, 'form');
      credentials(res, r.status, { errors: r.errors, values });
    }
  });
  router.post('/console/credentials/test', async (_req, res) => {
    let result: ConnectionResult;
    try {
      result = await testStoredCredentials(deps, actorOf(res));
    } catch (error) {
      const r = refusal(res, error, 'form');
      credentials(res, r.status, { errors: r.errors });
      return;
    }
    credentials(res, 200, { result, message: words(res).t('credentials.works') });
  });

  // --- mappings
  const catalogOf = (actor: ConsoleActor): Promise<MappingCatalog> => {
    const m = actor.migration!;
    const cached = catalogs.get(m.id);
    if (cached && Date.now() - cached.at < CATALOG_TTL_MS) return cached.catalog;
    const catalog = loadCatalog(deps, { ...actor, migration: m }, settingsOf(actor));
    catalogs.set(m.id, { at: Date.now(), catalog });
    catalog.catch(() => catalogs.delete(m.id));
    return catalog;
  };
  const mappings = async (
    req: Request,
    res: Response,
    status: number,
    v: { errors?: Record<string, string>; message?: string } = {},
  ) => {
    const actor = actorOf(res);
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    let catalog: MappingCatalog | undefined;
    let unavailable: string | undefined;
    if (!actor.migration) unavailable = words(res).t('overview.none');
    else {
      try {
        catalog = await catalogOf(actor);
      } catch (error) {
        deps.logger.warn({ err: error }, 'mapping catalog unavailable');
        unavailable = words(res).t('mappings.unavailable', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    send(
      res,
      status,
      'Mappings',
      '/console/mappings',
      mappingsBody(
        words(res),
        actor,
        {
          settings: settingsOf(actor),
          q,
          ...(catalog ? { catalog } : {}),
          ...(unavailable ? { unavailable } : {}),
          ...v,
        },
        base,
      ),
    );
  };
  router.get('/console/mappings', (req, res) => mappings(req, res, 200));
  router.post('/console/mappings', async (req, res) => {
    const actor = actorOf(res);
    try {
      const op = requireOperator(actor);
      const settings = await saveMappings(deps.db, op, await catalogOf(op), form(req));
      res.locals.actor = { ...op, migration: { ...op.migration, settings } };
      await mappings(req, res, 200, { message: words(res).t('mappings.saved') });
    } catch (error) {
      const r = refusal(res, error, 'form');
      await mappings(req, res, r.status, {
        errors: r.errors,
        ...(r.errors.form ? { message: undefined } : {}),
      });
    }
  });

  // --- filters
  /** The source's groups and agents by name; null when it cannot be read now (the page then takes ids). */
  const namesOf = async (actor: ConsoleActor) => {
    if (!actor.migration?.source_credentials_enc) return null;
    try {
      return await catalogOf(actor);
    } catch {
      return null;
    }
  };
  /** The source's organizations by name, read at most once a minute per migration; null: ids then. */
  const organizationsOf = async (actor: ConsoleActor) => {
    const m = actor.migration;
    if (!m?.source_credentials_enc) return null;
    const cached = organizationLists.get(m.id);
    if (cached && Date.now() - cached.at < CATALOG_TTL_MS) return cached.list;
    const list = loadOrganizations(deps, { ...actor, migration: m }).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'organizations unavailable');
      organizationLists.delete(m.id);
      return null;
    });
    organizationLists.set(m.id, { at: Date.now(), list });
    return list;
  };
  const filters = async (
    res: Response,
    status: number,
    v: Omit<FiltersView, 'catalog' | 'organizations'>,
  ) => {
    const actor = actorOf(res);
    const [catalog, organizations] = await Promise.all([namesOf(actor), organizationsOf(actor)]);
    send(
      res,
      status,
      'Filters',
      '/console/filters',
      filtersBody(words(res), actor, { ...v, catalog, organizations }, base),
    );
  };
  router.get('/console/filters', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    await filters(res, 200, { settings: settingsOf(actorOf(res)), q });
  });
  router.post('/console/filters', async (req, res) => {
    try {
      const settings = await saveFilters(deps.db, actorOf(res), form(req));
      await filters(res, 200, { settings, message: words(res).t('filters.saved') });
    } catch (error) {
      const r = refusal(res, error, 'form');
      const values = Object.fromEntries(Object.entries(form(req)).map(([k, v]) => [k, String(v)]));
      await filters(res, r.status, { settings: settingsOf(actorOf(res)), errors: r.errors, values });
    }
  });

  // --- operators
  const operators = async (
    res: Response,
    status: number,
    v: { errors?: Record<string, string>; value?: string; message?: string; q?: string },
  ) =>
    send(
      res,
      status,
      'Operators',
      '/console/operators',
      operatorsBody(
        words(res),
        actorOf(res),
        await listOperators(deps.db, actorOf(res)),
        v,
        base,
        await teammatesOf(deps, actorOf(res)),
      ),
    );
  router.get('/console/operators', (req, res) =>
    operators(res, 200, { q: typeof req.query.q === 'string' ? req.query.q : '' }),
  );
  router.post('/console/operators', async (req, res) => {
    try {
      await addOperator(deps.db, actorOf(res), form(req));
      await operators(res, 200, { message: words(res).t('operators.added') });
    } catch (error) {
      const r = refusal(res, error, 'adminId');
      await operators(res, r.status, {
        errors: { adminId: r.errors.adminId ?? r.errors.form ?? '' },
        value: String(form(req).adminId ?? ''),
      });
    }
  });
  router.post('/console/operators/:adminId/remove', async (req, res) => {
    try {
      await removeOperator(deps.db, actorOf(res), String(req.params.adminId));
      await operators(res, 200, { message: words(res).t('operators.removed') });
    } catch (error) {
      const r = refusal(res, error, 'adminId');
      await operators(res, r.status, { errors: { adminId: r.errors.form ?? r.errors.adminId ?? '' } });
    }
  });

  // --- reports
  router.get('/console/reports', async (_req, res) =>
    send(
      res,
      200,
      'Reports',
      '/console/reports',
      reportsBody(words(res), await listRuns(deps.db, actorOf(res)), base),
    ),
  );
  router.get('/console/reports/:runId', async (req, res) => {
    const run = await runOf(deps.db, actorOf(res), String(req.params.runId));
    const status = reportStatusSchema.safeParse(req.query.status);
    const entity = typeof req.query.entity === 'string' ? req.query.entity : '';
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    const pageOf = await recordsPage(deps.db, run, {
      ...(status.success ? { status: status.data } : {}),
      ...(entity ? { entity } : {}),
      ...(after ? { afterId: after } : {}),
    });
    const samples = await progressSamples(deps.db, run);
    const hasUrlMap = (await urlMapOfRun(deps.db, run)).rows > 0;
    const w = words(res);
    send(
      res,
      200,
      w.t('title.run_report'),
      '/console/reports',
      runReportBody(
        w,
        { run, samples, ...pageOf, status: status.success ? status.data : '', entity, hasUrlMap },
        base,
      ),
    );
  });
  router.get('/console/reports/:runId/mismatches', async (req, res) => {
    const run = await runOf(deps.db, actorOf(res), String(req.params.runId));
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    const view = await mismatchesPage(deps.db, run, after);
    const w = words(res);
    send(res, 200, w.t('title.mismatches'), '/console/reports', mismatchesBody(w, { run, ...view }, base));
  });
  router.get('/console/reports/:runId/mismatches.csv', async (req, res) => {
    const run = await runOf(deps.db, actorOf(res), String(req.params.runId));
    res.type('text/csv; charset=utf-8');
    res.set(
      'Content-Disposition',
      `attachment; filename="${run.kind}-${run.runId.slice(0, 8)}-mismatches.csv"`,
    );
    for await (const chunk of mismatchesCsv(deps.db, run))
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    res.end();
  });
  router.get('/console/reports/:runId/url-map.csv', async (req, res) => {
    const run = await runOf(deps.db, actorOf(res), String(req.params.runId));
    res.type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="${run.kind}-${run.runId.slice(0, 8)}-url-map.csv"`);
    res.send((await urlMapOfRun(deps.db, run)).text);
  });
  router.get('/console/reports/:runId/:file', async (req, res) => {
    const file = /^(migrated|failed|skipped)\.csv$/.exec(String(req.params.file));
    if (!file) throw new NotFoundError('Reports are migrated.csv, failed.csv and skipped.csv.');
    const run = await runOf(deps.db, actorOf(res), String(req.params.runId));
    const status = reportStatusSchema.parse(file[1]);
    res.type('text/csv; charset=utf-8');
    res.set(
      'Content-Disposition',
      `attachment; filename="${run.kind}-${run.runId.slice(0, 8)}-${status}.csv"`,
    );
    for await (const chunk of reportCsv(deps.db, run, status)) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });

  consoleRollbackRoutes(router, { db: deps.db, base, actorOf, send });

  // Console pages answer errors as pages: a run of another workspace is simply not there.
  router.use(['/console', '/console/*rest'], ((error, _req, res, next) => {
    if (!(error instanceof NotFoundError || error instanceof ForbiddenError) || !res.locals.actor)
      return next(error);
    const status = error instanceof NotFoundError ? 404 : 403;
    const title = words(res).t(status === 404 ? 'title.not_found' : 'title.not_allowed');
    send(res, status, title, '', markup`<p>${refusalText(error, words(res).t)}</p>`);
  }) as ErrorRequestHandler);

  return router;
}
