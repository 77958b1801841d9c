/**
 * Vitest global setup. Later: starts the private PostgreSQL used by the storage contract tests.
 */
export default function setup(): void {}
