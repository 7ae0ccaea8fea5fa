// A button that asks for a reason in a dialog before it acts (hiding a review, disabling an account):
// the reason is kept with the change and in the audit log. The dialog says what went wrong if the
// action fails, and closes when it succeeds.
import { useRef, useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';

interface ReasonButtonProps {
  label: string;
  /** The dialog's accessible name. */
  dialogLabel: string;
  question: string;
  explanation: string;
  confirmLabel: string;
  danger: boolean;
  onSubmit: (reason: string) => Promise<void>;
}

export function ReasonButton({ label, dialogLabel, question, explanation, confirmLabel, danger, onSubmit }: ReasonButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const send = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setProblem('Give a reason: it is kept with the change and in the audit log.');
      return;
    }
    setBusy(true);
    try {
      await onSubmit(reason);
      dialog.current?.close();
      setReason('');
      setProblem(undefined);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={danger ? 'button-danger' : undefined} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} class="confirm" aria-label={dialogLabel}>
        <form onSubmit={(e) => void send(e)}>
          <p>
            <strong>{question}</strong>
          </p>
          <p class="muted">{explanation}</p>
          <label>
            Reason
            <input value={reason} maxLength={500} aria-invalid={problem ? 'true' : undefined} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          {problem && (
            <p class="form-error" role="alert">
              {problem}
            </p>
          )}
          <div class="confirm-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              Keep it as it is
            </button>
            <button type="submit" class={danger ? 'button-danger' : 'button-primary'} disabled={busy}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
