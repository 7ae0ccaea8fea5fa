// Loading, error and notice blocks every page uses, so they look and read the same everywhere.
import type { ComponentChildren } from 'preact';
import { messageOf } from '../api/http';

export function Loading({ label = 'Loading…', minHeight }: { label?: string; minHeight?: string }) {
  return (
    <div class="loading" role="status" style={minHeight ? { minHeight } : undefined}>
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="message error" role="alert">
      <p>{messageOf(error)}</p>
      {onRetry && (
        <button type="button" class="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A message that appears after an action: `alert` for problems, `status` for news. */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`message ${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
