import { describe, expect, it } from 'vitest';
import { assigneeAdminId, originallyWrittenBy, resolveAgent } from '../../src/transform/author.js';
import { autoFieldMappings, matchAgents, matchFields, matchGroups } from '../../src/transform/matching.js';
import { agent, field, reference } from './fixtures.js';

describe('matchAgents / matchGroups / matchFields', () => {
  it('when agents and teammates share e-mails in different case, then they match and the summary counts them', () => {
    const r = matchAgents(
      [agent(), agent({ id: '2', email: 'nobody@x.io' }), agent({ id: '3', email: null })],
      [{ id: '111', name: 'A', email: ' ALICE@help.example ' }],
    );
    expect(r.matched.map((m) => [m.source.id, m.target.id])).toEqual([['9001', '111']]);
    expect(r.unmatched.map((a) => a.id)).toEqual(['2', '3']);
    expect(r.summary).toBe('1 of 3 agents matched by e-mail');
  });

  it('when groups and teams have the same name, then they match by name', () => {
    const r = matchGroups(
      [
        { id: 'g1', name: 'Tier  2 Support', description: null },
        { id: 'g2', name: 'Billing', description: null },
      ],
      [{ id: 't1', name: 'tier 2 support' }],
    );
    expect(r.matched).toEqual([
      { source: expect.objectContaining({ id: 'g1' }), target: { id: 't1', name: 'tier 2 support' } },
    ]);
    expect(r.summary).toBe('1 of 2 groups matched by name');
  });

  it('when fields match attributes of their own model only, then system and sensitive fields are left out', () => {
    const fields = [
      field({ key: 'region', title: 'Region' }),
      field({ key: 'plan', title: 'Plan', scope: 'contact' }),
      field({ key: 'status', title: 'Status', system: true }),
      field({ key: 'cc', title: 'Card', type: 'partialcreditcard' }),
    ];
    const r = matchFields(
      fields,
      [
        { name: 'Region', model: 'ticket', dataType: 'string' },
        { name: 'Plan', model: 'company', dataType: 'string' },
      ],
      'tickets',
    );
    expect(r.matched.map((m) => m.source.key)).toEqual(['region']);
    expect(r.unmatched.map((f) => f.key)).toEqual(['plan']);
    expect(r.summary).toBe('1 of 2 fields matched by name');
    expect(autoFieldMappings(r, true)).toEqual([
      { scope: 'ticket', key: 'region', attribute: 'Region', create: false },
      { scope: 'contact', key: 'plan', attribute: 'Plan', create: true },
    ]);
    expect(autoFieldMappings(r, false)).toHaveLength(1);
  });

  it('when tickets become conversations, then ticket fields match conversation attributes', () => {
    const r = matchFields(
      [field()],
      [{ name: 'region', model: 'conversation', dataType: 'string' }],
      'conversations',
    );
    expect(r.matched).toHaveLength(1);
  });
});

describe('resolveAgent', () => {
  it('when the mapping names a teammate, then that teammate writes', () => {
    expect(resolveAgent('9001', reference({ mappings: { agents: { '9001': '555' } } }))).toEqual({
      kind: 'admin',
      adminId: '555',
      via: 'mapping',
    });
  });

  it('when there is no mapping, then the teammate with the same e-mail (any case) writes', () => {
    expect(resolveAgent('9001', reference())).toEqual({ kind: 'admin', adminId: '111', via: 'email' });
  });

  it('when the agent is deactivated, then the fallback teammate writes with the original name', () => {
    expect(resolveAgent('9002', reference())).toMatchObject({
      kind: 'fallback',
      adminId: '999',
      originalName: 'Bob Gone',
    });
  });

  it('when deactivated agents are to be skipped, then the comment is skipped with a reason', () => {
    expect(resolveAgent('9002', reference({ options: { inactiveAgents: 'skip' } }))).toMatchObject({
      kind: 'skip',
    });
  });

  it('when the mapping says null or the agent is unknown, then the fallback teammate writes', () => {
    expect(resolveAgent('9001', reference({ mappings: { agents: { '9001': null } } }))).toMatchObject({
      kind: 'fallback',
    });
    expect(resolveAgent('4242', reference())).toMatchObject({ kind: 'fallback', originalName: 'agent 4242' });
  });

  it('when an assignee has no teammate, then no assignee (never the fallback)', () => {
    expect(assigneeAdminId('9001', reference())).toBe('111');
    expect(assigneeAdminId('9002', reference())).toBeNull();
    expect(assigneeAdminId(null, reference())).toBeNull();
  });

  it('when a name has HTML in it, then the attribution escapes it', () => {
    expect(originallyWrittenBy('<b>Eve</b>')).toBe(
      '<p><i>Originally written by &lt;b&gt;Eve&lt;/b&gt;</i></p>',
    );
  });
});
