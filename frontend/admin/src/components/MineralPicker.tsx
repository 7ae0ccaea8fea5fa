// Finding minerals by name and keeping a chosen few (a coupon's specimens, a campaign's featured ones).
import { useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';
import { adminFetch, type AdminMineralPage } from '../api';
import { toast } from './Toasts';

export type PickedMineral = { id: string; name: string };

/** Finds minerals by name (the admin list's search) and adds them to a list: a coupon's specimens, a campaign's featured ones. */
export function MineralPicker({ legend, chosen, onChange, max }: { legend: string; chosen: PickedMineral[]; onChange: (m: PickedMineral[]) => void; max?: number }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Array<{ id: string; name: string }>>([]);
  const search = async () => {
    try {
      const page = await adminFetch<AdminMineralPage>(`/api/admin/minerals?q=${encodeURIComponent(q.trim())}&limit=10`);
      setFound(page.items.map((m) => ({ id: m.id, name: m.name })));
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  return (
    <fieldset>
      <legend>{legend}</legend>
      {chosen.length > 0 && (
        <ul class="chips" aria-label="Chosen specimens">
          {chosen.map((m) => (
            <li key={m.id}>
              {m.name}
              <button type="button" aria-label={`Remove ${m.name}`} onClick={() => onChange(chosen.filter((c) => c.id !== m.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="filters">
        <label class="inline-field">
          Find by name
          <input
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
          />
        </label>
        <button type="button" onClick={() => void search()}>
          Search
        </button>
      </div>
      {found.length > 0 && (
        <ul class="plain-list" aria-label="Minerals found">
          {found.map((m) => (
            <li key={m.id}>
              {m.name}{' '}
              <button type="button" disabled={chosen.some((c) => c.id === m.id) || (max !== undefined && chosen.length >= max)} onClick={() => onChange([...chosen, m])}>
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

