// Results of what the admin did, announced politely and gone after a few seconds.
import { signal } from '@preact/signals';

interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

const toasts = signal<Toast[]>([]);
let nextId = 1;

export function toast(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, kind, text }];
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
