/**
 * How a repository runs a statement: outside a transaction it waits while one is open (other
 * callers would otherwise land inside it: one SQLite connection serves everything); inside, it
 * runs at once.
 */
export type Run = <T>(statement: () => T) => Promise<T>;
