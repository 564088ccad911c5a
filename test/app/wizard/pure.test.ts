import { describe, expect, it } from 'vitest';
import { ADMIN_ITEMS } from '../../../canvas/screens/index.js';
import { estimateFullRun, timeLeft } from '../../../src/app/wizard/estimate.js';
import { changesSomething, decide, screenOf } from '../../../src/app/wizard/flow.js';
import { parseScope } from '../../../src/app/wizard/inputs.js';
import { checklistComplete, nextStep, parseProgress } from '../../../src/app/wizard/progress.js';
import { checkSubdomain } from '../../../src/app/wizard/subdomain.js';

describe('flow', () => {
  it('when Refresh is pressed, then the screen named in stored_data is shown again and nothing changes', () => {
    expect(decide('refresh', screenOf({ screen: 'demo' }))).toEqual({ kind: 'show', screen: 'demo' });
  });

  it('when stored_data names no known screen, then the overview is used', () => {
    expect(screenOf({ screen: 'admin-panel' })).toBe('home');
    expect(screenOf(undefined)).toBe('home');
  });

  it('when a component id is unknown or an input, then it only re-renders (never a change)', () => {
    for (const id of ['__proto__', 'constructor', 'drop_table', 'connect_subdomain']) {
      expect(changesSomething(decide(id, 'connect'))).toBe(false);
    }
  });

  it('when a button starts, pauses or saves something, then it is a change (operators only)', () => {
    for (const id of [
      'start',
      'connect_test',
      'scope_save',
      'full_start',
      'full_pause',
      'full_cancel',
      'full_delta',
      'full_postpone',
    ]) {
      expect(changesSomething(decide(id, 'home'))).toBe(true);
    }
  });
});

describe('next step', () => {
  const none = { demoDone: false, fullDone: false };
  const done = { ...parseProgress({}), source: { account: 'a', user: 'u', available: {}, checkedAt: 'x' } };

  it('when nothing is done, then the next step is connect; then scope, mapping, options, checklist', () => {
    expect(nextStep(parseProgress({}), none)).toBe('connect');
    expect(nextStep(done, none)).toBe('scope');
    expect(nextStep({ ...done, saved: ['scope'] }, none)).toBe('mapping');
    expect(nextStep({ ...done, saved: ['scope', 'mapping', 'options'] }, none)).toBe('checklist');
  });

  it('when the admin agreed but no demo ran, then the demo comes next and the checklist is not complete', () => {
    const agreed = {
      ...done,
      saved: ['scope', 'mapping', 'options'] as const,
      ticked: [...ADMIN_ITEMS],
      agreed: true,
      verified: { teammates: true, attributes: true },
    };
    const p = { ...agreed, saved: [...agreed.saved] };
    expect(nextStep(p, none)).toBe('demo');
    expect(checklistComplete(p, none)).toBe(false);
    expect(checklistComplete(p, { demoDone: true, fullDone: false })).toBe(true);
    expect(nextStep(p, { demoDone: true, fullDone: false })).toBe('full');
    expect(checklistComplete({ ...p, ticked: p.ticked.slice(1) }, { demoDone: true, fullDone: false })).toBe(
      false,
    );
  });

  it('when the stored progress is damaged, then each part falls back to its default', () => {
    expect(parseProgress({ saved: 'x', ticked: ['nope'], agreed: 'yes' })).toMatchObject({
      saved: [],
      ticked: [],
      agreed: false,
      source: null,
    });
  });
});

describe('subdomain', () => {
  it.each([
    ['', 'connect.error.subdomain_empty'],
    ['   ', 'connect.error.subdomain_empty'],
    ['acme.zendesk.com', 'connect.error.subdomain_dot'],
    ['https://acme.zendesk.com', 'connect.error.subdomain_slash'],
    ['acme/x', 'connect.error.subdomain_slash'],
    ['ac me', 'connect.error.subdomain_chars'],
    ['-acme', 'connect.error.subdomain_chars'],
  ])('when the subdomain is "%s", then the message is %s', (value, key) => {
    expect(checkSubdomain('zendesk', value)).toMatchObject({ ok: false, error: { key } });
  });

  it('when the subdomain is valid, then it is kept in lower case', () => {
    expect(checkSubdomain('freshdesk', ' Acme-2 ')).toEqual({ ok: true, subdomain: 'acme-2' });
  });
});

describe('scope input', () => {
  it('when a date is not a real YYYY-MM-DD day or the range is reversed, then the field says so', () => {
    const bad = parseScope({ scope_entities: ['tickets'], scope_from: '2024-02-30', scope_to: '' });
    expect(bad).toMatchObject({ ok: false, errors: { createdFrom: { key: 'scope.error.date' } } });
    const reversed = parseScope({
      scope_entities: ['tickets'],
      scope_from: '2024-05-01',
      scope_to: '2024-01-01',
    });
    expect(reversed).toMatchObject({ ok: false, errors: { createdTo: { key: 'scope.error.range' } } });
    expect(parseScope({ scope_entities: 'tickets' })).toMatchObject({ ok: false, errors: { entities: {} } });
  });
});

describe('estimates', () => {
  it('when tickets dominate, then the source rate limit (200/min) sets the duration', () => {
    const e = estimateFullRun({
      platform: 'zendesk',
      available: { tickets: 10_000, contacts: 4_000, companies: 500, articles: 100 },
      entities: ['tickets', 'contacts', 'companies', 'articles'],
      commentsPerTicket: 3,
    });
    expect(e.records).toBe(14_600);
    // contacts×2 + companies + tickets×2 + comments + articles
    expect(e.intercomCalls).toBe(8_000 + 500 + 20_000 + 30_000 + 100);
    expect(e.limitedBy).toBe('source');
    // (146 list pages + 10,000 comment calls) / 200 a minute
    expect(e.seconds).toBe(Math.round((10_146 / 200) * 60));
  });

  it('when a run has done a quarter in 10 minutes, then 30 minutes are left', () => {
    const counts = [
      {
        entity: 'tickets' as const,
        available: 100,
        total: 100,
        migrated: 20,
        failed: 3,
        skipped: 2,
        deletedInSource: 0,
      },
    ];
    const started = new Date('2026-01-01T10:00:00Z');
    expect(timeLeft(counts, started, new Date('2026-01-01T10:10:00Z'))).toBe(1_800);
    expect(timeLeft(counts, null, new Date())).toBeNull();
  });
});
