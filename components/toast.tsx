"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

const SHOWN_FOR_MS = 6_000;

type Toast = { id: number; message: string };
const ToastContext = createContext<(message: string) => void>(() => {});

/** `toast("Key revoked.")`: confirms a mutation in the page's live region. */
export function useToast(): (message: string) => void {
  return useContext(ToastContext);
}

/**
 * One polite live region for the whole app. It is always in the page (a region added together
 * with its text is often not announced); each toast is its own line and leaves after a few seconds.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const toast = useCallback((message: string) => {
    const id = ++nextId.current;
    setToasts((shown) => [...shown.slice(-2), { id, message }]);
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setToasts((shown) => shown.filter((t) => t.id !== id));
    }, SHOWN_FOR_MS);
    timers.current.add(timer);
  }, []);
  const dismiss = (id: number) => setToasts((shown) => shown.filter((t) => t.id !== id));
  const value = useMemo(() => toast, [toast]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-label="Notifications" className="pointer-events-none fixed inset-x-4 bottom-4 z-[70] flex flex-col items-end gap-2 sm:left-auto">
        {toasts.map((t) => (
          <div key={t.id} className="pointer-events-auto flex max-w-sm items-start gap-3 rounded-lg bg-zinc-900 px-4 py-3 text-sm text-zinc-50 shadow-lg ring-1 ring-zinc-900/10">
            <p className="flex-1">{t.message}</p>
            <button type="button" onClick={() => dismiss(t.id)} aria-label="Dismiss" className="-m-1 rounded p-1 leading-none text-zinc-300 hover:text-zinc-50">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
