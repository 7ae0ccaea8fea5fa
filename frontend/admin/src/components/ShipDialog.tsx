// Shipping an order: the carrier (from the shop's list, or another by name) and the tracking number the
// shopper's mail will carry, checked as they are typed with the API's own rules
// (shared/domain/carriers.ts: a known carrier's number must fit its format) before anything is sent.
import { useRef, useState } from 'preact/hooks';
import { CARRIERS, checkTracking } from '../../../../shared/domain/carriers';

interface Shipment {
  carrier: string;
  trackingNumber: string;
}

const OTHER = 'other';

interface Draft {
  /** A carrier's id from the list, or OTHER. */
  choice: string;
  otherName: string;
  trackingNumber: string;
}

function problemsOf(draft: Draft): Partial<Record<'carrier' | 'trackingNumber', string>> {
  const carrier = draft.choice === OTHER ? draft.otherName.trim() : (CARRIERS.find((c) => c.id === draft.choice)?.name ?? '');
  const problems: Partial<Record<'carrier' | 'trackingNumber', string>> = {};
  if (draft.choice === '') problems.carrier = 'Choose the carrier.';
  else if (carrier === '') problems.carrier = 'Enter the carrier’s name.';
  else if (carrier.length > 60) problems.carrier = 'At most 60 characters.';
  const check = checkTracking(carrier || 'other', draft.trackingNumber);
  if (draft.trackingNumber.trim() === '') problems.trackingNumber = 'Enter the tracking number.';
  else if (!check.ok) problems.trackingNumber = check.message;
  return problems;
}

export function ShipButton({ orderNumber, onShip }: { orderNumber: string; onShip: (shipment: Shipment) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>({ choice: '', otherName: '', trackingNumber: '' });
  const [touched, setTouched] = useState<Partial<Record<'carrier' | 'trackingNumber', boolean>>>({});
  const problems = problemsOf(draft);
  const id = (name: string) => `ship-${orderNumber}-${name}`;
  const problemOf = (name: 'carrier' | 'trackingNumber') => (touched[name] ? problems[name] : undefined);
  const describedBy = (name: 'carrier' | 'trackingNumber') => (problemOf(name) ? `${id(name)}-problem` : undefined);
  const problemLine = (name: 'carrier' | 'trackingNumber') =>
    problemOf(name) && (
      <span class="form-error" id={`${id(name)}-problem`}>
        {problemOf(name)}
      </span>
    );
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        Ship
      </button>
      <dialog ref={dialog} class="confirm" aria-label={`Ship order ${orderNumber}`}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched({ carrier: true, trackingNumber: true });
            if (Object.keys(problems).length > 0) return;
            dialog.current?.close();
            const carrier = draft.choice === OTHER ? draft.otherName.trim() : CARRIERS.find((c) => c.id === draft.choice)!.name;
            onShip({ carrier, trackingNumber: draft.trackingNumber.trim() });
          }}
        >
          <p>
            <strong>Ship order {orderNumber}</strong>
          </p>
          <label>
            Carrier
            <select
              value={draft.choice}
              aria-invalid={problemOf('carrier') && draft.choice === '' ? 'true' : undefined}
              aria-describedby={draft.choice === '' ? describedBy('carrier') : undefined}
              onChange={(e) => setDraft({ ...draft, choice: e.currentTarget.value })}
              onBlur={() => setTouched({ ...touched, carrier: true })}
            >
              <option value="">Choose…</option>
              {CARRIERS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value={OTHER}>Another carrier</option>
            </select>
          </label>
          {draft.choice === OTHER && (
            <label>
              Carrier’s name
              <input
                value={draft.otherName}
                aria-invalid={problemOf('carrier') ? 'true' : undefined}
                aria-describedby={describedBy('carrier')}
                onInput={(e) => setDraft({ ...draft, otherName: e.currentTarget.value })}
                onBlur={() => setTouched({ ...touched, carrier: true })}
              />
            </label>
          )}
          {problemLine('carrier')}
          <label>
            Tracking number
            <input
              value={draft.trackingNumber}
              aria-invalid={problemOf('trackingNumber') ? 'true' : undefined}
              aria-describedby={describedBy('trackingNumber')}
              onInput={(e) => setDraft({ ...draft, trackingNumber: e.currentTarget.value })}
              onBlur={() => setTouched({ ...touched, trackingNumber: true })}
            />
            {problemLine('trackingNumber')}
          </label>
          <div class="confirm-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              Not yet
            </button>
            <button type="submit" class="button-primary">
              Mark shipped
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
