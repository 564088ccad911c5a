// ---- flosses block (issue 11 part 2) ----
// The ticket activities export: GET /api/v2/export/ticket_activities?created_at=YYYY-MM-DD names the file of
// that day's activities ({export: [{created_at, url}]}); the file ({activities_data: [...]}, times as
// "dd-mm-yyyy HH:MM:SS +0000") sits on a file host without the API key. Freshdesk keeps a day's file for 30
// days, only when the admin turned the export on (QUIRKS.md). The emulator's "now" is an option, so that the
// sample account's old events can fall inside the window in tests.
import { Router } from 'express';
import type { SampleAccount } from '../sample-account/index.js';
import { sendError } from './gate.js';
import { origin } from './pages.js';
import { renderActivity } from './render.js';

export const ACTIVITY_EXPORT_DAYS = 30;
const DAY = 86_400_000;

export interface ActivityExportOptions {
  /** false: the export is off (or not on the plan): 403 as for any feature the account lacks. */
  enabled: boolean;
  now: () => Date;
}

export function activityRoutes(account: SampleAccount, o: ActivityExportOptions): Router {
  const r = Router();
  const day = (d: Date): string => d.toISOString().slice(0, 10);
  // Day → [ticket index, event] pairs; events are a few per ticket, so the whole account is indexed once.
  let byDay: Map<string, Array<{ i: number; k: number }>> | null = null;
  const index = () => {
    if (byDay) return byDay;
    byDay = new Map();
    for (let i = 0; i < account.size.tickets; i++)
      account.ticketEvents(i).forEach((e, k) => {
        const list = byDay!.get(e.createdAt.slice(0, 10)) ?? [];
        list.push({ i, k });
        byDay!.set(e.createdAt.slice(0, 10), list);
      });
    return byDay;
  };
  const kept = (date: string): boolean => {
    const t = Date.parse(`${date}T00:00:00Z`);
    const today = Date.parse(`${day(o.now())}T00:00:00Z`);
    return !Number.isNaN(t) && t <= today && t > today - ACTIVITY_EXPORT_DAYS * DAY;
  };

  r.get('/api/v2/export/ticket_activities', (req, res) => {
    if (!o.enabled || !res.locals.admin)
      return sendError(res, 403, {
        code: 'access_denied',
        message: 'You are not authorized to perform this action.',
      });
    const date = String(req.query.created_at ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      return sendError(res, 400, {
        description: 'Validation failed',
        errors: [
          { field: 'created_at', message: 'It should be in the YYYY-MM-DD format', code: 'invalid_value' },
        ],
      });
    if (!kept(date)) return sendError(res, 404, { code: 'not_found', message: 'No export for that day' });
    res.json({
      export: [{ created_at: `${date}T23:59:59Z`, url: `${origin(req)}/activity-exports/${date}.json` }],
    });
  });

  // The file host: no API key (a signed link in Freshdesk).
  r.get('/activity-exports/:date.json', (req, res) => {
    const date = req.params.date;
    if (!kept(date)) return void res.status(404).end();
    const data = (index().get(date) ?? []).map(({ i, k }) => renderActivity(account.ticketEvents(i)[k]!));
    res.json({ activities_data: data });
  });
  return r;
}
// ---- end flosses block ----
