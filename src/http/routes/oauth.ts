// OAuth install: /oauth/install sends the admin to Intercom's authorize page with a signed, expiring state
// whose nonce is also set in a cookie (the callback must reach the same browser, once);
// /oauth/callback finishes the install and shows a plain success or failure page.
import { Router } from 'express';
import { installWorkspace, type InstallDeps } from '../../app/install.js';
import { FerryError } from '../../errors.js';
import { authorizeUrl, newStateNonce, signState, STATE_TTL_SECONDS } from '../../intercom/oauth.js';
import { parseRegion } from '../../intercom/regions.js';
import type { Logger } from '../../logger.js';
import { basePath, cookieValue } from '../cookies.js';
import { statusOf } from '../errors.js';
import { requestIdOf } from '../request-id.js';
import { escapeHtml, htmlPage } from './html-page.js';

export interface OAuthRouteDeps extends Omit<InstallDeps, 'secret'> {
  clientId: string;
  clientSecret: string;
  /** INTERCOM_APP_URL (the emulator), else Intercom's regional app host. */
  appUrl: string | undefined;
  logger: Logger;
}

export const OAUTH_NONCE_COOKIE = 'ferry_oauth';

export function oauthRoutes(deps: OAuthRouteDeps): Router {
  const router = Router();
  const installDeps: InstallDeps = { ...deps, secret: deps.clientSecret };
  // The state's nonce also goes into this cookie: the callback must come back to the browser that started.
  // SameSite=Lax: Intercom sends the admin back with a top-level GET, which carries it.
  const nonceCookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: new URL(deps.publicUrl).protocol === 'https:',
    path: `${basePath(deps.publicUrl)}/oauth`,
  };

  router.get('/oauth/install', (req, res) => {
    // ?region=eu|au for workspaces hosted outside the US (the admin knows it from their Intercom URL).
    const region = parseRegion(typeof req.query.region === 'string' ? req.query.region : undefined);
    const nonce = newStateNonce();
    res.cookie(OAUTH_NONCE_COOKIE, nonce, { ...nonceCookie, maxAge: STATE_TTL_SECONDS * 1000 });
    res.redirect(
      302,
      authorizeUrl({
        clientId: deps.clientId,
        redirectUri: `${deps.publicUrl}/oauth/callback`,
        state: signState(deps.clientSecret, region, STATE_TTL_SECONDS, nonce),
        region,
        ...(deps.appUrl ? { appUrl: deps.appUrl } : {}),
      }),
    );
  });

  router.get('/oauth/callback', async (req, res) => {
    try {
      const nonce = cookieValue(req, OAUTH_NONCE_COOKIE);
      res.clearCookie(OAUTH_NONCE_COOKIE, nonceCookie);
      const { me, consoleUrl } = await installWorkspace(installDeps, req.query, nonce);
      res.type('html').send(
        htmlPage(
          'Ferry is installed',
          `<p>Ferry is now installed on <strong>${escapeHtml(me.workspaceName ?? me.workspaceId)}</strong>.</p>
<p>To use it, open any conversation in your Intercom Inbox: Ferry is in the conversation's details panel on the right.</p>
<p><a class="button" href="${escapeHtml(consoleUrl)}">Open Ferry's console</a> (this link works for 15 minutes)</p>`,
        ),
      );
    } catch (err) {
      const status = err instanceof FerryError ? statusOf(err) : 502;
      const requestId = requestIdOf(res);
      if (status >= 500) deps.logger.error({ err, requestId }, 'oauth callback failed');
      const message =
        status < 500 && err instanceof FerryError
          ? err.message
          : `Ferry could not reach Intercom to finish the install. Please try again in a minute. (Request id ${requestId}.)`;
      res
        .status(status >= 500 ? 502 : status)
        .type('html')
        .send(
          htmlPage('Ferry was not installed', `<p>${escapeHtml(message)}</p><p>Nothing was changed.</p>`),
        );
    }
  });
  return router;
}
