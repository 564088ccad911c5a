// Canvas Kit endpoints. Story: check the signature over the raw bytes, parse the request, call the use case.
// A missing or wrong signature is a 401 before anything is read or changed.
import { Router, type Request } from 'express';
import { initializeRequestSchema, submitRequestSchema } from '../../../canvas/requests.js';
import type { WizardDeps } from '../../app/wizard/ports.js';
import { handleWizardSubmit, renderWizard } from '../../app/wizard/wizard.js';
import { SignatureError } from '../../errors.js';
import { verifyBodySignature } from '../../intercom/signature.js';
import { rawBodyOf } from '../raw-body.js';

export interface CanvasRouteDeps extends WizardDeps {
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
    res.json(await renderWizard(deps, initializeRequestSchema.parse(req.body)));
  });
  router.post('/canvas/submit', async (req, res) => {
    requireBodySignature(req, deps.clientSecret);
    res.json(await handleWizardSubmit(deps, submitRequestSchema.parse(req.body)));
  });
  return router;
}
