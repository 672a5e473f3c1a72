import { useEffect, useRef } from 'react';

/**
 * Keyboard focus for the panel's inline editors, which replace their Edit button with a form: opening moves the
 * focus into the form (its first field has `autoFocus`), and closing it — saved or cancelled — hands the focus back
 * to the Edit button, instead of dropping it to the top of the page when the form disappears.
 */
export function useReturnFocus() {
  const button = useRef<HTMLButtonElement>(null);
  const pending = useRef(false);
  // After every render: the button is back only once the form has gone, so the focus waits for it.
  useEffect(() => {
    if (pending.current && button.current) {
      button.current.focus();
      pending.current = false;
    }
  });
  return {
    button,
    returnFocus: () => {
      pending.current = true;
    },
  };
}
