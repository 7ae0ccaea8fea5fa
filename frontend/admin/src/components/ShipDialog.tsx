// Shipping an order: the carrier and tracking number the shopper's mail will carry, checked as they
// are typed (the API's own rule: 4–40 letters, digits, spaces or dashes) before anything is sent.
import { useRef, useState } from 'preact/hooks';

const TRACKING_NUMBER = /^[A-Za-z0-9 -]{4,40}$/;

interface Shipment {
  carrier: string;
  trackingNumber: string;
}

function problemsOf(value: Shipment): Partial<Record<keyof Shipment, string>> {
  return {
    ...(value.carrier.trim() === '' ? { carrier: 'Enter the carrier (UPS, USPS, DHL…).' } : value.carrier.trim().length > 60 ? { carrier: 'At most 60 characters.' } : {}),
    ...(TRACKING_NUMBER.test(value.trackingNumber.trim()) ? {} : { trackingNumber: 'Enter the tracking number: 4–40 letters, digits, spaces or dashes.' }),
  };
}

export function ShipButton({ orderNumber, onShip }: { orderNumber: string; onShip: (shipment: Shipment) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState<Shipment>({ carrier: '', trackingNumber: '' });
  const [touched, setTouched] = useState<Partial<Record<keyof Shipment, boolean>>>({});
  const problems = problemsOf(value);
  const field = (name: keyof Shipment, label: string) => {
    const problem = touched[name] ? problems[name] : undefined;
    const id = `ship-${orderNumber}-${name}`;
    return (
      <label>
        {label}
        <input
          value={value[name]}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onInput={(e) => setValue({ ...value, [name]: e.currentTarget.value })}
          onBlur={() => setTouched({ ...touched, [name]: true })}
        />
        {problem && (
          <span class="form-error" id={`${id}-problem`}>
            {problem}
          </span>
        )}
      </label>
    );
  };
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
            onShip({ carrier: value.carrier.trim(), trackingNumber: value.trackingNumber.trim() });
          }}
        >
          <p>
            <strong>Ship order {orderNumber}</strong>
          </p>
          {field('carrier', 'Carrier')}
          {field('trackingNumber', 'Tracking number')}
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
