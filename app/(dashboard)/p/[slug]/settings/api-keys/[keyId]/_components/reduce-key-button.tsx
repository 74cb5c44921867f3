"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/toast";
import { reduceKeyAction } from "../../actions";

/** "Reduce to what it used": one click, then the page shows the key as Custom with the used permissions. */
export function ReduceKeyButton({ projectSlug, keyId, keyName, version }: { projectSlug: string; keyId: string; keyName: string; version: number }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const toast = useToast();
  const reduce = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await reduceKeyAction(null, { projectSlug, id: keyId, version });
      if (result.ok) toast(`Key “${keyName}” reduced to a Custom key with the permissions it used.`);
      else setError(result.error.message);
    });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button size="sm" variant="secondary" disabled={pending} onClick={reduce}>
        {pending ? "Reducing…" : "Reduce to what it used"}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
