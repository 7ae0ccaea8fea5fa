// Confirmation before anything destructive: a modal <dialog> (focus trapped, Escape cancels).
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

interface ConfirmButtonProps {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  children?: ComponentChildren;
}

export function ConfirmButton({ label, question, confirmLabel, onConfirm, children }: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" class="button-danger" onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} class="confirm" aria-label={question}>
        <p>
          <strong>{question}</strong>
        </p>
        {children}
        <form method="dialog" class="confirm-actions">
          <button type="submit" value="cancel">
            Keep it
          </button>
          <button type="submit" class="button-danger" value="confirm" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </form>
      </dialog>
    </>
  );
}
