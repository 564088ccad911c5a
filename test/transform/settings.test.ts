import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  defaultSettings,
  migratedTagName,
  parseSettings,
  settingsExample,
} from '../../src/settings/settings.js';

describe('parseSettings', () => {
  it('when nothing is given, then every default applies', () => {
    const s = defaultSettings();
    expect(s.entities).toEqual(['contacts', 'companies', 'tickets', 'articles']);
    expect(s.target).toBe('tickets');
    expect(s.ticketTypeName).toBe('Migrated ticket');
    expect(s.options.attachmentsPerPart).toBe(5);
    expect(s.options.maxAttachmentBytes).toBe(40 * 1024 * 1024);
    expect(s.options.translations).toBe(true);
    expect(s.options.createEmptyCompanies).toBe(false);
    expect(s.options.inactiveAgents).toBe('fallback');
    expect(s.filters.tags).toEqual([]);
    expect(s.mappings.fields).toEqual([]);
    expect(parseSettings(undefined)).toEqual(s);
  });

  it('when the documented example is parsed, then it is valid and keeps its values', () => {
    const s = parseSettings(settingsExample);
    expect(s.mappings.agents['1002']).toBeNull();
    expect(s.mappings.fields[0]).toEqual({
      scope: 'ticket',
      key: '360001',
      attribute: 'Product',
      create: true,
    });
    expect(s.filters.customFieldValues).toEqual([{ key: 'region', values: ['EMEA'] }]);
  });

  it('when a nested option is partly given, then the other options keep their defaults', () => {
    const s = parseSettings({ options: { oldIdInSubject: true } });
    expect(s.options.oldIdInSubject).toBe(true);
    expect(s.options.attachmentsPerPart).toBe(5);
  });

  it.each([
    [{ options: { attachmentsPerPart: 11 } }, 'options.attachmentsPerPart'],
    [{ options: { maxAttachmentBytes: 200 * 1024 * 1024 } }, 'options.maxAttachmentBytes'],
    [{ target: 'emails' }, 'target'],
    [{ entities: [] }, 'entities'],
    [{ filters: { createdFrom: 'yesterday' } }, 'filters.createdFrom'],
    [{ options: { defaultPhoneCountry: 'germany' } }, 'options.defaultPhoneCountry'],
  ])('when %j is given, then an InputError names %s', (input, field) => {
    try {
      parseSettings(input);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
      expect((e as Error).message).toContain(`settings.${field}`);
    }
  });

  it('when entities repeat, then each is kept once', () => {
    expect(parseSettings({ entities: ['tickets', 'tickets', 'contacts'] }).entities).toEqual([
      'tickets',
      'contacts',
    ]);
  });

  it('when the migrated tag has no name, then it is "migrated-from-<platform>"; off → null', () => {
    expect(migratedTagName(defaultSettings(), 'freshdesk')).toBe('migrated-from-freshdesk');
    expect(migratedTagName(parseSettings({ options: { migratedTagName: 'Ferry' } }), 'zendesk')).toBe(
      'Ferry',
    );
    expect(migratedTagName(parseSettings({ options: { tagMigrated: false } }), 'zendesk')).toBeNull();
  });
});

describe('settings.example.json', () => {
  it('when the example file for --settings is read, then it equals the exported example and parses', async () => {
    const { readFile } = await import('node:fs/promises');
    const json: unknown = JSON.parse(
      await readFile(new URL('../../src/settings/settings.example.json', import.meta.url), 'utf8'),
    );
    expect(json).toEqual(settingsExample);
    expect(parseSettings(json).options.attachmentsPerPart).toBe(5);
  });
});
