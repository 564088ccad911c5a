// Freshdesk's page/per_page paging as the emulator serves it: per_page at most 100 (default 30), a
// `link: <…>; rel="next"` header while more follows, and, on GET /tickets, no page past 300.
import type { Request, Response } from 'express';
import { sendError } from './gate.js';

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Reads page/per_page; answers the vendor's validation error and returns null when they are wrong. */
export function readPage(req: Request, res: Response, maxPage: number | null): PageRequest | null {
  const page = req.query.page === undefined ? 1 : Number(req.query.page);
  const perPage = req.query.per_page === undefined ? 30 : Number(req.query.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    sendError(res, 400, {
      description: 'Validation failed',
      errors: [
        {
          field: 'per_page',
          message: 'It should be a Positive Number less than or equal to 100',
          code: 'invalid_value',
        },
      ],
    });
    return null;
  }
  if (!Number.isInteger(page) || page < 1) {
    sendError(res, 400, {
      description: 'Validation failed',
      errors: [{ field: 'page', message: 'It should be a Positive Number', code: 'invalid_value' }],
    });
    return null;
  }
  if (maxPage !== null && page > maxPage) {
    // The exact error Freshdesk sends past page 300 (airbyte issue #3858).
    sendError(res, 400, {
      description: 'Validation failed',
      errors: [
        {
          field: 'page',
          message: `You cannot access tickets beyond the ${maxPage}th page. Please provide a smaller page number.`,
          code: 'invalid_value',
        },
      ],
    });
    return null;
  }
  return { page, perPage };
}

export function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** Sends items [from, to) of a list of `total`, with the link header when more follows. */
export function sendPage(
  req: Request,
  res: Response,
  p: PageRequest,
  total: number,
  render: (position: number) => unknown,
): void {
  const from = (p.page - 1) * p.perPage;
  const to = Math.min(total, from + p.perPage);
  const items: unknown[] = [];
  for (let i = from; i < to; i++) items.push(render(i));
  if (to < total) {
    const url = new URL(req.originalUrl, origin(req));
    url.searchParams.set('page', String(p.page + 1));
    url.searchParams.set('per_page', String(p.perPage));
    res.set('link', `<${url.toString()}>; rel="next"`);
  }
  res.json(items);
}
