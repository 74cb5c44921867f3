"use client";
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";

// Radix returns focus to a Dialog.Trigger, but ours open from state (a button, a row menu's item,
// another dialog), so it would land on <body>. The opener is the last control focused outside any
// dialog or menu: for a row menu's "Edit" that is the row's "⋯", for the reveal dialog that
// follows Create it is "Create key". One listener for the whole page remembers it.
const OVERLAY = '[role="dialog"], [role="alertdialog"], [role="menu"], [data-radix-popper-content-wrapper]';
let lastFocusedOutside: HTMLElement | null = null;
let listening = false;

function remember(event: FocusEvent) {
  const target = event.target;
  if (!(target instanceof HTMLElement) || target === document.body) return;
  // A menu opened by pointer never focused its trigger (Radix prevents it): its item stands for it.
  const menu = target.closest<HTMLElement>('[role="menu"]');
  const trigger = menu?.id ? document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`) : null;
  if (trigger && !trigger.closest(OVERLAY)) lastFocusedOutside = trigger;
  else if (!target.closest(OVERLAY)) lastFocusedOutside = target;
}

const labelOf = (element: HTMLElement) => (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();

/** The control to return to: the opener, or the same control re-rendered (the empty state's "Create key" becomes the header's), or the page's main. */
function returnTarget(opener: HTMLElement | null, label: string): HTMLElement | null {
  if (opener?.isConnected) return opener;
  if (label) {
    const same = Array.from(document.querySelectorAll<HTMLElement>("main button, main a[href]")).find((element) => labelOf(element) === label);
    if (same) return same;
  }
  return document.getElementById("main");
}

/** For a dialog's `onCloseAutoFocus`: focus goes back to what opened it, never to <body>. */
export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<{ element: HTMLElement | null; label: string }>({ element: null, label: "" });
  useEffect(() => {
    if (listening) return;
    document.addEventListener("focusin", remember, true);
    listening = true;
  }, []);
  useLayoutEffect(() => {
    if (open) opener.current = { element: lastFocusedOutside, label: lastFocusedOutside ? labelOf(lastFocusedOutside) : "" };
  }, [open]);
  return useCallback((event: Event) => {
    event.preventDefault();
    // Radix calls this a tick after closing; when the close opened another dialog (Create, then
    // the reveal), focus belongs to that one.
    if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
    returnTarget(opener.current.element, opener.current.label)?.focus();
  }, []);
}
