// What the CLI tells the person at the terminal: messages on stderr (stdout keeps the result), one line each.
import { EXIT, UsageError } from './usage.js';

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

/**
 * A subcommand's frame: --help prints its usage (exit 0); parse the arguments, then run; bad usage prints the
 * message and the usage (exit 2); anything else thrown is fatal (exit 1) in one line.
 */
export async function runSubcommand<O>(
  argv: string[],
  usage: string,
  parse: (argv: string[]) => O,
  run: (options: O) => Promise<number>,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return EXIT.finished;
  }
  try {
    return await run(parse(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ferry: ${error.message}\n\n${error.usage}`);
      return EXIT.usage;
    }
    return fatal(errorMessage(error));
  }
}
