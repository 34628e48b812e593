/** A small, strict argument parser: unknown flags and missing values are usage errors (exit 2). */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positional: string[];
  /** The last value of each flag given. */
  readonly flags: Map<string, string | true>;
  /** Every value of flags that may be repeated (`--include-dir A --include-dir B`). */
  readonly lists: Map<string, string[]>;
}

/** `spec` maps each accepted flag to whether it takes a value. Short aliases map to long names. */
export function parseArgs(argv: readonly string[], spec: Record<string, boolean>, aliases: Record<string, string> = {}): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq === -1 ? arg : arg.slice(0, eq);
    const name = aliases[rawName] ?? rawName;
    if (!(name in spec)) throw new UsageError(`unknown option '${rawName}'`);
    if (!spec[name]) {
      if (eq !== -1) throw new UsageError(`option '${name}' takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option '${name}' needs a value`);
    flags.set(name, value);
    lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { positional, flags, lists };
}
