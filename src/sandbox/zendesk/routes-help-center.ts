// Help Center API endpoints (paths and shapes: /work/shared/specs/zendesk/helpcenter-oas.yaml), and the
// attachment files themselves.
import { Router, type Request, type Response } from 'express';
import { deterministicChunk, withOrigin, type SampleAccount } from '../sample-account/index.js';
import { ApiError, jsonPaths, listPage } from './paging.js';
import {
  renderArticle,
  renderArticleAttachment,
  renderCategory,
  renderSection,
  renderTranslation,
} from './render.js';

export function helpCenterRoutes(a: SampleAccount, origin: () => string): Router {
  const r = Router();
  const articles = (): ReturnType<SampleAccount['articles']> =>
    a.articles().map((x) => withOrigin(x, origin()));
  const article = (req: Request) => {
    const found = articles().find((x) => x.id === String(req.params['id']));
    if (!found) throw new ApiError(404, { error: 'RecordNotFound', description: 'Not found' });
    return found;
  };

  r.get(jsonPaths('/api/v2/help_center/categories'), (req, res) => {
    const list = a.categories();
    res.json(
      listPage(req, origin(), 'categories', list.length, (i) => renderCategory(origin(), list[i]!), {
        defaultSize: 30,
      }),
    );
  });
  r.get(jsonPaths('/api/v2/help_center/sections'), (req, res) => {
    const list = a.sections();
    res.json(
      listPage(req, origin(), 'sections', list.length, (i) => renderSection(origin(), list[i]!), {
        defaultSize: 30,
      }),
    );
  });
  r.get(jsonPaths('/api/v2/help_center/articles'), (req, res) => {
    const list = articles();
    res.json(
      listPage(req, origin(), 'articles', list.length, (i) => renderArticle(origin(), list[i]!), {
        defaultSize: 30,
      }),
    );
  });
  r.get(jsonPaths('/api/v2/help_center/articles/:id/translations'), (req, res) => {
    const x = article(req);
    res.json({ translations: x.translations.map((t, i) => renderTranslation(origin(), x.id, t, i)) });
  });
  r.get(jsonPaths('/api/v2/help_center/articles/:id/attachments'), (req, res) => {
    const x = article(req);
    res.json({ article_attachments: x.attachments.map((f) => renderArticleAttachment(x.id, f)) });
  });
  return r;
}

/** Serves attachment bytes; files over LAZY_FILE_BYTES are streamed from a repeated deterministic block. */
export function attachmentRoute(a: SampleAccount): Router {
  const r = Router();
  r.get('/attachments/:id/:name', (req: Request, res: Response) => {
    const file = a.attachmentBytes(String(req.params['id']));
    if (!file) {
      res.status(404).json({ error: 'RecordNotFound' });
      return;
    }
    res.set('Content-Type', file.contentType);
    if (Buffer.isBuffer(file.bytes)) {
      res.set('Content-Length', String(file.bytes.length)).end(file.bytes);
      return;
    }
    const total = file.bytes;
    const block = deterministicChunk(String(req.params['id']));
    res.set('Content-Length', String(total));
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        const chunk = block.subarray(0, Math.min(block.length, total - sent));
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => (sent = total));
    pump();
  });
  return r;
}
