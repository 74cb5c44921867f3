"use client";
import { useState } from "react";
import { Button } from "./ui/button";

type CopyButtonProps = {
  value: string;
  onCopied?: () => void;
  label?: string;
  /** Completes the accessible name where several copy buttons share a page ("Copy client id of Billing"). */
  what?: string;
  size?: "sm" | "md";
};

/** Copies `value` to the clipboard and says "Copied" for a moment. */
export function CopyButton({ value, onCopied, label = "Copy", what, size }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setFailed(false);
      onCopied?.();
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setFailed(true);
    }
  }
  return (
    <>
      <Button variant="secondary" size={size} onClick={copy} aria-live="polite">
        {copied ? "Copied" : label}
        {what && <span className="sr-only"> {what}</span>}
      </Button>
      {failed && <span className="text-xs text-red-600">Copy failed: select the text and copy it.</span>}
    </>
  );
}
