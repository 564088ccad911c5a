// Ticket-type list attributes against the Intercom emulator: options read back with their ids, and the
// source's options an existing list attribute lacks added when the settings allow (issue 11 §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMissingListOptions, listItemIds } from '../../src/engine/list-options.js';
import type { FieldDefinition } from '../../src/model/canonical.js';
import {
  expectNoViolations,
  startIntercomEmulator,
  type RunningIntercomEmulator,
} from '../../src/sandbox/intercom/index.js';
import { parseSettings } from '../../src/settings/settings.js';
import { listItemLabel } from '../../src/transform/field-value.js';
import { clientFor } from '../intercom/helpers.js';

const region: FieldDefinition = {
  id: '7',
  scope: 'ticket',
  key: '7',
  title: 'Region',
  type: 'dropdown',
  rawType: 'tagger',
  options: [
    { value: 'emea', label: 'EMEA' },
    { value: 'apac', label: 'APAC' },
    { value: 'dach', label: 'DACH (Österreich, Schweiz)' },
  ],
  active: true,
  system: false,
};
const fieldOf = (scope: string, key: string) => (scope === 'ticket' && key === '7' ? region : undefined);
const settingsWith = (addMissingListOptions: boolean) =>
  parseSettings({
    mappings: { fields: [{ scope: 'ticket', key: '7', attribute: 'Region' }] },
    options: { addMissingListOptions },
  });

describe('list attributes of the ticket type', () => {
  let emu: RunningIntercomEmulator;
  beforeAll(async () => {
    emu = await startIntercomEmulator();
  });
  afterAll(async () => emu.close());

  async function typeWithRegion(name: string) {
    const c = clientFor(emu);
    const type = await c.createTicketType({ name });
    await c.createTicketTypeAttribute(type.id, {
      name: 'Region',
      description: 'Region',
      data_type: 'list',
      list_items: 'EMEA',
    });
    const read = async () => (await c.listTicketTypes()).find((t) => t.id === type.id)!;
    return { c, read };
  }

  it('when an existing list attribute lacks source options and the settings allow, then they are added and every label has its item id', async () => {
    const { c, read } = await typeWithRegion('Allowed');
    const before = listItemIds((await read()).ticket_type_attributes!.ticket_type_attributes, []);
    const notes: string[] = [];
    const changed = await addMissingListOptions(
      { intercom: c, settings: settingsWith(true) },
      await read(),
      fieldOf,
      notes,
    );
    expect(changed).toBe(true);
    expect(notes).toEqual([]);
    const after = listItemIds((await read()).ticket_type_attributes!.ticket_type_attributes, notes);
    expect(Object.keys(after['Region']!)).toEqual([
      'EMEA',
      'APAC',
      listItemLabel('DACH (Österreich, Schweiz)'),
    ]);
    expect(after['Region']!['EMEA']).toBe(before['Region']!['EMEA']);
    // Nothing left to add: a second pass changes nothing.
    expect(
      await addMissingListOptions(
        { intercom: c, settings: settingsWith(true) },
        await read(),
        fieldOf,
        notes,
      ),
    ).toBe(false);
    expectNoViolations(emu);
  });

  it('when adding options is off, then none is added and a note names the missing ones', async () => {
    const { c, read } = await typeWithRegion('Not allowed');
    const notes: string[] = [];
    const changed = await addMissingListOptions(
      { intercom: c, settings: settingsWith(false) },
      await read(),
      fieldOf,
      notes,
    );
    expect(changed).toBe(false);
    expect(notes).toEqual([
      expect.stringMatching(
        /^ticket attribute Region lacks the options "APAC", "DACH \(Österreich‚ Schweiz\)"/,
      ),
    ]);
  });

  it('when Intercom lists a list attribute’s options without ids, then a note says no value can be set', () => {
    const notes: string[] = [];
    const ids = listItemIds(
      [{ id: '1', name: 'Region', data_type: 'list', input_options: { list_options: [{ label: 'EMEA' }] } }],
      notes,
    );
    expect(ids).toEqual({ Region: {} });
    expect(notes).toEqual([
      'ticket attribute Region: Intercom lists its options without ids, so no value can be set',
    ]);
  });
});
