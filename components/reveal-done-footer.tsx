"use client";
import { useEffect, useState } from "react";
import { Button } from "./ui/button";

/**
 * A reveal-once dialog's close guard: closing before the secret was copied asks first (`confirming`);
 * a new secret starts over. `close` is what "Done" and the dialog's own close call.
 */
export function useRevealClose(revealed: unknown, onClose: () => void) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    setCopied(false);
    setConfirming(false);
  }, [revealed]);
  const close = () => (!copied && !confirming ? setConfirming(true) : onClose());
  return { copied, setCopied, confirming, setConfirming, close };
}

type RevealDoneFooterProps = {
  /** True once "Done" was pressed before the secret was copied: the last warning shows. */
  confirming: boolean;
  /** "You haven't copied the key." */
  warning: string;
  onDone: () => void;
  onBack: () => void;
  onCloseAnyway: () => void;
};

/** A reveal-once dialog's footer: "Done", or a last warning when the secret was never copied. */
export function RevealDoneFooter({ confirming, warning, onDone, onBack, onCloseAnyway }: RevealDoneFooterProps) {
  return confirming ? (
    <div role="alert" className="flex flex-wrap items-center justify-end gap-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
      <span className="mr-auto">{warning} Close anyway?</span>
      <Button variant="secondary" onClick={onBack} autoFocus>
        Keep open
      </Button>
      <Button variant="danger" onClick={onCloseAnyway}>
        Close anyway
      </Button>
    </div>
  ) : (
    <div className="flex justify-end">
      <Button onClick={onDone}>Done</Button>
    </div>
  );
}
