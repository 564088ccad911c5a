import { describe, expect, it } from 'vitest';
import { contentHash, stableJson } from '../../src/transform/content-hash.js';
import { ticketMatchesFilters } from '../../src/transform/filters.js';
import { recordTags, toTagCreate, toTagObject } from '../../src/transform/tags.js';
import { parseSettings } from '../../src/settings/settings.js';
import { ticket } from './fixtures.js';

describe('recordTags', () => {
  it('when tags repeat in another case, then each is sent once and the migrated tag is added', () => {
    expect(recordTags(['VIP', 'vip', ' billing ', ''], parseSettings({}), 'zendesk')).toEqual([
      'VIP',
      'billing',
      'migrated-from-zendesk',
    ]);
  });

  it('when the migrated tag is off, then only source tags remain', () => {
    expect(recordTags(['a'], parseSettings({ options: { tagMigrated: false } }), 'zendesk')).toEqual(['a']);
  });

  it('when tag bodies are made, then they have the 2.16 shapes', () => {
    expect(toTagCreate('x')).toEqual({ name: 'x' });
    expect(toTagObject('7', '999')).toEqual({ id: '7', admin_id: '999' });
  });
});

describe('ticketMatchesFilters', () => {
  const f = (filters: object) => parseSettings({ filters }).filters;

  it('when no filter is set, then every ticket matches', () => {
    expect(ticketMatchesFilters(ticket(), f({}))).toBe(true);
  });

  it('when a date range is set, then from is inclusive and to exclusive', () => {
    const t = ticket({ createdAt: '2024-01-01T00:00:00Z' });
    expect(ticketMatchesFilters(t, f({ createdFrom: '2024-01-01' }))).toBe(true);
    expect(ticketMatchesFilters(t, f({ createdTo: '2024-01-01' }))).toBe(false);
    expect(ticketMatchesFilters(t, f({ createdFrom: '2024-01-01T00:00:01Z' }))).toBe(false);
  });

  it('when tags, groups, organizations and assignees are set, then all must match (any value within each)', () => {
    const t = ticket({ tags: ['VIP'], groupId: 'g1', companyId: 'o1', assigneeId: 'a1' });
    expect(
      ticketMatchesFilters(
        t,
        f({ tags: ['vip', 'x'], groupIds: ['g1'], organizationIds: ['o1', 'o2'], assigneeIds: ['a1'] }),
      ),
    ).toBe(true);
    expect(ticketMatchesFilters(t, f({ tags: ['other'] }))).toBe(false);
    expect(ticketMatchesFilters(t, f({ groupIds: ['g2'] }))).toBe(false);
    expect(ticketMatchesFilters(ticket({ assigneeId: null }), f({ assigneeIds: ['a1'] }))).toBe(false);
  });

  it('when custom field values are set, then the field must hold one of them (multiselect arrays included)', () => {
    const t = ticket({ customFields: { region: 'EMEA', modules: ['a', 'b'], seats: 5 } });
    expect(ticketMatchesFilters(t, f({ customFieldValues: [{ key: 'region', values: ['EMEA'] }] }))).toBe(
      true,
    );
    expect(
      ticketMatchesFilters(
        t,
        f({
          customFieldValues: [
            { key: 'modules', values: ['b'] },
            { key: 'seats', values: ['5'] },
          ],
        }),
      ),
    ).toBe(true);
    expect(ticketMatchesFilters(t, f({ customFieldValues: [{ key: 'region', values: ['APAC'] }] }))).toBe(
      false,
    );
    expect(ticketMatchesFilters(t, f({ customFieldValues: [{ key: 'missing', values: ['x'] }] }))).toBe(
      false,
    );
  });
});

describe('contentHash', () => {
  it('when keys come in another order, then the hash is the same', () => {
    expect(contentHash({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      contentHash({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('when a value changes, then the hash changes', () => {
    expect(contentHash(ticket())).not.toBe(contentHash(ticket({ subject: 'other' })));
    expect(contentHash(ticket())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when members are undefined, then they count as absent', () => {
    expect(stableJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
