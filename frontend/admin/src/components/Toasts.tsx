// Results of what the admin did, announced politely and gone after a few seconds.
import { signal } from '@preact/signals';

interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

const toasts = signal<Toast[]>([]);
const MAX_TOASTS = 3;
let nextId = 1;

export function toast(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  // The newest few: a burst of results (several photos uploaded at once) must not cover the page.
  toasts.value = [...toasts.value, { id, kind, text }].slice(-MAX_TOASTS);
  setTimeout(() => (toasts.value = toasts.value.filter((t) => t.id !== id)), 6_000);
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.value.map((t) => (
        <p key={t.id} class={`toast toast-${t.kind}`}>
          {t.text}
        </p>
      ))}
    </div>
  );
}
