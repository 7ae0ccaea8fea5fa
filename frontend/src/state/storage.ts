// localStorage, read and written as JSON, tolerant of a full or disabled store (private windows).

const PREFIX = 'mineral-shop.';

export function readStored<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined || value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the value lives for this page only.
  }
}

/** Calls `onChange` when another tab changes `key`. */
export function watchStored(key: string, onChange: () => void): void {
  addEventListener('storage', (event) => {
    if (event.key === null || event.key === PREFIX + key) onChange();
  });
}
