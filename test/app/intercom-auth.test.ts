// intercomAuth (the IntercomAuthPort) against the emulator: only Intercom's 401 on GET /me means "unauthorized"
// (the uninstall proof); every other failure stays an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intercomAuth } from '../../src/app/intercom-auth.js';
import { ConfigurationError } from '../../src/errors.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { silent } from '../intercom/helpers.js';

let emu: RunningIntercomEmulator;
beforeAll(async () => {
  emu = await startIntercomEmulator();
});
afterAll(async () => {
  await emu.close();
});

const auth = () => intercomAuth({ clientId: 'c', clientSecret: 's', apiUrl: emu.url, logger: silent });

describe('intercomAuth.me', () => {
  it('when the token is good, then the workspace is read from GET /me', async () => {
    const me = await auth().me(emu.accessToken, 'us');
    expect(me).toMatchObject({ workspaceId: 'emu12345' });
  });

  it('when GET /me answers 401 (token revoked), then it says unauthorized instead of throwing', async () => {
    expect(await auth().me('revoked-token', 'us')).toBe('unauthorized');
  });

  it('when GET /me answers 403, then it throws (only a 401 proves an uninstall)', async () => {
    emu.failNext({ kind: { status: 403 }, path: '/me' });
    await expect(auth().me(emu.accessToken, 'us')).rejects.toBeInstanceOf(ConfigurationError);
  });
});
