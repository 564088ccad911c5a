// "Undo this run" in the console: the confirmation page (what goes and what stays, per entity), the
// operator's confirmed POST that starts the rollback job, its progress on the same page, rolled_back.csv.
import type { Request, Response, Router } from 'express';
import type { Knex } from 'knex';
import { requireOperator, type ConsoleActor } from '../../app/console/access.js';
import { runOf } from '../../app/console/reports.js';
import { latestRollbackOf, rollbackPreview, startRunRollback } from '../../app/rollback.js';
import { listItems } from '../../engine/rollback/state.js';
import { csvRecord } from '../../report/csv.js';
import { ROLLED_BACK_COLUMNS } from '../../report/rolled-back.js';
import type { Html } from '../../console/html.js';
import { rollbackBody, ROLLBACK_TEXTS } from '../../console/pages/rollback.js';
import { InputError } from '../../errors.js';

export interface ConsoleRollbackContext {
  db: Knex;
  base: string;
  actorOf(res: Response): ConsoleActor;
  send(res: Response, status: number, title: string, active: string, body: Html): void;
}

export function consoleRollbackRoutes(router: Router, c: ConsoleRollbackContext): void {
  const show = async (req: Request, res: Response, status: number, error?: string) => {
    const actor = c.actorOf(res);
    const run = await runOf(c.db, actor, String(req.params.runId));
    const locale = res.locals.locale ?? 'en';
    const view = {
      runId: run.runId,
      plan: await rollbackPreview(c.db, run.migrationId, run.runId),
      rollback: await latestRollbackOf(c.db, run.migrationId, run.runId),
      operator: actor.isOperator,
      ...(error ? { error } : {}),
    };
    c.send(res, status, ROLLBACK_TEXTS[locale].title, '/console/reports', rollbackBody(view, c.base, locale));
  };
  router.get('/console/rollback/:runId', (req, res) => show(req, res, 200));
  router.post('/console/rollback/:runId', async (req, res) => {
    const actor = requireOperator(c.actorOf(res));
    const run = await runOf(c.db, actor, String(req.params.runId));
    const confirmed = (req.body as Record<string, unknown> | undefined)?.confirm === 'yes';
    try {
      await startRunRollback(c.db, run.migrationId, run.runId, confirmed);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return show(req, res, 400, error.message);
    }
    res.redirect(303, `${c.base}/console/rollback/${run.runId}`);
  });
  router.get('/console/rollback/:runId/rolled_back.csv', async (req, res) => {
    const run = await runOf(c.db, c.actorOf(res), String(req.params.runId));
    const rollback = await latestRollbackOf(c.db, run.migrationId, run.runId);
    res.type('text/csv; charset=utf-8');
    res.set(
      'Content-Disposition',
      `attachment; filename="${run.kind}-${run.runId.slice(0, 8)}-rolled_back.csv"`,
    );
    res.write(csvRecord(ROLLED_BACK_COLUMNS));
    if (rollback)
      for await (const r of listItems(c.db, rollback.id))
        if (!res.write(csvRecord([r.entity, r.source_id, r.target_id, r.status, r.reason])))
          await new Promise((resolve) => res.once('drain', resolve));
    res.end();
  });
}
