// Canvas Kit endpoints. Story: check the signature over the raw bytes, parse the request, call the use case.
// A missing or wrong signature is a 401 before anything is read or changed.
import { Router, type Request } from 'express';
import { initializeRequestSchema, submitRequestSchema } from '../../../canvas/requests.js';
import { handleHomeSubmit, renderHome, type HomeDeps } from '../../app/canvas-home.js';
import { SignatureError } from '../../errors.js';
import { verifyBodySignature } from '../../intercom/signature.js';
import { rawBodyOf } from '../raw-body.js';

export interface CanvasRouteDeps extends HomeDeps {
  /** The app's client secret (the sandbox's generated one when no Intercom app is configured). */
  clientSecret: string | undefined;
}

export function requireBodySignature(req: Request, clientSecret: string | undefined): void {
  if (!verifyBodySignature(rawBodyOf(req), req.get('x-body-signature'), clientSecret)) {
    throw new SignatureError('Missing or invalid X-Body-Signature.');
  }
}

export function canvasRoutes(deps: CanvasRouteDeps): Router {
  const router = Router();
  router.post('/canvas/initialize', async (req, res) => {
    requireBodySignature(req, deps.clientSecret);
    res.json(await renderHome(deps, initializeRequestSchema.parse(req.body)));
  });
  router.post('/canvas/submit', async (req, res) => {
    requireBodySignature(req, deps.clientSecret);
    res.json(await handleHomeSubmit(deps, submitRequestSchema.parse(req.body)));
  });
  return router;
}
