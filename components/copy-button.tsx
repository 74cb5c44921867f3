"use client";
import { useState } from "react";
import { Button } from "./ui/button";

/** Copies `value` to the clipboard and says "Copied" for a moment. */
export function CopyButton({ value, onCopied, label = "Copy" }: { value: string; onCopied?: () => void; label?: string }) {
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
      <Button variant="secondary" onClick={copy} aria-live="polite">
        {copied ? "Copied" : label}
      </Button>
      {failed && <span className="text-xs text-red-600">Copy failed: select the text and copy it.</span>}
    </>
  );
}
