// The account export job flow: POST /api/v2/account/export starts a job (admins only; `date_range` is
// required), polling its link reports progress, and at 100 the job names a download URL. The real file's
// format is not public (a ZIP in practice); the emulator serves JSON so the connector's reading of it can be
// tested, and `accountExport: false` makes it refuse so the fallback is tested too (QUIRKS.md).
import { Router } from 'express';
import { sendError } from './gate.js';
import { origin } from './pages.js';
import type { TicketIndex } from './routes-tickets.js';

export function exportRoutes(index: TicketIndex, o: { enabled: boolean; pollsUntilDone: number }): Router {
  const r = Router();
  const jobs = new Map<string, { polls: number }>();

  r.post('/api/v2/account/export', (req, res) => {
    if (!o.enabled || !res.locals.admin) {
      return sendError(res, 403, {
        code: 'access_denied',
        message: 'You are not authorized to perform this action.',
      });
    }
    const body = (req.body ?? {}) as { date_range?: unknown };
    if (!body.date_range || typeof body.date_range !== 'object') {
      return sendError(res, 400, {
        description: 'Validation failed',
        errors: [{ field: 'date_range', message: 'It should be a/an key/value pair', code: 'missing_field' }],
      });
    }
    const id = String(jobs.size + 1);
    jobs.set(id, { polls: 0 });
    res.status(202).json({ job: { id, link: { href: `${origin(req)}/api/v2/account/export/${id}` } } });
  });

  r.get('/api/v2/account/export/:id', (req, res) => {
    const job = jobs.get(req.params.id);
    if (!job) return sendError(res, 404, { message: 'Not found' });
    job.polls++;
    const done = job.polls >= o.pollsUntilDone;
    res.json({
      id: req.params.id,
      status: done ? 'completed' : 'in_progress',
      progress: done ? 100 : Math.floor((100 * job.polls) / o.pollsUntilDone),
      data: done
        ? { download_attachment: { url: `${origin(req)}/api/v2/account/export/${req.params.id}/file` } }
        : {},
    });
  });

  r.get('/api/v2/account/export/:id/file', (req, res) => {
    if (!jobs.has(req.params.id)) return sendError(res, 404, { message: 'Not found' });
    const tickets: Array<{ id: number; archived: boolean }> = [];
    for (let i = 0; i < index.archived.length; i++)
      tickets.push({ id: i + 1, archived: index.archived[i] === 1 });
    res.json({ tickets });
  });
  return r;
}
