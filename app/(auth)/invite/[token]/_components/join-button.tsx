"use client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { acceptInvitationAction } from "../actions";

export function JoinButton({ token, projectName }: { token: string; projectName: string }) {
  const { state, onSubmit, pending, formError } = useFormAction(acceptInvitationAction, {
    onSuccess: ({ projectSlug }) => window.location.assign(`/p/${projectSlug}/settings/api-keys`),
  });
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4">
      <FormError message={formError} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending || Boolean(state?.ok)}>
        {pending || state?.ok ? "Joining…" : `Join ${projectName}`}
      </Button>
    </form>
  );
}
