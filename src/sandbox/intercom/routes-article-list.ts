// GET /articles (2.16 article_list): every article in one page, so the engine can find one whose creation
// answer was lost; GET /articles/{id}, which verification reads (a separate file: the help-center writes
// live in routes-tickets.ts).
import { Router } from 'express';
import { errorList } from './guards.js';
import type { EmulatorState } from './state.js';

export function articleListRoutes(state: EmulatorState): Router {
  const r = Router();
  r.get('/articles', (_req, res) => {
    const data = [...state.articles.values()].map((a) => ({ type: 'article', ...a }));
    res.json({
      type: 'list',
      pages: { type: 'pages', page: 1, per_page: Math.max(1, data.length), total_pages: 1 },
      total_count: data.length,
      data,
    });
  });
  r.get('/articles/:id', (req, res) => {
    const a = state.articles.get(req.params.id);
    if (!a) return void res.status(404).json(errorList('not_found', 'Resource Not Found'));
    res.json({ type: 'article', ...a });
  });
  return r;
}
