// Demo / prod switch. The choice goes into the URL (env=…), so a shared link opens the same env.
import { useSetViewParams } from '../router/view-hooks';
import type { EnvChoice } from '../router/view-params';

export function EnvSwitch({ shown }: { shown: EnvChoice | null }) {
  const set = useSetViewParams();
  return (
    <div className="env-switch" role="group" aria-label="Environment">
      {(['demo', 'prod'] as const).map((e) => (
        <button
          key={e}
          type="button"
          className={`env-btn env-btn-${e} ${shown === e ? 'active' : ''}`}
          aria-pressed={shown === e}
          onClick={() => set({ env: e })}
        >
          {e.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
