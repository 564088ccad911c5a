// CSV as RFC 4180 says: fields separated by commas, records ended by CRLF, a field quoted when it holds a
// comma, a double quote, CR or LF (or starts/ends with spaces, which some readers trim), quotes doubled.
// https://www.rfc-editor.org/rfc/rfc4180#section-2

// Every CSV Ferry writes goes through csvField, which also neutralises formulas: a text cell that begins with
// = + - @, a tab or a carriage return is read by spreadsheets as a formula (CSV injection), so it gets a
// leading single quote and is quoted (OWASP's rule, owasp.org "CSV Injection"). Reasons and ids come from
// the help desk's data, which any end user can influence. Numbers passed as numbers are left alone.

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^\s*[=+\-@＝＋－＠]|^[\t\r]/;

/** One field; null and undefined become the empty field. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Splits CSV text back into records (tests and tools read the reports with it). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}
