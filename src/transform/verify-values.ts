// What verification concludes about one record, and the value comparisons every entity shares (pure).

export type Verdict =
  | { outcome: 'matched' }
  | { outcome: 'mismatched'; problems: string[] }
  | { outcome: 'unverifiable'; reason: string };

export function verdictOf(problems: readonly string[]): Verdict {
  return problems.length === 0 ? { outcome: 'matched' } : { outcome: 'mismatched', problems: [...problems] };
}

const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

/** Same value once read back: Intercom may answer a number as a string, or a list item by its label. */
export function sameValue(expected: unknown, actual: unknown, labels: Record<string, string> = {}): boolean {
  if (actual === undefined || actual === null || actual === '') return expected === '' || expected == null;
  if (typeof expected === 'string' && typeof actual === 'string')
    return expected.trim() === actual.trim() || labels[expected] === actual;
  if (typeof expected === 'number' && typeof actual !== 'boolean') return Number(actual) === expected;
  if (typeof expected === 'boolean') return actual === expected || String(actual) === String(expected);
  return String(expected) === String(actual);
}

/** One problem per attribute Ferry wrote that Intercom shows differently (or not at all). */
export function compareAttributes(
  expected: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
  labels: Record<string, string> = {},
): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name];
    if (sameValue(value, got, labels)) continue;
    const wrote = quoted(labels[String(value)] ?? value);
    problems.push(
      got === undefined || got === null || got === ''
        ? `Attribute "${name}" is empty in Intercom; Ferry wrote ${wrote}.`
        : `Attribute "${name}" is ${quoted(got)} in Intercom; Ferry wrote ${wrote}.`,
    );
  }
  return problems;
}
