import { describe, expect, it } from 'vitest';
import { translator } from '../../canvas/i18n/index.js';
import { resultsOf, verificationLine, type RunView } from '../../canvas/screens/run-results.js';

const run = (verification?: RunView['verification']): RunView => ({
  id: 'r1',
  kind: 'full',
  status: 'completed',
  counts: [],
  ...(verification !== undefined ? { verification } : {}),
});

describe('the verification line on the results screen', () => {
  it('when the run was read back from Intercom, then one short line gives matched, mismatched and not verifiable', () => {
    const v = { matched: 58, mismatched: 1, unverifiable: 1 };
    expect(verificationLine(translator('en'), run(v))).toBe(
      'Verified: 58 matched · 1 mismatched · 1 not verifiable',
    );
    expect(verificationLine(translator('de'), run(v))).toBe(
      'Geprüft: 58 stimmen · 1 weichen ab · 1 nicht prüfbar',
    );
    expect(JSON.stringify(resultsOf(translator('en'), run(v)))).toContain('Verified: 58 matched');
  });

  it('when the run was not verified, then the screen says nothing about verification', () => {
    expect(verificationLine(translator('en'), run())).toBeNull();
    expect(JSON.stringify(resultsOf(translator('en'), run(null)))).not.toContain('Verified');
  });
});
