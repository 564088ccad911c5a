// POST /intercom/uninstall: Intercom's uninstall call. The use case decides whether it is proven.
import { Router } from 'express';
import { uninstallWorkspace, type UninstallDeps } from '../../app/uninstall.js';
import { rawBodyOf } from '../raw-body.js';

export function uninstallRoutes(deps: UninstallDeps): Router {
  const router = Router();
  router.post('/intercom/uninstall', async (req, res) => {
    const outcome = await uninstallWorkspace(deps, {
      rawBody: rawBodyOf(req),
      signature: req.get('x-body-signature'),
      body: req.body,
    });
    res.json({ status: outcome });
  });
  return router;
}
