/** See v8-flags.mjs. */
export declare const V8_FLAGS: ReadonlyArray<{ flag: string; from: number; to: number }>;
export declare function v8FlagsFor(v8Version: string): string[];
export declare function launcherFlagLines(): string[];
