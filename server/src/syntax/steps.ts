/**
 * Work that can pause. Long computations (lexing a huge file, running every rule over a workspace) are
 * generators that yield between pieces of work: the language server runs them a slice at a time, answers
 * requests in between, and drops a run that an edit has made outdated. Everything else drains them at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end, without pausing. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
