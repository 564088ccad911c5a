// /healthz: the process is alive. /readyz: the database answers and every migration is applied. Both are
// public: a refused /readyz says only "not ready" and a request id; the reason goes to the log.
import { Router } from 'express';
import type { Logger } from '../logger.js';
import { requestIdOf } from './request-id.js';

export interface Readiness {
  check(): Promise<{ ready: true } | { ready: false; reason: string }>;
}

export function healthRoutes(readiness: Readiness, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const requestId = requestIdOf(res);
    const result = await readiness.check().catch((err: unknown) => {
      logger.warn({ err, requestId }, 'readiness check failed');
      return { ready: false as const, reason: 'the check failed' };
    });
    if (result.ready) {
      res.json({ status: 'ready' });
      return;
    }
    logger.warn({ reason: result.reason, requestId }, 'not ready');
    res.status(503).json({ status: 'not_ready', message: 'Ferry is not ready yet.', requestId });
  });
  return router;
}
