/** See v8-flags.mjs. */
export declare function v8FlagsFor(v8Version: string): string[];
export declare function launcherFlagLines(): string[];
