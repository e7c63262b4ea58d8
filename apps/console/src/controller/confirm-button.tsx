import { useEffect, useState } from 'preact/hooks';

/** A destructive action in two presses: the first arms it (for five seconds), the second runs it. */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  disabled,
  class: extra,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  class?: string;
}) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 5000);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <button
      type="button"
      class={`btn btn-danger${armed ? ' armed' : ''}${extra ? ` ${extra}` : ''}`}
      disabled={disabled}
      onClick={() => {
        if (armed) {
          setArmed(false);
          onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? confirmLabel : label}
    </button>
  );
}
