// What the CLI tells the person at the terminal: messages on stderr (stdout keeps the result), one line each.

export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints "ferry: message" and answers exit code 1. */
export function fatal(message: string): 1 {
  process.stderr.write(`ferry: ${message}\n`);
  return 1;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
