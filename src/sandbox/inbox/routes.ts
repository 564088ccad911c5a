// The sandbox's Inbox preview (never mounted in production): GET / serves a page shaped like Intercom's Inbox
// with Ferry's app in the conversation-details panel. The page posts what the teammate did to
// /sandbox/canvas/*, and this router does what Intercom does: build the Canvas Kit request (2.11
// initialize_request / submit_request), sign the raw body (X-Body-Signature = hex HMAC-SHA256 with the app's
// client secret) and POST it to Ferry's own /canvas/* over HTTP, answering the page with Ferry's canvas.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { z } from 'zod';
import { signBody } from '../../intercom/signature.js';
import { SANDBOX_SOURCE } from './environment.js';
import { galleryCanvas } from './gallery.js';

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const FILES: Record<string, string> = { 'inbox.js': 'text/javascript', 'inbox.css': 'text/css' };

export interface SandboxAdmin {
  id: string;
  name: string;
  email: string;
}

export interface InboxRouteDeps {
  clientSecret: string;
  /** Intercom's workspace id of the sandbox workspace (Canvas Kit's workspace_id). */
  workspaceId: string;
  /** The teammates the preview can act as: the first installed Ferry; the others see status only. */
  admins: SandboxAdmin[];
  /** Where Ferry itself listens (known once the server is up): the preview calls it as Intercom would. */
  selfUrl(): string;
}

const pageInput = z.object({
  adminId: z.string().optional(),
  component_id: z.string().optional(),
  input_values: z.record(z.string(), z.unknown()).default({}),
  current_canvas: z.record(z.string(), z.unknown()).optional(),
  locale: z.enum(['en', 'de']).default('en'),
});

/** The request Intercom would send, for the preview's one sample conversation. */
export function canvasRequest(
  deps: Pick<InboxRouteDeps, 'workspaceId' | 'admins'>,
  kind: 'initialize' | 'submit',
  input: z.infer<typeof pageInput>,
): Record<string, unknown> {
  const admin = deps.admins.find((a) => a.id === input.adminId) ?? deps.admins[0]!;
  const base = {
    workspace_id: deps.workspaceId,
    workspace_region: 'us',
    admin: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
    context: { conversation_id: 1, location: 'conversation', locale: input.locale },
    conversation: { type: 'conversation', id: '1' },
    contact: { type: 'user', id: 'sandbox-contact', name: 'Sample customer' },
  };
  if (kind === 'initialize') return { ...base, card_creation_options: {} };
  return {
    ...base,
    component_id: input.component_id ?? '',
    input_values: input.input_values,
    current_canvas: input.current_canvas ?? {},
  };
}

export function inboxRoutes(deps: InboxRouteDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.type('html').send(await readFile(path.join(STATIC_DIR, 'inbox.html'), 'utf8'));
  });
  router.get('/sandbox/static/:file', async (req, res, next) => {
    const type = FILES[req.params.file];
    if (!type) return next();
    res.type(type).send(await readFile(path.join(STATIC_DIR, req.params.file), 'utf8'));
  });
  router.get('/sandbox/gallery.json', (_req, res) => {
    res.json(galleryCanvas());
  });
  router.get('/sandbox/admins', (_req, res) => {
    // The landing page names the sample help desk's credentials (the console's form shows them too).
    res.json({ admins: deps.admins, sample: SANDBOX_SOURCE });
  });
  router.post('/sandbox/canvas/:kind', async (req, res, next) => {
    const kind = req.params.kind;
    if (kind !== 'initialize' && kind !== 'submit') return next();
    const input = pageInput.parse(req.body ?? {});
    const raw = JSON.stringify(canvasRequest(deps, kind, input));
    const answer = await fetch(`${deps.selfUrl()}/canvas/${kind}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Body-Signature': signBody(raw, deps.clientSecret) },
      body: raw,
    });
    res
      .status(answer.status)
      .type('json')
      .send(await answer.text());
  });
  return router;
}
