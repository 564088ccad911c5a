// Usage texts of `ferry migrate`, `ferry report` and `ferry verify`, and the error that makes the CLI exit 2 with them.

export const MIGRATE_USAGE = `Usage: ferry migrate --from zendesk|freshdesk --from-url URL
         [--from-email E --from-token T | --from-key K] [--to-url URL] [--to-token T]
         [--demo | --delta] [--migration NAME] [--settings FILE]
         [--entities contacts,companies,tickets,articles] [--target tickets|conversations]
         [--report DIR] [--follow]

--follow keeps running after the run: Ferry subscribes to the source's changes (webhooks reaching PORT at
PUBLIC_URL) and applies them, one line each, until Ctrl-C (exit 0). \`ferry follow --stop\` with the same
arguments is the cutover: it removes the subscription and runs a last delta.

Credentials may come from the environment instead: ZENDESK_EMAIL, ZENDESK_API_TOKEN, FRESHDESK_API_KEY,
INTERCOM_ACCESS_TOKEN, INTERCOM_API_URL.
Exit codes: 0 finished, 1 fatal error, 2 bad usage, 3 paused (run the same command again to resume).
`;

export const REPORT_USAGE = `Usage: ferry report --migration NAME [--run ID] --report DIR
`;

export const VERIFY_USAGE = `Usage: ferry verify --migration NAME [--run ID] --report DIR
         [--from zendesk|freshdesk --from-url URL [--from-email E --from-token T | --from-key K]]
         [--to-url URL] [--to-token T]

Reads every record the run migrated back from Intercom and compares it with the source record; writes
verification.json and mismatches.csv (with the run's other reports) into DIR. The source credentials are
needed only when the run ended (its staged records are gone and are read again from the source).
Exit codes: 0 everything matches, 4 a mismatch was found, 1 fatal error, 2 bad usage, 3 stopped (Ctrl-C).
`;

export const ROLLBACK_USAGE = `Usage: ferry rollback --migration NAME [--run ID] [--yes] [--report DIR]
         [--to-url URL] [--to-token T]

Deletes from Intercom exactly what Ferry created in the run (in every run of the migration without --run),
in reverse dependency order; what Ferry only matched (a contact or company that was there before) is kept
and reported. Prints what it will delete per entity and asks to confirm (--yes: no question; without a
terminal, --yes is required). --report DIR writes rolled_back.csv. Running it again resumes it.
Exit codes: 0 everything Ferry created is gone (read back), 4 something could not be removed (see the csv),
1 fatal error, 2 bad usage (or no --yes without a terminal), 3 stopped (Ctrl-C) or not confirmed.
`;

/** Bad usage: the CLI prints the message and the usage on stderr and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { finished: 0, fatal: 1, usage: 2, paused: 3, mismatch: 4 } as const;
