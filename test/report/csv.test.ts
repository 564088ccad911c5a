import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, parseCsv } from '../../src/report/csv.js';

describe('CSV escaping (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', '" padded "'],
    ['', ''],
  ])('when a field is %j, then it is written as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('when a field is null, then it is the empty field', () => {
    expect(csvRecord(['a', null, 'c'])).toBe('a,,c\r\n');
  });

  it('when records with every special character are written, then they parse back unchanged', () => {
    const records = [
      ['entity', 'source_id', 'target_id', 'status', 'reason'],
      ['tickets', '1', '', 'failed', 'Intercom said: "title, too long"\r\nsecond line'],
      ['comments', '2', '99', 'skipped', ' leading space, and "quotes"'],
    ];
    const text = records.map(csvRecord).join('');
    expect(parseCsv(text)).toEqual(records);
  });
});
