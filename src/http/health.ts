// /healthz: the process is alive. /readyz: the database answers and every migration is applied.
import { Router } from 'express';

export interface Readiness {
  check(): Promise<{ ready: true } | { ready: false; reason: string }>;
}

export function healthRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const result = await readiness.check().catch((err: unknown) => ({
      ready: false as const,
      reason: err instanceof Error ? err.message : String(err),
    }));
    if (result.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not_ready', reason: result.reason });
  });
  return router;
}
