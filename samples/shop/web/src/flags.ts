// A tiny client for the flags the server sends down.
const flags: Record<string, boolean> = (globalThis as any).__FLAGS__ ?? {};

export function isEnabled(key: string): boolean {
  return flags[key] === true;
}

export function useFlag(key: string): boolean {
  return isEnabled(key);
}
